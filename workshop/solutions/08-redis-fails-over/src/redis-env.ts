// Exercise 08, reference solution: the node asks the sentinels which Redis is primary (so it follows a promotion
// without a restart), and every write waits for one replica for at most 100 ms (so a 2xx means the write is on two
// Redis servers; an unconfirmed one answers 503 SHOP_ERR_STORE_INDETERMINATE after ~100 ms, twice per add at most).
// Limits it leaves open: with one replica, writes are INDETERMINATE from the promotion until a replica is back
// (safety over availability, chosen here); and WAIT is not a consensus: a failover that promotes a replica which
// missed a write nobody acknowledged can still drop it (it was never promised).

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
  return {
    REDIS_SENTINELS: topology.sentinels.join(','),
    REDIS_MASTER_NAME: topology.masterName,
    REDIS_WAIT: '1:100',
  };
}
