// Waits until a fresh Redis HA topology can fail over: the replica is in sync with the primary, and every sentinel
// has discovered the replica and the two other sentinels (hello messages every 2 s). Before that, a failover
// would find no replica or no quorum. Redis announces none of this on a channel we can wait on before it is true,
// so this asks INFO / SENTINEL every 100 ms, bounded by timeoutMs.
import { createClient } from 'redis';
import { ClusterError } from './errors.ts';
import type { SentinelAddress } from './sentinel-watch.ts';

export interface TopologyReadyOptions {
  readonly masterName: string;
  readonly primaryPort: number;
  readonly replicaPort: number;
  readonly sentinels: readonly SentinelAddress[];
  readonly timeoutMs: number;
}

export async function waitTopologyReady(o: TopologyReadyOptions): Promise<void> {
  const connect = async (port: number) => {
    const c = createClient({ socket: { host: '127.0.0.1', port, connectTimeout: 5000, reconnectStrategy: false } });
    c.on('error', () => undefined);
    try {
      await c.connect();
    } catch (err) {
      throw new ClusterError(
        'CLUSTER_ERR_REDIS_START', `redis-ha: could not reach 127.0.0.1:${port}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    return c;
  };
  const primary = await connect(o.primaryPort);
  const sentinels = await Promise.all(o.sentinels.map((s) => connect(s.port)));
  const until = Date.now() + o.timeoutMs;
  try {
    for (;;) {
      const last = await missing(o, primary, sentinels);
      if (last === '') return;
      if (Date.now() > until) {
        throw new ClusterError('CLUSTER_ERR_REDIS_START', `redis-ha: not ready after ${o.timeoutMs} ms: ${last}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    for (const c of [primary, ...sentinels]) c.destroy();
  }
}

type Client = Awaited<ReturnType<typeof createClient>>;

async function missing(o: TopologyReadyOptions, primary: Client, sentinels: Client[]): Promise<string> {
  const info = await primary.info('replication');
  if (!new RegExp(`slave0:ip=127\\.0\\.0\\.1,port=${o.replicaPort},state=online`).test(info)) {
    return 'the replica is not in sync yet';
  }
  for (const [i, s] of sentinels.entries()) {
    const replicas = await s.sendCommand(['SENTINEL', 'replicas', o.masterName]) as unknown[];
    const others = await s.sendCommand(['SENTINEL', 'sentinels', o.masterName]) as unknown[];
    if (replicas.length < 1) return `${o.sentinels[i]?.name} has not discovered the replica`;
    if (others.length < o.sentinels.length - 1) {
      return `${o.sentinels[i]?.name} knows ${others.length} of ${o.sentinels.length - 1} other sentinels`;
    }
  }
  return '';
}
