// Redis' `used_memory` (INFO memory) and a count of keys by pattern, over one plain RESP connection
// (resp-connection.ts). Each resolves null when Redis does not answer within the bound or the URL names no port;
// never throws.
import { openResp, type RespConnection } from './resp-connection.ts';

export async function redisUsedMemory(url: string, timeoutMs = 2_000): Promise<number | null> {
  return withResp(url, timeoutMs, async (redis) => {
    const info = await redis.command(['INFO', 'memory']);
    const match = typeof info === 'string' ? /^used_memory:(\d+)\r?$/m.exec(info) : null;
    return match?.[1] ? Number(match[1]) : null;
  });
}

/** Keys matching `pattern`, by SCAN (never KEYS, which blocks Redis); at most `maxRounds` replies. */
export async function redisKeyCount(url: string, pattern: string, timeoutMs = 2_000, maxRounds = 10_000)
  : Promise<number | null> {
  return withResp(url, timeoutMs, async (redis) => {
    let cursor = '0';
    let count = 0;
    for (let round = 0; round < maxRounds; round++) {
      const reply = await redis.command(['SCAN', cursor, 'MATCH', pattern, 'COUNT', '1000']);
      if (!Array.isArray(reply) || typeof reply[0] !== 'string' || !Array.isArray(reply[1])) return null;
      count += reply[1].length;
      cursor = reply[0];
      if (cursor === '0') return count;
    }
    return null;
  });
}

type Use = (redis: RespConnection) => Promise<number | null>;

async function withResp(url: string, timeoutMs: number, use: Use): Promise<number | null> {
  const redis = openResp(url, timeoutMs);
  if (!redis) return null;
  try {
    return await use(redis);
  } finally {
    redis.close();
  }
}
