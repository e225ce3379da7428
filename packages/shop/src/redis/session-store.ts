// Sessions in Redis through connect-redis, every call bounded by the connection's fail-fast rules, so a Redis
// outage surfaces in express-session as a SHOP_ERR_STORE_UNAVAILABLE error (then a 503), never as a hang.
import { RedisStore } from 'connect-redis';
import type { Store } from 'express-session';
import type { RedisConnection } from './connection.ts';

export function createRedisSessionStore(redis: RedisConnection, options: { prefix?: string } = {}): Store {
  // connect-redis uses only these calls of the client on the request path; each goes through redis.run().
  const client = {
    get: (key: string) => redis.run((c) => c.get(key)),
    set: (key: string, value: string, opts?: { expiration?: { type: 'EX'; value: number } }) =>
      redis.run((c) => c.set(key, value, opts)),
    expire: (key: string, seconds: number) => redis.run((c) => c.expire(key, seconds)),
    del: (keys: string[]) => redis.run((c) => c.del(keys)),
    mGet: (keys: string[]) => redis.run((c) => c.mGet(keys)),
    scanIterator: (opts: { MATCH: string; COUNT: number }) => redis.client.scanIterator(opts),
  };
  return new RedisStore({ client, prefix: options.prefix ?? 'shop:sess:' });
}
