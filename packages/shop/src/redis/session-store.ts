// Sessions in Redis through connect-redis, every call bounded by the connection's fail-fast rules, so a Redis
// outage surfaces in express-session as a store failure (SHOP_ERR_STORE_*, then a 503), never as a hang.
// Like connect-mongo's `touchAfter`, an unchanged session's TTL is refreshed at most once per `touchAfterSeconds`
// from one node (and at least every tenth of the TTL): that saves a Redis round trip on most reads, and the idle
// timeout stays within that margin.
import { RedisStore } from 'connect-redis';
import type { Store } from 'express-session';
import type { RedisConnection } from './connection.ts';

export interface RedisSessionStoreOptions {
  readonly prefix?: string;
  /** 0 refreshes the TTL on every request. */
  readonly touchAfterSeconds?: number;
}

const MAX_REMEMBERED = 10_000;

export function createRedisSessionStore(redis: RedisConnection, options: RedisSessionStoreOptions = {}): Store {
  const touchAfterMs = (options.touchAfterSeconds ?? 60) * 1000;
  const touched = new Map<string, number>();
  const remember = (key: string) => {
    if (touched.size >= MAX_REMEMBERED) touched.clear();
    touched.set(key, Date.now());
  };
  // connect-redis uses only these calls of the client on the request path; each goes through redis.run().
  const client = {
    get: (key: string) => redis.run((c) => c.get(key)),
    set: async (key: string, value: string, opts?: { expiration?: { type: 'EX'; value: number } }) => {
      const reply = await redis.run((c) => c.set(key, value, opts));
      remember(key);
      return reply;
    },
    expire: async (key: string, seconds: number) => {
      const last = touched.get(key);
      if (last !== undefined && Date.now() - last < Math.min(touchAfterMs, seconds * 100)) return 1;
      const reply = await redis.run((c) => c.expire(key, seconds));
      remember(key);
      return reply;
    },
    del: (keys: string[]) => {
      for (const key of keys) touched.delete(key);
      return redis.run((c) => c.del(keys));
    },
    mGet: (keys: string[]) => redis.run((c) => c.mGet(keys)),
    scanIterator: (opts: { MATCH: string; COUNT: number }) => redis.client.scanIterator(opts),
  };
  return new RedisStore({ client, prefix: options.prefix ?? 'shop:sess:' });
}
