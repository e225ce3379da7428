// Wrong solution of exercise 08 (wait-two-replicas): WAIT 2:100 ('more replicas is safer'): the topology has one
// replica, so no write is ever confirmed.
export interface RedisTopology {
  readonly sentinels: readonly string[];
  readonly masterName: string;
  readonly primaryUrl: string;
  readonly replicaUrl: string;
}

export function redisEnv(topology: RedisTopology): Record<string, string> {
  return { REDIS_SENTINELS: topology.sentinels.join(','), REDIS_MASTER_NAME: topology.masterName, REDIS_WAIT: '2:100' };
}
