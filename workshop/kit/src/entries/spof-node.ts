// A stateless shop node whose Redis connection comes from the trainee (exercise 06): the same wiring as
// apps/shop-stateless, except connectRedis is replaced by the module named in WORKSHOP_REDIS_MODULE.
import { pathToFileURL } from 'node:url';
import {
  buildShop, createLogger, createRedisCartStore, createRedisSessionStore, DEFAULT_LIMITS, serveShop,
  type RedisConnection,
} from '@stateshift/shop';
import { loadSpofConfig } from './spof-config.ts';

const { shop: config, redisModule } = loadSpofConfig(process.env);
const logger = createLogger({ level: config.logLevel, nodeId: config.nodeId });
const lifecycle = { draining: false };
const mod = await import(pathToFileURL(redisModule).href) as {
  connectWorkshopRedis?: (url: string) => Promise<RedisConnection>;
};
if (typeof mod.connectWorkshopRedis !== 'function') {
  throw new Error(`${redisModule} must export connectWorkshopRedis(url)`);
}
if (config.redisUrl === undefined) {
  throw new Error('REDIS_URL is not set (the check starts a private Redis and passes it)');
}
const redis = await mod.connectWorkshopRedis(config.redisUrl);
const sessionStore = createRedisSessionStore(redis);
const carts = createRedisCartStore(redis, { idleSeconds: config.sessionIdleSeconds, limits: DEFAULT_LIMITS });
const app = buildShop({ config, logger, sessionStore, carts, lifecycle, checkReady: redis.ping });
await serveShop({ app, config, logger, lifecycle, onClose: redis.close });
