// Redis without a single point of failure: a primary, one replica (`replicaof`) and three sentinels that agree the
// primary is gone and promote the replica. Every process is a redis-server on a free loopback port under the same
// shell guard as startRedisServer (nothing outlives us, SIGKILL included); never 6379, never another Redis.
import { ClusterError } from './errors.ts';
import { startRedisServer, type RedisServer } from './redis-server.ts';
import {
  askPrimary, watchSentinels, type SentinelAddress, type SentinelEvent, type SentinelWatch,
} from './sentinel-watch.ts';
import { waitTopologyReady } from './redis-ha-ready.ts';

export const REDIS_HA_MEMBERS = ['redis-1', 'redis-2', 'sentinel-1', 'sentinel-2', 'sentinel-3'] as const;
export type RedisHaMember = (typeof REDIS_HA_MEMBERS)[number];

export interface RedisHaOptions {
  /** Sentinel's name for the primary; default `stateshift`. */
  masterName?: string;
  /** `down-after-milliseconds`: how long a silent primary takes to be subjectively down; default 1000. */
  downAfterMs?: number;
  /** `failover-timeout`; default 4000. */
  failoverTimeoutMs?: number;
  binary?: string;
  /** Bound on the whole start (replica in sync, sentinels know each other); default 20 s. */
  startTimeoutMs?: number;
}

export interface RedisHa {
  readonly masterName: string;
  /** `127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3`: what the shop's REDIS_SENTINELS takes. */
  readonly sentinelList: string;
  /** Port of each member, fixed for its life (a restart reuses it). */
  readonly ports: Readonly<Record<RedisHaMember, number>>;
  /** The data node the sentinels' majority names primary now (member and port), undefined while none is agreed. */
  primary(): Promise<{ member: RedisHaMember; port: number } | undefined>;
  pids(): Partial<Record<RedisHaMember, number>>;
  /** Every pid running now: each redis-server and the shell guard around it. */
  allPids(): number[];
  running(member: RedisHaMember): boolean;
  /** SIGKILL (the guard is retired too, the data dir stays, so start() can bring it back). */
  kill(member: RedisHaMember): void;
  /** SIGSTOP / SIGCONT. */
  freeze(member: RedisHaMember): void;
  thaw(member: RedisHaMember): void;
  stop(member: RedisHaMember): Promise<void>;
  start(member: RedisHaMember): Promise<void>;
  /** The sentinels' pub/sub events (+sdown, +odown, +switch-master...) until the returned watch is closed. */
  watch(onEvent: (e: SentinelEvent) => void): Promise<SentinelWatch>;
  /** Ends every member and deletes every data dir. Idempotent. */
  close(): Promise<void>;
}

export async function startRedisHa(options: RedisHaOptions = {}): Promise<RedisHa> {
  const masterName = options.masterName ?? 'stateshift';
  if (!/^[\w.-]{1,64}$/.test(masterName)) {
    throw new ClusterError(
      'CLUSTER_ERR_OPTIONS',
      `startRedisHa: masterName must be letters, digits, . _ - (got ${JSON.stringify(masterName)})`,
    );
  }
  const started: Partial<Record<RedisHaMember, RedisServer>> = {};
  const frozen = new Set<RedisHaMember>();
  const closeAll = async () => {
    for (const m of frozen) tryKill(started[m]?.pid(), 'SIGCONT');
    await Promise.all(Object.values(started).map((r) => r.close().catch(() => undefined)));
  };
  try {
    const base = { binary: options.binary, startTimeoutMs: options.startTimeoutMs };
    const primary = started['redis-1'] = await startRedisServer(base);
    // Replicas announce loopback, so Sentinel hands clients an address they can reach (never a container IP).
    started['redis-2'] = await startRedisServer({ ...base,
      extraArgs: ['--replicaof', '127.0.0.1', String(primary.port), '--replica-announce-ip', '127.0.0.1'] });
    const config = sentinelConfig(
      masterName, primary.port, options.downAfterMs ?? 1000, options.failoverTimeoutMs ?? 4000,
    );
    for (const name of ['sentinel-1', 'sentinel-2', 'sentinel-3'] as const) {
      started[name] = await startRedisServer({ ...base, sentinelConfig: config });
    }
  } catch (err) {
    await closeAll();
    throw err;
  }
  const member = (m: RedisHaMember): RedisServer => {
    const r = started[m];
    if (!r) {
      throw new ClusterError(
        'CLUSTER_ERR_UNKNOWN_NODE', `redis-ha: no member ${JSON.stringify(m)}; members: ${REDIS_HA_MEMBERS.join(', ')}`,
      );
    }
    return r;
  };
  const ports = Object.fromEntries(REDIS_HA_MEMBERS.map((m) => [m, member(m).port])) as Record<RedisHaMember, number>;
  const sentinels: SentinelAddress[] = (['sentinel-1', 'sentinel-2', 'sentinel-3'] as const)
    .map((name) => ({ name, port: ports[name] }));
  try {
    await waitTopologyReady({ masterName, primaryPort: ports['redis-1'], replicaPort: ports['redis-2'], sentinels,
      timeoutMs: options.startTimeoutMs ?? 20_000 });
  } catch (err) {
    await closeAll();
    throw err;
  }
  let closed = false;
  return {
    masterName,
    sentinelList: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
    ports,
    primary: async () => {
      const port = await askPrimary(sentinels, masterName);
      const found = REDIS_HA_MEMBERS.find((m) => m.startsWith('redis-') && ports[m] === port);
      return found && port !== undefined ? { member: found, port } : undefined;
    },
    pids: () => Object.fromEntries(
      REDIS_HA_MEMBERS.map((m) => [m, member(m).pid()]).filter(([, pid]) => pid !== undefined),
    ),
    allPids: () => REDIS_HA_MEMBERS
      .flatMap((m) => [member(m).pid(), member(m).guardPid()])
      .filter((p) => p !== undefined),
    running: (m) => member(m).running(),
    kill: (m) => {
      frozen.delete(m);
      tryKill(member(m).pid(), 'SIGKILL');
      void member(m).stop();
    },
    freeze: (m) => { if (tryKill(member(m).pid(), 'SIGSTOP')) frozen.add(m); },
    thaw: (m) => { frozen.delete(m); tryKill(member(m).pid(), 'SIGCONT'); },
    stop: async (m) => {
      if (frozen.delete(m)) tryKill(member(m).pid(), 'SIGCONT');
      await member(m).stop();
    },
    start: (m) => member(m).start(),
    watch: (onEvent) => watchSentinels(sentinels, onEvent),
    close: async () => {
      if (closed) return;
      closed = true;
      await closeAll();
    },
  };
}

export function sentinelConfig(
  masterName: string, primaryPort: number, downAfterMs: number, failoverTimeoutMs: number,
): string {
  // Addresses stay numeric loopback both ways: Sentinel rewrites this file and would otherwise announce what it sees.
  return [
    'sentinel resolve-hostnames no',
    'sentinel announce-hostnames no',
    'sentinel announce-ip 127.0.0.1',
    `sentinel monitor ${masterName} 127.0.0.1 ${primaryPort} 2`,
    `sentinel down-after-milliseconds ${masterName} ${downAfterMs}`,
    `sentinel failover-timeout ${masterName} ${failoverTimeoutMs}`,
    `sentinel parallel-syncs ${masterName} 1`,
    '',
  ].join('\n');
}

function tryKill(pid: number | undefined, signal: NodeJS.Signals): boolean {
  if (pid === undefined) return false;
  try { process.kill(pid, signal); return true; } catch { return false; }
}
