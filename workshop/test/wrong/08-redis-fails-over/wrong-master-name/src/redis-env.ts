// Wrong solution of exercise 08 (wrong-master-name): the master name from a tutorial ('mymaster') instead of the one
// the sentinels monitor.
export interface RedisTopology {
  readonly sentinels: readonly string[];
  readonly masterName: string;
  readonly primaryUrl: string;
  readonly replicaUrl: string;
}

export function redisEnv(topology: RedisTopology): Record<string, string> {
  return { REDIS_SENTINELS: topology.sentinels.join(','), REDIS_MASTER_NAME: 'mymaster', REDIS_WAIT: '1:100' };
}
