// Wrong solution of exercise 08 (wait-too-long): WAIT 1:2000 ('give the replica time'): while the replica is cut off,
// every add waits 2 s before its 503.
export interface RedisTopology {
  readonly sentinels: readonly string[];
  readonly masterName: string;
  readonly primaryUrl: string;
  readonly replicaUrl: string;
}

export function redisEnv(topology: RedisTopology): Record<string, string> {
  return {
    REDIS_SENTINELS: topology.sentinels.join(','), REDIS_MASTER_NAME: topology.masterName, REDIS_WAIT: '1:2000',
  };
}
