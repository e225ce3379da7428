// Wrong solution of exercise 08 (predicts-no-errors): the wiring is right, but the answer predicts no errors at all
// during the failover (errorWindowSeconds: 0).
export interface RedisTopology {
  readonly sentinels: readonly string[];
  readonly masterName: string;
  readonly primaryUrl: string;
  readonly replicaUrl: string;
}

export function redisEnv(topology: RedisTopology): Record<string, string> {
  return { REDIS_SENTINELS: topology.sentinels.join(','), REDIS_MASTER_NAME: topology.masterName, REDIS_WAIT: '1:100' };
}
