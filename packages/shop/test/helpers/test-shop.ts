// Starts a real shop (buildShop + http server on port 0) for one cart store kind, with its own Redis
// connection when the kind needs one. Used by the matrix suites; close() stops everything it started.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import {
  buildShop, connectRedis, createLogger, createMemoryCartStore, createRedisCartStore, createRedisSessionStore,
  createSessionCartStore, DEFAULT_LIMITS, CappedMemoryStore, DEFAULT_MAX_SESSIONS, type CartLimits, type CartStoreKind,
  type RedisConnection,
} from '../../src/index.ts';
import { REDIS_CART_STORE_MODULE } from './test-config.ts';

export const KINDS: readonly CartStoreKind[] = ['memory', 'redis', 'session'];

export interface TestShop {
  readonly url: string;
  readonly nodeId: string;
  readonly redis: RedisConnection | undefined;
  /** The carts' own connection when `cartsRedisUrl` was given, else the same as `redis`. */
  readonly cartsRedis: RedisConnection | undefined;
  close(): Promise<void>;
}

export interface TestShopOptions {
  readonly kind: CartStoreKind;
  /** Needed for redis and session kinds (sessions in Redis). */
  readonly redisUrl?: string;
  /** redis kind only: keep carts in this other Redis (sessions stay in `redisUrl`), to fail one without the other. */
  readonly cartsRedisUrl?: string;
  readonly nodeId?: string;
  readonly limits?: CartLimits;
  readonly prefix?: string;
  readonly sessionCookie?: string;
}

export async function startTestShop(o: TestShopOptions): Promise<TestShop> {
  const nodeId = o.nodeId ?? `test-${o.kind}`;
  const logger = createLogger({ level: 'silent', nodeId });
  const limits = o.limits ?? DEFAULT_LIMITS;
  const redis = o.kind === 'memory' ? undefined : await connectRedis({ url: need(o.redisUrl), logger });
  const cartsRedis = o.kind === 'redis' && o.cartsRedisUrl
    ? await connectRedis({ url: o.cartsRedisUrl, logger })
    : redis;
  const sessionStore = redis ? createRedisSessionStore(redis, { prefix: `${o.prefix ?? ''}sess:` })
    : new CappedMemoryStore({ maxSessions: DEFAULT_MAX_SESSIONS });
  const carts = o.kind === 'memory' ? createMemoryCartStore({ idleSeconds: 1800, limits })
    : o.kind === 'session' ? createSessionCartStore({ limits })
      : (await redisCartStoreFactory())(cartsRedis!, { idleSeconds: 1800, limits, prefix: o.prefix ?? 'shop:' });
  const variant = redis ? 'stateless' as const : 'stateful' as const;
  const config = {
    variant, nodeId, sessionSecrets: ['test-secret'], sessionIdleSeconds: 1800, sessionCookie: o.sessionCookie,
  };
  const app = buildShop({ config, logger, sessionStore, carts, checkReady: redis?.ping });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    nodeId,
    redis,
    cartsRedis,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (cartsRedis !== redis) await cartsRedis?.close();
      await redis?.close();
    },
  };
}

function need(url: string | undefined): string {
  if (!url) throw new Error('this cart store kind needs a redisUrl');
  return url;
}

/** The shop's own Redis cart store, or the one SHOP_TEST_REDIS_CART_STORE names (a workshop trainee's). */
async function redisCartStoreFactory(): Promise<typeof createRedisCartStore> {
  if (!REDIS_CART_STORE_MODULE) return createRedisCartStore;
  const mod = await import(pathToFileURL(REDIS_CART_STORE_MODULE).href) as { createCartStore?: unknown };
  if (typeof mod.createCartStore !== 'function') {
    throw new Error(`${REDIS_CART_STORE_MODULE} must export a function createCartStore`);
  }
  return mod.createCartStore as typeof createRedisCartStore;
}
