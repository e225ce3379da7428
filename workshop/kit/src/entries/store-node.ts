// A stateless shop node whose cart store is the trainee's (exercises 03 and 04): the same wiring as
// apps/shop-stateless, except the cart store comes from createCartStore in WORKSHOP_CART_STORE_MODULE. Each node
// is its own process, so whatever the trainee keeps at module level (a cache, a Map, a lock) is per node, as in
// production.
import { pathToFileURL } from 'node:url';
import {
  buildShop, connectRedis, createLogger, createRedisSessionStore, serveShop, type CartStore, type RedisConnection,
} from '@stateshift/shop';
import { loadStoreConfig } from './store-config.ts';

type Factory = (
  redis: RedisConnection,
  options: { idleSeconds: number; limits: { maxLines: number; maxQuantity: number }; prefix: string },
) => CartStore;

const { shop: config, storeModule, prefix, limits } = loadStoreConfig(process.env);
const logger = createLogger({ level: config.logLevel, nodeId: config.nodeId });
const lifecycle = { draining: false };
const mod = await import(pathToFileURL(storeModule).href) as { createCartStore?: Factory };
if (typeof mod.createCartStore !== 'function') {
  throw new Error(`${storeModule} must export a function createCartStore`);
}
if (config.redisUrl === undefined) {
  throw new Error('REDIS_URL is not set (the check starts a private Redis and passes it)');
}
const redis = await connectRedis({ url: config.redisUrl, logger });
const sessionStore = createRedisSessionStore(redis);
const carts = mod.createCartStore(redis, { idleSeconds: config.sessionIdleSeconds, limits, prefix });
const app = buildShop({ config, logger, sessionStore, carts, lifecycle, checkReady: redis.ping });
await serveShop({ app, config, logger, lifecycle, onClose: redis.close });
