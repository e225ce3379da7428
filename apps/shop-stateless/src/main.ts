// Entry of the stateless shop: sessions in Redis through connect-redis, carts and orders in Redis.
// Only wiring lives here; everything else is @stateshift/shop. Compare with apps/shop-stateful/src/main.ts.
import {
  buildShop, createLogger, createRedisCartStore, createSessionCartStore, DEFAULT_LIMITS, loadConfig, serveShop,
  connectConfiguredRedis, createRedisSessionStore,
} from '@stateshift/shop';

const config = loadConfig(process.env, { variant: 'stateless', cartStores: ['redis', 'session'] });
const logger = createLogger({ level: config.logLevel, nodeId: config.nodeId });
const lifecycle = { draining: false };
const redis = await connectConfiguredRedis(config, logger);
const sessionStore = createRedisSessionStore(redis);
const carts = config.cartStore === 'session'
  ? createSessionCartStore({ limits: DEFAULT_LIMITS })
  : createRedisCartStore(redis, { idleSeconds: config.sessionIdleSeconds, limits: DEFAULT_LIMITS });

const app = buildShop({
  config, logger, sessionStore, carts, lifecycle, checkReady: redis.ping, primary: redis.primary,
});
await serveShop({ app, config, logger, lifecycle, onClose: redis.close });
