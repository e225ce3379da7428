// Entry of the stateful shop: sessions in express-session's MemoryStore (capped at MAX_SESSIONS), carts and orders
// in this process.
// Only wiring lives here; everything else is @stateshift/shop. Compare with apps/shop-stateless/src/main.ts.
import {
  buildShop, createLogger, createMemoryCartStore, createSessionCartStore, DEFAULT_LIMITS, loadConfig, serveShop,
  CappedMemoryStore,
} from '@stateshift/shop';

const config = loadConfig(process.env, { variant: 'stateful', cartStores: ['memory', 'session'] });
const logger = createLogger({ level: config.logLevel, nodeId: config.nodeId });
const lifecycle = { draining: false };

const sessionStore = new CappedMemoryStore({ maxSessions: config.maxSessions });
const carts = config.cartStore === 'session'
  ? createSessionCartStore({ limits: DEFAULT_LIMITS })
  : createMemoryCartStore({ idleSeconds: config.sessionIdleSeconds, limits: DEFAULT_LIMITS });

const app = buildShop({ config, logger, sessionStore, carts, lifecycle });
await serveShop({ app, config, logger, lifecycle });
