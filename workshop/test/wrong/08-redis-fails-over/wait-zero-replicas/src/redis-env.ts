// Wrong solution of exercise 08 (wait-zero-replicas): WAIT 0:100 (to 'turn WAIT on' cheaply): waiting for zero replicas
// confirms nothing, and the shop refuses it.
export interface RedisTopology {
  readonly sentinels: readonly string[];
  readonly masterName: string;
  readonly primaryUrl: string;
  readonly replicaUrl: string;
}

export function redisEnv(topology: RedisTopology): Record<string, string> {
  return { REDIS_SENTINELS: topology.sentinels.join(','), REDIS_MASTER_NAME: topology.masterName, REDIS_WAIT: '0:100' };
}
