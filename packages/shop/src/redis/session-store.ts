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
  // connect-redis uses only these calls of the client on the request path; each goes through redis.run(), and
  // every write through runWrite() (REDIS_WAIT). A TTL refresh (expire) is not waited for: losing one on a
  // failover shortens a session's life by at most its idle time, it loses no data.
  const write = redis.runWrite ?? redis.run;
  const client = {
    get: (key: string) => redis.run((c) => c.get(key)),
    set: async (key: string, value: string, opts?: { expiration?: { type: 'EX'; value: number } }) => {
      const reply = await write((c) => c.set(key, value, opts));
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
      return write((c) => c.del(keys));
    },
    mGet: (keys: string[]) => redis.run((c) => c.mGet(keys)),
    scanIterator: (opts: { MATCH: string; COUNT: number }) => scanKeys(redis, opts),
  };
  return new RedisStore({ client, prefix: options.prefix ?? 'shop:sess:' });
}

/** SCAN through run(), one bounded call per page, so it works over Sentinel too (no long-lived client needed). */
async function* scanKeys(redis: RedisConnection, opts: { MATCH: string; COUNT: number }): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const page = await redis.run((c) => c.scan(cursor, opts));
    cursor = page.cursor;
    yield page.keys;
  } while (cursor !== '0');
}
