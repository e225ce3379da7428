// Where the stateless shop finds Redis, read from the environment with the rest of the config (config.ts calls
// this): one Redis (REDIS_URL), or the sentinels of a primary/replica pair (REDIS_SENTINELS + REDIS_MASTER_NAME),
// never both; and REDIS_WAIT, the replicas every write waits for.
import { ShopError } from './errors.ts';
import { fail, type Env } from './config-values.ts';

export interface RedisTopologyConfig {
  /** REDIS_SENTINELS parsed; undefined when the shop uses REDIS_URL. */
  readonly redisSentinels: readonly { readonly host: string; readonly port: number }[] | undefined;
  readonly redisMasterName: string;
  /** REDIS_WAIT=<replicas>:<ms>; undefined: no WAIT. */
  readonly redisWait: { readonly replicas: number; readonly timeoutMs: number } | undefined;
}


const HOST_PORT = /^([\w.-]{1,253}|\[[0-9a-fA-F:.]+\]):(\d{1,5})$/;

export function loadRedisTopology(env: Env): RedisTopologyConfig {
  const raw = env.REDIS_SENTINELS;
  if (raw !== undefined && env.REDIS_URL !== undefined && env.REDIS_URL !== '') {
    throw new ShopError('SHOP_ERR_CONFIG', 'REDIS_URL and REDIS_SENTINELS are both set; set one: ' +
      'REDIS_URL for one Redis, REDIS_SENTINELS (with REDIS_MASTER_NAME) for a primary found through Sentinel');
  }
  return Object.freeze({
    redisSentinels: raw === undefined ? undefined : Object.freeze(parseSentinels(raw)),
    redisMasterName: masterName(env.REDIS_MASTER_NAME),
    redisWait: parseWait(env.REDIS_WAIT),
  });
}

function parseSentinels(raw: string): { host: string; port: number }[] {
  const accepted = 'a comma-separated list of host:port (e.g. 127.0.0.1:26379,127.0.0.1:26380)';
  const parts = raw.split(',').map((p) => p.trim());
  if (raw.trim() === '' || parts.length > 16) fail('REDIS_SENTINELS', raw, accepted);
  return parts.map((part) => {
    const m = HOST_PORT.exec(part);
    const port = Number(m?.[2]);
    if (!m?.[1] || port < 1 || port > 65535) {
      fail('REDIS_SENTINELS', raw, `${accepted}; bad entry ${JSON.stringify(part)}`);
    }
    return { host: m[1].replace(/^\[|\]$/g, ''), port };
  });
}

function masterName(value: string | undefined): string {
  if (value === undefined || value === '') return 'stateshift';
  return /^[\w.-]{1,64}$/.test(value) ? value : fail('REDIS_MASTER_NAME', value, 'letters, digits, . _ - (1..64)');
}

function parseWait(value: string | undefined): RedisTopologyConfig['redisWait'] {
  if (value === undefined || value === '') return undefined;
  const m = /^(\d{1,2}):(\d{1,5})$/.exec(value);
  const replicas = Number(m?.[1]);
  const timeoutMs = Number(m?.[2]);
  if (!m || replicas < 1 || timeoutMs < 1 || timeoutMs > 10_000) {
    fail('REDIS_WAIT', value, '<replicas>:<ms>, replicas 1..99 and ms 1..10000 (e.g. 1:100)');
  }
  return Object.freeze({ replicas, timeoutMs });
}
