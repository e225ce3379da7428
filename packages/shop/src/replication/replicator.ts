// The replicator: ships this node's writes to every peer and merges theirs. sync: a write resolves once every
// up peer acknowledged it (peers that stay silent past the timeout are marked down), then needs
// min(REPLICATION_MIN_COPIES, known peers) acknowledgements, else 503 SHOP_ERR_REPLICATION_INDETERMINATE; writes
// of one event-loop turn share one message per peer. async: writes resolve at once and are shipped every interval.
// It owns the peer server, the peer set (membership) and the map's traffic; it never answers a shopper.
import { ShopError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { batchBodies, sendBodies } from './batches.ts';
import { createPeerClient, PeerRequestError } from './peer-client.ts';
import { peerHandlers } from './peer-handlers.ts';
import { startPeerServer } from './peer-server.ts';
import { PeerSet } from './peer-set.ts';
import { compare, parseRecord, type MergeRule, type ReplicaRecord } from './record.ts';
import { ReplicaMap } from './replica-map.ts';
import type { ReplicationConfig } from './replication-config.ts';
import { joinPeers, type JoinReport } from './join.ts';

/** Down peers are asked this often whether they are back. */
const PROBE_MS = 500;
/** Batches that no shopper waits for (async, snapshots) get more time than a sync write. */
const BACKGROUND_TIMEOUT_MS = 5_000;

export interface ReplicationHealth {
  peers: { known: number; up: number; list: { url: string; node: string | undefined; up: boolean }[] };
  replication: {
    mode: ReplicationConfig['mode'];
    bytesSent: number;
    messagesSent: number;
    lag?: { queued: number; oldestMs: number; intervalMs: number };
    join: JoinReport;
  };
}

export interface Replicator {
  readonly map: ReplicaMap;
  readonly peerPort: number;
  readonly peerUrl: string;
  /** Resolves when a 2xx may be answered for this write (sync: peers acknowledged; async: at once). */
  commit(record: ReplicaRecord): Promise<void>;
  /** Ships with the next interval batch, never waited for (expiry refreshes). */
  shipLater(record: ReplicaRecord): void;
  health(): ReplicationHealth;
  /** Graceful leave: ship what is queued, tell every peer, close the peer port. */
  leave(): Promise<void>;
}

interface Waiter { record: ReplicaRecord; resolve(): void; reject(err: Error): void }

/** `merge`: how peers' records are merged into ours; default the shop's conflict rule (record.ts keepNewest). */
export async function startReplicator(
  o: { config: ReplicationConfig; nodeId: string; logger: Logger; merge?: MergeRule },
): Promise<Replicator> {
  const { config, nodeId, logger } = o;
  if (config.usingDevPeerSecret) {
    logger.warn('PEER_SECRET is not set: peer messages are signed with the built-in DEVELOPMENT secret. ' +
      'Never do this in production.');
  }
  const map = new ReplicaMap(nodeId, Date.now, o.merge);
  const peers = new PeerSet(logger);
  const client = createPeerClient(config.peerSecret);
  const server = await startPeerServer({
    port: config.peerPort, secret: config.peerSecret, logger, handlers: peerHandlers({ nodeId, map, peers }),
  });
  let waiting: Waiter[] = [];
  const queue = new Map<string, ReplicaRecord>();
  let queuedSince: number | undefined;
  let flushing: { count: number; since: number } | undefined;

  /** Peers' newer records win here too; returns them so the writes they beat can be refused. */
  const adopt = (raw: unknown[]): ReplicaRecord[] => {
    const newer = raw.flatMap((r) => { try { return [parseRecord(r)]; } catch { return []; } });
    if (newer.length > 0) map.apply(newer);
    return newer;
  };
  const failed = (url: string, err: unknown): void => {
    // An answer (401, 409...) means the peer is alive but refused: no acknowledgement, not down.
    if (err instanceof PeerRequestError && err.status !== undefined) {
      logger.warn({ peer: url, code: err.code }, `peer refused a batch: ${err.message}`);
    } else {
      peers.markDown(url, (err as Error).message);
    }
  };
  const send = async (records: ReplicaRecord[], timeoutMs: number) => {
    const bodies = batchBodies(nodeId, records);
    const results = await Promise.all(peers.up().map((p) => sendBodies(client, p.url, bodies, timeoutMs)
      .then((newer) => ({ ok: true, newer }), (err: unknown) => {
        failed(p.url, err);
        return { ok: false, newer: [] as unknown[] };
      })));
    return { acks: results.filter((r) => r.ok).length, newer: adopt(results.flatMap((r) => r.newer)) };
  };

  const flushSync = async (): Promise<void> => {
    const batch = waiting;
    waiting = [];
    const required = Math.min(config.minCopies, peers.known);
    const { acks, newer } = await send(batch.map((w) => w.record), config.timeoutMs);
    for (const w of batch) {
      // Our own later write of the key (a later batch that overtook this one) includes this one: no conflict.
      const overtaken = newer.some((r) => r.k === w.record.k && r.n !== nodeId && compare(r, w.record) === 'newer');
      if (overtaken) w.reject(conflict(w.record));
      else if (acks >= required) w.resolve();
      else w.reject(indeterminate(acks, required));
    }
  };
  const flushQueue = async (): Promise<void> => {
    if (flushing || queue.size === 0) return;
    const records = [...queue.values()];
    flushing = { count: records.length, since: queuedSince ?? Date.now() };
    queue.clear();
    queuedSince = undefined;
    try { await send(records, BACKGROUND_TIMEOUT_MS); } finally { flushing = undefined; }
  };
  const probe = async (url: string): Promise<void> => {
    try {
      await client.post(url, '/peer/ping', { node: nodeId }, PROBE_MS);
      peers.markUp(url);
      // Marked up first, so writes from now on reach it; the snapshot brings everything before. Merges commute.
      // What it holds newer (it wrote while we thought it down, or we were the frozen one) comes back and is adopted.
      adopt(await sendBodies(client, url, batchBodies(nodeId, map.snapshot()), BACKGROUND_TIMEOUT_MS));
      logger.info({ peer: url }, 'peer caught up by snapshot');
    } catch (err) {
      failed(url, err);
    }
  };

  const probing = new Set<string>();
  const timers = [
    setInterval(() => { void flushQueue().catch(() => undefined); }, config.intervalMs),
    setInterval(() => {
      for (const p of peers.down()) {
        if (probing.has(p.url)) continue;
        probing.add(p.url);
        void probe(p.url).finally(() => probing.delete(p.url));
      }
    }, PROBE_MS),
  ];
  for (const t of timers) t.unref();

  const join = await joinPeers({
    config, nodeId, selfUrl: server.url, client, peers, map, logger,
  }).catch(async (err: unknown) => {
    for (const t of timers) clearInterval(t);
    await server.close();
    client.close();
    throw err;
  });

  const enqueue = (record: ReplicaRecord): void => {
    queuedSince ??= Date.now();
    queue.set(record.k, record);
  };
  return {
    map,
    peerPort: server.port,
    peerUrl: server.url,
    commit: (record) => {
      if (config.mode === 'async') { enqueue(record); return Promise.resolve(); }
      return new Promise<void>((resolve, reject) => {
        if (waiting.push({ record, resolve, reject }) !== 1) return;
        setImmediate(() => {
          const batch = waiting;
          // Nothing in a flush should throw; if it does, its writes are answered as unconfirmed, never left hanging.
          flushSync().catch((err: unknown) => {
            logger.error({ err }, 'replication flush failed');
            for (const w of batch) w.reject(indeterminate(0, 1));
          });
        });
      });
    },
    shipLater: enqueue,
    health: () => ({
      peers: {
        known: peers.known, up: peers.up().length,
        list: peers.all().map((p) => ({ url: p.url, node: p.node, up: p.up })),
      },
      replication: {
        mode: config.mode, bytesSent: client.stats.bytesSent, messagesSent: client.stats.messagesSent, join,
        ...(config.mode === 'async'
          ? { lag: { ...lag(queue.size, queuedSince, flushing), intervalMs: config.intervalMs } }
          : {}),
      },
    }),
    leave: async () => {
      for (const t of timers) clearInterval(t);
      while (flushing) await flushQueue().catch(() => undefined).then(() => new Promise((r) => setImmediate(r)));
      await flushQueue().catch(() => undefined);
      await Promise.all(peers.up().map((p) => client.post(p.url, '/peer/leave', { node: nodeId, url: server.url }, 1000)
        .catch((err: unknown) => {
          logger.warn({ peer: p.url, err: (err as Error).message }, 'peer did not acknowledge our leave');
        })));
      logger.info({ peers: peers.known }, 'left the peers');
      await server.close();
      client.close();
    },
  };
}

function lag(queued: number, since: number | undefined, flushing: { count: number; since: number } | undefined) {
  const oldest = Math.min(since ?? Infinity, flushing?.since ?? Infinity);
  return { queued: queued + (flushing?.count ?? 0), oldestMs: Number.isFinite(oldest) ? Date.now() - oldest : 0 };
}

function conflict(record: ReplicaRecord): ShopError {
  return new ShopError('SHOP_ERR_REPLICATION_CONFLICT',
    `another node holds a newer version of this ${record.k.startsWith('s:') ? 'session' : 'cart'}; ` +
      'this change was not kept');
}

function indeterminate(acks: number, required: number): ShopError {
  return new ShopError('SHOP_ERR_REPLICATION_INDETERMINATE',
    `stored on this node, confirmed by ${acks} peer(s) of the ${required} needed: it may be lost with this node`);
}

