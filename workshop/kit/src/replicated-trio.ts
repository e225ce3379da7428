// Three replicated shop nodes for exercise 10, each its own child process running the trainee's applyPeerChange
// (entries/replicated-node.ts), sync replication, one PEER_SECRET. The check also speaks the peer protocol itself
// (signed with that secret) to read a node's records and to deliver a change late, twice or in another order, as
// a network does. close() ends every process.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startShopNode, type ShopNode } from '@stateshift/cluster';
import { createPeerClient, type ReplicaRecord } from '@stateshift/shop';
import { notYet } from './workshop-error.ts';

const ENTRY = fileURLToPath(new URL('./entries/replicated-node.ts', import.meta.url));
/** The check speaks as this node when it only reads. */
const CHECK_NODE = 'workshop-check';

export interface TrioNode {
  readonly id: string;
  readonly url: string;
  readonly peerUrl: string;
  readonly process: ShopNode;
}

export interface Trio {
  readonly a: TrioNode;
  readonly b: TrioNode;
  readonly c: TrioNode;
  readonly all: readonly TrioNode[];
  /** Every record the node holds now (its snapshot). */
  records(node: TrioNode): Promise<ReplicaRecord[]>;
  /** Delivers `records` to `node` as a peer named `from` would send them. */
  deliver(node: TrioNode, from: string, records: readonly ReplicaRecord[]): Promise<void>;
  /** What the nodes logged about applyPeerChange throwing, oldest first. */
  thrown(): string[];
  close(): Promise<void>;
}

export async function startTrio(applyModule: string): Promise<Trio> {
  const secret = randomBytes(24).toString('hex');
  const client = createPeerClient(secret);
  const started: ShopNode[] = [];
  const close = async (): Promise<void> => {
    client.close();
    await Promise.all(started.map((n) => n.stop(3000).catch(() => undefined)));
  };
  const start = async (id: string, peers: readonly TrioNode[]): Promise<TrioNode> => {
    // A patient REPLICATION_TIMEOUT_MS: on a busy machine a slow peer must not turn a write into a 503 the trainee's
    // rule did not cause (a killed node refuses at once, so the kill step does not wait for it).
    const node = await startShopNode({
      variant: 'replicated', id, entry: ENTRY, baseEnv: inherited(),
      env: {
        LOG_LEVEL: 'warn', SESSION_SECRET: 'workshop-secret', PEER_SECRET: secret, WORKSHOP_APPLY_MODULE: applyModule,
        REPLICATION: 'sync', REPLICATION_TIMEOUT_MS: '5000', PEERS: peers.map((p) => p.peerUrl).join(','),
      },
    });
    started.push(node);
    if (node.peerPort === undefined) throw new Error(`${id} did not report its peer port`);
    return { id, url: node.url, peerUrl: `http://127.0.0.1:${node.peerPort}`, process: node };
  };
  try {
    // The first starts alone, the others join it (and meet each other through it), as the cluster does.
    const a = await start('node-a', []);
    const settled = await Promise.allSettled([start('node-b', [a]), start('node-c', [a])]);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [b, c] = settled.map((r) => (r as PromiseFulfilledResult<TrioNode>).value) as [TrioNode, TrioNode];
    const all = [a, b, c];
    await Promise.all(all.map((n) => meshed(n)));
    return {
      a, b, c, all, close,
      records: async (node) => {
        const body = { node: CHECK_NODE };
        const reply = await client.post<{ records: ReplicaRecord[] }>(node.peerUrl, '/peer/snapshot', body, 5000);
        return reply.records;
      },
      deliver: async (node, from, records) => {
        await client.post(node.peerUrl, '/peer/replicate', { node: from, records }, 5000).catch((err: unknown) => {
          throw notYet(`${node.id} refused a change the check sent it as ${from} (${(err as Error).message})`,
            'the peer port answers 500 when applyPeerChange throws: ' +
              'look for a field of ours read while ours is undefined');
        });
      },
      thrown: () => all.flatMap((n) => n.process.output()
        .filter((l) => l.includes('applyPeerChange threw'))
        .map(message)),
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Resolves once the node reports both other peers up (bounded; the peers greet each other as they join). */
async function meshed(node: TrioNode): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const health = await fetch(`${node.url}/healthz`, { signal: AbortSignal.timeout(3000) })
      .then((r) => r.json() as Promise<{ peers?: { up?: number } }>);
    if (health.peers?.up === 2) return;
    if (Date.now() > deadline) {
      throw notYet(`${node.id} never saw both other nodes as peers (sees ${health.peers?.up ?? 0})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function message(line: string): string {
  try {
    return (JSON.parse(line) as { msg?: string }).msg ?? line;
  } catch {
    return line;
  }
}

/** What the children need of our environment to run tsx and find their modules; nothing that points at a Redis. */
function inherited(): Record<string, string> {
  const keep: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'NODE_OPTIONS', 'TSX_TSCONFIG_PATH']) {
    const value = process.env[name];
    if (value !== undefined) keep[name] = value;
  }
  return keep;
}
