// The real parts of exercise 08: our Redis HA topology (a primary, a replica, three sentinels, a master name the
// trainee cannot guess), the environment the trainee's redisEnv() gives a node for it, and shop node processes
// (apps/shop-stateless, not restarted) started on that environment.
import { randomBytes } from 'node:crypto';
import { startRedisHa, startShopNode, type RedisHa, type ShopNode } from '@stateshift/cluster';
import { notYet } from './workshop-error.ts';

/** What the trainee's redisEnv(topology) is given. */
interface RedisTopology {
  readonly sentinels: readonly string[];
  readonly masterName: string;
  readonly primaryUrl: string;
  readonly replicaUrl: string;
}

export type RedisEnvFn = (topology: RedisTopology) => unknown;

const NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

export function startTopology(): Promise<RedisHa> {
  // A fresh master name each run: it must come from the topology, not from a README or a habit ('mymaster').
  return startRedisHa({ masterName: `shop-${randomBytes(3).toString('hex')}` });
}

function topologyOf(ha: RedisHa): RedisTopology {
  return Object.freeze({
    sentinels: Object.freeze(ha.sentinelList.split(',')),
    masterName: ha.masterName,
    primaryUrl: `redis://127.0.0.1:${ha.ports['redis-1']}`,
    replicaUrl: `redis://127.0.0.1:${ha.ports['redis-2']}`,
  });
}

/** Calls the trainee's function and checks what it returned is an environment that names only our Redis. */
export function traineeEnv(redisEnv: RedisEnvFn, ha: RedisHa): Record<string, string> {
  let env: unknown;
  try {
    env = redisEnv(topologyOf(ha));
  } catch (err) {
    throw notYet(`redisEnv(topology) threw: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof (env as { then?: unknown } | null)?.then === 'function') {
    throw notYet('redisEnv(topology) returned a Promise: ' +
      'return the object itself (the function needs nothing asynchronous)');
  }
  if (typeof env !== 'object' || env === null || Array.isArray(env)) {
    throw notYet('redisEnv(topology) must return an object of environment variables, ' +
      `like { REDIS_SENTINELS: '…' } (got ${JSON.stringify(env)})`);
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!NAME.test(name)) {
      throw notYet(`${JSON.stringify(name)} is not an environment variable name (capitals, digits, _)`);
    }
    if (typeof value !== 'string') {
      throw notYet(`${name} must be a string, as every environment variable is (got ${JSON.stringify(value)})`,
        'join a list with commas: sentinels.join(\',\')');
    }
    out[name] = value;
  }
  if (Object.keys(out).length === 0) {
    throw notYet('redisEnv(topology) returned no variable at all: the node would not know where Redis is');
  }
  const ours = Object.values(ha.ports).map(String);
  for (const url of [out.REDIS_URL].filter((u) => u !== undefined && u !== '')) {
    const port = /:(\d+)\/?$/.exec(url!)?.[1];
    if (!port || !ours.includes(port)) {
      throw notYet(`REDIS_URL=${url} is not a Redis of this check's topology`, 'use the addresses in topology');
    }
  }
  return out;
}

/** One node process of the stateless shop on `env`; a node that refuses its environment says why, in its words. */
export async function startFailoverNode(id: string, env: Record<string, string>): Promise<ShopNode> {
  try {
    return await startShopNode({ variant: 'stateless', id, baseEnv: inherited(),
      env: { ...env, LOG_LEVEL: 'warn', SESSION_SECRET: 'workshop-secret', SESSION_COOKIE: 'ws08.sid' } });
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    // The node's last words: the line `ShopError: REDIS_WAIT="0:100" is not valid; …` of its uncaught error.
    const lines = text.split('\n').map((l) => l.trim());
    const said = lines.find((l) => /^\w*Error: /.test(l))
      ?? lines.find((l) => /not valid|not set/i.test(l))
      ?? lines[0];
    throw notYet(`a shop node on your environment did not start: ${said}`,
      'the node reads REDIS_URL or REDIS_SENTINELS (with REDIS_MASTER_NAME) and REDIS_WAIT: ' +
        'see packages/shop/README.md');
  }
}

/** What a child needs of our environment to run tsx and find its modules; nothing that points at a Redis. */
function inherited(): Record<string, string> {
  const keep: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'NODE_OPTIONS', 'TSX_TSCONFIG_PATH']) {
    const value = process.env[name];
    if (value !== undefined) keep[name] = value;
  }
  return keep;
}
