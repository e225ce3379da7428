// What each peer endpoint does once the server has checked size and signature: hello (a joiner: add it), snapshot
// (everything we hold), replicate (merge a batch), leave (forget the sender), ping (alive). Each validates its body
// fully before it changes anything.
import { ShopError } from '../errors.ts';
import type { PeerHandlers } from './peer-server.ts';
import type { PeerSet } from './peer-set.ts';
import { parseRecord } from './record.ts';
import type { ReplicaMap } from './replica-map.ts';

const NODE = /^[\w.-]{1,64}$/;
const PEER_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}$/;
/** Records in one replicate message; batches.ts keeps real ones far below by size. */
const MAX_RECORDS = 100_000;

export function peerHandlers(o: { nodeId: string; map: ReplicaMap; peers: PeerSet }): PeerHandlers {
  const me = { node: o.nodeId };
  return {
    hello: (body) => {
      const url = peerUrl(body.url);
      o.peers.add(url, node(body.node));
      return { ...me, peers: o.peers.all().map((p) => p.url).filter((u) => u !== url) };
    },
    snapshot: (body) => {
      node(body.node);
      return { ...me, records: o.map.snapshot() };
    },
    replicate: (body) => {
      node(body.node);
      if (!Array.isArray(body.records) || body.records.length > MAX_RECORDS) {
        malformed(`records must be an array of at most ${MAX_RECORDS}`);
      }
      const records = body.records.map(parseRecord);
      o.map.checkVersions(records);
      const { applied, newer } = o.map.apply(records);
      return { ...me, applied, newer };
    },
    leave: (body) => {
      node(body.node);
      o.peers.remove(peerUrl(body.url), 'it left');
      return me;
    },
    ping: (body) => {
      node(body.node);
      return me;
    },
  };
}

function node(value: unknown): string {
  if (typeof value !== 'string' || !NODE.test(value)) malformed('node must be a node id');
  return value;
}

function peerUrl(value: unknown): string {
  if (typeof value !== 'string' || !PEER_URL.test(value)) malformed('url must be http://127.0.0.1:<port>');
  return value;
}

function malformed(why: string): never {
  throw new ShopError('SHOP_ERR_PEER_MALFORMED', `malformed peer message: ${why}`);
}
