// The Redis HA experiments as data: the stateless variant runs twice on a primary, a replica and three
// sentinels (without WAIT, then with REDIS_WAIT=1:100), stateful (no Redis) is the control. Kept apart from
// definitions.ts so that table stays one line per experiment.

/** Operations on the Redis HA topology; "primary" is whoever the sentinels name at that moment. */
export type RedisHaFaultOp = 'redis-kill-primary' | 'redis-freeze-primary' | 'redis-thaw-primary';

export interface RedisHaRunSpec {
  /** Run on the Redis HA topology (stateless only). */
  redisHa?: boolean;
  /** REDIS_WAIT for every node, `<replicas>:<ms>`. */
  redisWait?: string;
}

const HA_RUNS = {
  stateful: [{}],
  stateless: [{ label: 'no WAIT', redisHa: true }, { label: 'WAIT 1:100', redisHa: true, redisWait: '1:100' }],
};

export const REDIS_HA_EXPERIMENTS = [
  { name: 'redis-failover', fault: 'SIGKILL the Redis primary at --fault-at; the sentinels promote the replica',
    mode: 'shoppers' as const, faultLengthSec: 0, runs: HA_RUNS,
    steps: [{ at: 'fault' as const, op: 'redis-kill-primary' as const }],
    shows: 'the error window until writes succeed on the promoted replica, and acknowledged items it does not have ' +
      '(asynchronous replication: sometimes above 0 without WAIT; ' +
      'with WAIT 1:100 an acknowledged write is on the replica)' },
  { name: 'redis-freeze', fault: 'SIGSTOP the Redis primary for --fault-length (5 s, > down-after 1 s), then SIGCONT',
    mode: 'shoppers' as const, faultLengthSec: 5, runs: HA_RUNS,
    steps: [
      { at: 'fault' as const, op: 'redis-freeze-primary' as const },
      { at: 'fault+length' as const, op: 'redis-thaw-primary' as const },
    ],
    shows: 'the sentinels promote the replica while the primary is frozen; woken up, it is demoted: what the checker ' +
      'makes of writes accepted around the switch' },
];
