// Exercise 08: the Redis wiring of a stateless shop node, as the environment variables it starts with. The check
// calls redisEnv() with its own topology (a primary, a replica, three sentinels) and starts two real node processes
// on what it returns. As written, a node talks to the primary by its address: fine until the primary dies.
// Fix the TODOs, then run `pnpm workshop check 08`. The variables are in packages/shop/README.md (Configuration).

export interface RedisTopology {
  /** The sentinels, each `host:port`. */
  readonly sentinels: readonly string[];
  /** The name the sentinels know the primary by (their `sentinel monitor <name> host port quorum`). */
  readonly masterName: string;
  /** Where the primary is as the check starts (`redis://host:port`); the replica copies it. */
  readonly primaryUrl: string;
  readonly replicaUrl: string;
}

export function redisEnv(topology: RedisTopology): Record<string, string> {
  // TODO 1: a node that knows one address cannot follow a failover: ask the sentinels which Redis is primary
  //         (REDIS_SENTINELS, comma-separated, and REDIS_MASTER_NAME) instead of REDIS_URL.
  // TODO 2: choose REDIS_WAIT=<replicas>:<ms> so that a 2xx means the write is on a replica too, and so that a
  //         write the replica does not confirm answers within a bound (every add must answer within 1.5 s).
  return { REDIS_URL: topology.primaryUrl };
}
