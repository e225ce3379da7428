// loadReplicationConfig(env): the replicated variant's own settings, read once, validated, frozen. Like
// config.ts it is the only place its variables are read; it fails naming the variable and the accepted values.
import { fail, int, oneOf, type Env } from '../config-values.ts';

export type ReplicationMode = 'sync' | 'async';

export interface ReplicationConfig {
  /** sync: 2xx after every up peer acknowledged; async: 2xx after the local write, shipped in batches. */
  readonly mode: ReplicationMode;
  /** sync: how long a write waits for a peer before that peer is marked down. */
  readonly timeoutMs: number;
  /** sync: other copies a write needs once the wait is over, else 503 SHOP_ERR_REPLICATION_INDETERMINATE. */
  readonly minCopies: number;
  /** async: how often queued changes are shipped. */
  readonly intervalMs: number;
  /** Peer URLs to join (http://127.0.0.1:<peer port>). */
  readonly peers: readonly string[];
  /** The peer server's port on 127.0.0.1 (0 = a free one). */
  readonly peerPort: number;
  readonly peerSecret: string;
  readonly usingDevPeerSecret: boolean;
}

const DEV_PEER_SECRET = 'stateshift-dev-peer-secret-do-not-use-in-production';
const PEER_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}$/;


export function loadReplicationConfig(env: Env): ReplicationConfig {
  const secret = env.PEER_SECRET ?? '';
  if (secret !== '' && secret.length < 16) fail('PEER_SECRET', '(hidden)', 'at least 16 characters');
  return Object.freeze({
    mode: oneOf(env, 'REPLICATION', ['sync', 'async'] as const),
    timeoutMs: int(env, 'REPLICATION_TIMEOUT_MS', 300, 10, 60_000),
    minCopies: int(env, 'REPLICATION_MIN_COPIES', 1, 0, 15),
    intervalMs: int(env, 'REPLICATION_INTERVAL_MS', 100, 5, 60_000),
    peers: Object.freeze(peerList(env.PEERS ?? '')),
    peerPort: int(env, 'PEER_PORT', 0, 0, 65535),
    peerSecret: secret === '' ? DEV_PEER_SECRET : secret,
    usingDevPeerSecret: secret === '',
  });
}

function peerList(value: string): string[] {
  const urls = value.split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean);
  for (const url of urls) if (!PEER_URL.test(url)) fail('PEERS', value, 'comma-separated http://127.0.0.1:<port> URLs');
  return [...new Set(urls)];
}
