// A replicated contender of `pnpm bench shop`: N replicated nodes (each joining the ones before it), load sent
// to the first one only, so every write it answers is replicated to the other N-1. CPU is summed over all N
// (replication is the variant's cost); replication bytes come from the nodes' /healthz counters.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../../../apps/shop-replicated/src/main.ts', import.meta.url));

export interface ReplicatedGroup {
  readonly url: string;
  readonly children: ChildProcess[];
  pids(): Array<number | undefined>;
  /** Bytes all nodes have sent to peers so far. */
  replicationBytes(): Promise<number>;
}

export async function startReplicatedGroup(mode: 'sync' | 'async', size: number): Promise<ReplicatedGroup> {
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  const peers: string[] = [];
  for (let i = 1; i <= size; i++) {
    const child = fork(ENTRY, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, PORT: '0', NODE_ID: `replicated-${mode}-${size}-${i}`, LOG_LEVEL: 'error',
        SESSION_SECRET: 'bench', REPLICATION: mode, PEERS: peers.join(','),
        PEER_SECRET: 'bench-peer-secret-0123456789' } });
    children.push(child);
    const msg = await new Promise<{ port: number; peerPort: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { port: number; peerPort: number }));
      child.once('exit', (code) => reject(new Error(`replicated node exited (${code}) before ready`)));
    });
    urls.push(`http://127.0.0.1:${msg.port}`);
    peers.push(`http://127.0.0.1:${msg.peerPort}`);
  }
  return {
    url: urls[0]!,
    children,
    pids: () => children.map((c) => c.pid),
    replicationBytes: async () => {
      const bytes = await Promise.all(urls.map(async (u) => {
        const h = await (await fetch(`${u}/healthz`)).json() as { replication?: { bytesSent?: number } };
        return h.replication?.bytesSent ?? 0;
      }));
      return bytes.reduce((a, b) => a + b, 0);
    },
  };
}
