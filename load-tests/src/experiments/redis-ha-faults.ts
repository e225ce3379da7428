// The fault steps on the Redis HA topology: SIGKILL or SIGSTOP whichever data node the sentinels name primary at
// that moment, SIGCONT the one frozen. The stateful control run (no Redis) gets the step stamped, nothing done.
import type { Cluster, ClusterEvent, RedisHa, RedisHaMember } from '@stateshift/cluster';
import { ExperimentError } from './experiment-error.ts';
import type { RedisHaFaultOp } from './redis-ha-definitions.ts';

const TYPES = {
  'redis-kill-primary': 'redis-kill', 'redis-freeze-primary': 'redis-freeze', 'redis-thaw-primary': 'redis-thaw',
} as const;
const frozen = new WeakMap<RedisHa, RedisHaMember>();

export function describeRedisHaStep(op: RedisHaFaultOp): string {
  return { 'redis-kill-primary': 'SIGKILL the Redis primary', 'redis-freeze-primary': 'SIGSTOP the Redis primary',
    'redis-thaw-primary': 'SIGCONT the frozen Redis primary' }[op];
}

export async function performRedisHaStep(op: RedisHaFaultOp, cluster: Cluster): Promise<ClusterEvent> {
  const ha = cluster.redisHa;
  const type = TYPES[op];
  const stamp = (t: number, node?: string, detail?: string): ClusterEvent =>
    ({ t, type, doneAt: Date.now(), ...(node ? { node } : {}), ...(detail ? { detail } : {}) });
  if (!ha) return stamp(Date.now(), undefined, 'this variant keeps no state in Redis: nothing to do');
  if (op === 'redis-thaw-primary') {
    const member = frozen.get(ha);
    if (!member) return stamp(Date.now(), undefined, 'nothing frozen');
    frozen.delete(ha);
    const t = Date.now();
    ha.thaw(member);
    return stamp(t, member, `127.0.0.1:${ha.ports[member]}`);
  }
  const primary = await ha.primary();
  if (!primary) throw new ExperimentError('EXPERIMENT_ERR_SETUP', `${op}: the sentinels name no primary`);
  const t = Date.now();
  if (op === 'redis-kill-primary') ha.kill(primary.member);
  else { ha.freeze(primary.member); frozen.set(ha, primary.member); }
  return stamp(t, primary.member, `127.0.0.1:${primary.port}`);
}
