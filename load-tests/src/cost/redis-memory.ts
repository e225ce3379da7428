// Redis' `used_memory` (INFO memory) and a count of keys by pattern, through node-redis (one short-lived client,
// no reconnects, no offline queue). Each resolves null when Redis does not answer within the bound or the URL names
// no port (never a default port: 6379 on a machine may be somebody else's Redis); never throws.
import { createClient } from 'redis';

type Client = ReturnType<typeof createClient>;

export async function redisUsedMemory(url: string, timeoutMs = 2_000): Promise<number | null> {
  return withRedis(url, timeoutMs, async (redis) => {
    const info = await within(redis.info('memory'), timeoutMs);
    const match = typeof info === 'string' ? /^used_memory:(\d+)\r?$/m.exec(info) : null;
    return match?.[1] ? Number(match[1]) : null;
  });
}

/** Keys matching `pattern`, by SCAN (never KEYS, which blocks Redis); at most `maxRounds` replies. */
export async function redisKeyCount(url: string, pattern: string, timeoutMs = 2_000, maxRounds = 10_000)
  : Promise<number | null> {
  return withRedis(url, timeoutMs, async (redis) => {
    let cursor = '0';
    let count = 0;
    for (let round = 0; round < maxRounds; round++) {
      const reply = await within(redis.scan(cursor, { MATCH: pattern, COUNT: 1000 }), timeoutMs);
      if (reply === null) return null;
      count += reply.keys.length;
      cursor = String(reply.cursor);
      if (cursor === '0') return count;
    }
    return null;
  });
}

async function withRedis(url: string, timeoutMs: number, use: (redis: Client) => Promise<number | null>)
  : Promise<number | null> {
  if (!namesPort(url)) return null;
  const redis = createClient({
    url, disableOfflineQueue: true, socket: { connectTimeout: timeoutMs, reconnectStrategy: false },
  });
  redis.on('error', () => undefined); // a failure is a null figure, reported by the caller
  try {
    if ((await within(redis.connect(), timeoutMs)) === null) return null;
    return await use(redis);
  } catch {
    return null;
  } finally {
    try { redis.destroy(); } catch { /* never connected */ }
  }
}

/** The value, or null when it did not come within `ms` (the command itself is abandoned with the client). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), ms); });
  try {
    return await Promise.race([work.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The URL parses and names its port (never a default one); a malformed URL is no figure, not a throw. */
function namesPort(url: string): boolean {
  try {
    return new URL(url).port !== '';
  } catch {
    return false;
  }
}
