// What a run on the Redis HA topology adds to a variant run: the cluster options (redisHa, REDIS_WAIT), and a
// record of the topology while the load runs: the primary at the start and the sentinels' own events.
import type { Cluster, ClusterOptions } from '@stateshift/cluster';
import type { RedisHaRecord } from '../timeline/redis-ha-events.ts';
import type { RunSpec } from './definitions.ts';
import type { ExperimentVariant } from './variant-sets.ts';

export type { RedisHaRecord };

export function redisHaClusterOptions(spec: RunSpec, variant: ExperimentVariant): Partial<ClusterOptions> {
  if (!spec.redisHa || variant !== 'stateless') return {};
  return { redisHa: true, ...(spec.redisWait ? { nodeEnv: { REDIS_WAIT: spec.redisWait } } : {}) };
}

/** Starts recording when the cluster runs on Redis HA; undefined otherwise. */
export async function recordRedisHa(
  cluster: Cluster, spec: RunSpec,
): Promise<{ record: RedisHaRecord; close(): Promise<void> } | undefined> {
  const ha = cluster.redisHa;
  if (!ha) return undefined;
  const members: Record<number, string> = {};
  for (const [member, port] of Object.entries(ha.ports)) members[port] = member;
  const record: RedisHaRecord = { wait: spec.redisWait ?? null, members, initial: null, events: [] };
  const watch = await ha.watch((e) => record.events.push(e));
  const primary = await ha.primary();
  if (primary) record.initial = { at: Date.now(), member: primary.member, port: primary.port };
  return { record, close: () => watch.close() };
}
