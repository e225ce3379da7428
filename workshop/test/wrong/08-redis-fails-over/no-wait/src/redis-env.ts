// Wrong solution of exercise 08 (no-wait): Sentinel without REDIS_WAIT: the node follows the failover, but a 2xx only
// means the primary has the write.
export interface RedisTopology {
  readonly sentinels: readonly string[];
  readonly masterName: string;
  readonly primaryUrl: string;
  readonly replicaUrl: string;
}

export function redisEnv(topology: RedisTopology): Record<string, string> {
  return { REDIS_SENTINELS: topology.sentinels.join(','), REDIS_MASTER_NAME: topology.masterName };
}
