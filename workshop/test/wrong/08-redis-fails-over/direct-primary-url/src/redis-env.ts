// Wrong solution of exercise 08 (direct-primary-url): WAIT is right, but the node knows the primary by its address
// only, so it cannot follow the promotion.
export interface RedisTopology {
  readonly sentinels: readonly string[];
  readonly masterName: string;
  readonly primaryUrl: string;
  readonly replicaUrl: string;
}

export function redisEnv(topology: RedisTopology): Record<string, string> {
  return { REDIS_URL: topology.primaryUrl, REDIS_WAIT: '1:100' };
}
