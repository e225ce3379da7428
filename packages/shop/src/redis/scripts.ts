// Lua scripts that make every cart change one atomic step inside Redis, so concurrent requests from any number
// of nodes never lose an update and never pass a limit. Run by SHA (EVALSHA), loaded on first NOSCRIPT.
import { createHash } from 'node:crypto';
import type { RedisClient } from './connection.ts';

export interface Script {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** Expired members of the carts index (a sorted set scored by expiry ms) trimmed by each script that adds one, so
 *  the index cannot outgrow the live carts by more than what one burst left behind, and never blocks Redis long. */
export const PRUNE_BATCH = 100;
/** The same, by each `count()` (/healthz), which adds nothing. */
const COUNT_PRUNE_BATCH = 1000;

/** Lua: removes up to `batch` members of the index `key` scored at or below `now` (the lowest ranks are the oldest). */
function prune(key: string, now: string, batch: number): string {
  return `
local stale = redis.call('ZCOUNT', ${key}, '-inf', ${now})
if stale > 0 then redis.call('ZREMRANGEBYRANK', ${key}, 0, math.min(stale, ${batch}) - 1) end
`;
}

/** KEYS: cart, carts-index. ARGV: mode (add|set), productId, quantity, maxLines, maxQuantity, ttl s, expiry ms,
 *  shopper, now ms. */
export const MUTATE = script(`
local cur = tonumber(redis.call('HGET', KEYS[1], ARGV[2]) or '0')
local q = tonumber(ARGV[3])
if ARGV[1] == 'add' then q = cur + q end
if q <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[2])
else
  if q > tonumber(ARGV[5]) then return {'quantity-limit'} end
  if cur == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return {'cart-full'} end
  redis.call('HSET', KEYS[1], ARGV[2], q)
end${prune('KEYS[2]', 'ARGV[9]', PRUNE_BATCH)}if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[6])
  redis.call('ZADD', KEYS[2], ARGV[7], ARGV[8])
else
  redis.call('ZREM', KEYS[2], ARGV[8])
end
return {'ok', redis.call('HGETALL', KEYS[1])}
`);

/** KEYS: cart, carts-index. ARGV: ttl s, expiry ms, shopper, now ms. Reads the cart and refreshes its TTL with the
 *  session's. */
export const READ = script(`${prune('KEYS[2]', 'ARGV[4]', PRUNE_BATCH)}
local flat = redis.call('HGETALL', KEYS[1])
if #flat > 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
end
return flat
`);

/** KEYS: cart, carts-index, order, idempotency. ARGV: has-key (0|1), orderId, createdAt, order ttl s, key ttl s,
 *  shopper. */
export const CHECKOUT = script(`
if ARGV[1] == '1' then
  local existing = redis.call('GET', KEYS[4])
  if existing then return {'existing', existing} end
end
local flat = redis.call('HGETALL', KEYS[1])
if #flat == 0 then return {'empty'} end
local lines = {}
for i = 1, #flat, 2 do lines[#lines + 1] = { productId = flat[i], quantity = tonumber(flat[i + 1]) } end
local json = cjson.encode({ orderId = ARGV[2], createdAt = ARGV[3], lines = lines })
redis.call('SET', KEYS[3], json, 'EX', ARGV[4])
if ARGV[1] == '1' then redis.call('SET', KEYS[4], json, 'EX', ARGV[5]) end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[6])
return {'created', json}
`);

/** KEYS: carts-index. ARGV: now ms. Carts not yet expired, after trimming some expired ones. */
export const COUNT = script(`${prune('KEYS[1]', 'ARGV[1]', COUNT_PRUNE_BATCH)}
return redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[1], '+inf')
`);

export async function runScript<T>(client: RedisClient, s: Script, keys: string[], args: string[]): Promise<T> {
  const tail = [String(keys.length), ...keys, ...args];
  try {
    return await client.sendCommand(['EVALSHA', s.sha, ...tail]) as T;
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return await client.sendCommand(['EVAL', s.source, ...tail]) as T;
  }
}
