// Joining: say hello to every peer in PEERS (and to the peers they know), so they replicate to us from now on,
// then take one full snapshot. Hello comes first: every write acknowledged after it reaches us directly, every
// one before it is in the snapshot, and merging both in any order gives the same state (record.ts).
import { ShopError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { PeerClient } from './peer-client.ts';
import type { PeerSet } from './peer-set.ts';
import { parseRecord } from './record.ts';
import type { ReplicaMap } from './replica-map.ts';
import type { ReplicationConfig } from './replication-config.ts';

export interface JoinReport {
  /** The peer the snapshot came from; null when this node started first (no PEERS). */
  from: string | null;
  records: number;
  bytes: number;
  ms: number;
}

const HELLO_TIMEOUT_MS = 2_000;
const SNAPSHOT_TIMEOUT_MS = 30_000;
const PEER_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}$/;

interface JoinContext {
  config: ReplicationConfig;
  nodeId: string;
  selfUrl: string;
  client: PeerClient;
  peers: PeerSet;
  map: ReplicaMap;
  logger: Logger;
}

export async function joinPeers(c: JoinContext): Promise<JoinReport> {
  if (c.config.peers.length === 0) return { from: null, records: 0, bytes: 0, ms: 0 };
  const answered = await hello(c);
  for (const url of answered) {
    const started = Date.now();
    const before = c.client.stats.bytesReceived;
    try {
      const answer = await c.client.post<{ records?: unknown }>(
        url, '/peer/snapshot', { node: c.nodeId }, SNAPSHOT_TIMEOUT_MS,
      );
      const records = Array.isArray(answer.records) ? answer.records.map(parseRecord) : [];
      c.map.apply(records);
      const report = {
        from: url, records: records.length, bytes: c.client.stats.bytesReceived - before, ms: Date.now() - started,
      };
      c.logger.info(report, `joined: snapshot of ${records.length} records from ${url}`);
      return report;
    } catch (err) {
      c.logger.warn({ peer: url, err: (err as Error).message }, 'snapshot failed; trying the next peer');
    }
  }
  throw new ShopError('SHOP_ERR_JOIN_FAILED',
    `no peer of PEERS=${c.config.peers.join(',')} answered hello and snapshot`);
}

async function hello(c: JoinContext): Promise<string[]> {
  const queue = [...c.config.peers];
  const answered: string[] = [];
  const tried = new Set<string>([c.selfUrl]);
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    if (tried.has(url)) continue;
    tried.add(url);
    try {
      const answer = await c.client.post<{ node?: unknown; peers?: unknown }>(
        url, '/peer/hello', { node: c.nodeId, url: c.selfUrl }, HELLO_TIMEOUT_MS,
      );
      c.peers.add(url, typeof answer.node === 'string' ? answer.node : undefined);
      answered.push(url);
      // Peers it knows and PEERS did not name (nodes started alongside us) are greeted too: the mesh stays full.
      if (Array.isArray(answer.peers)) {
        for (const u of answer.peers) if (typeof u === 'string' && PEER_URL.test(u)) queue.push(u);
      }
    } catch (err) {
      c.logger.warn({ peer: url, err: (err as Error).message }, 'peer did not answer hello');
    }
  }
  return answered;
}
