// Real replicated shop nodes as child processes (apps/shop-replicated through @stateshift/cluster's
// startShopNode: IPC ready with the peer port, SIGTERM/SIGKILL). Each test file starts its own and stops them all.
import { startShopNode, type ShopNode } from '@stateshift/cluster';

export const PEER_SECRET = 'test-peer-secret-0123456789abcdef';

export interface ReplicatedNode extends ShopNode {
  readonly peerUrl: string;
  /** Everything the node wrote (JSON log lines). */
  log(): string;
}

export class ReplicatedNodes {
  readonly #started: ShopNode[] = [];
  #next = 1;

  /** Starts one node joining `peers` (their peer URLs); resolves once it reported ready (joined included). */
  async start(peers: readonly ReplicatedNode[] = [], env: Record<string, string> = {}): Promise<ReplicatedNode> {
    let log = '';
    const node = await startShopNode({
      variant: 'replicated',
      id: `replicated-${this.#next++}`,
      env: {
        SESSION_SECRET: 'test-session-secret', PEER_SECRET, LOG_LEVEL: 'info',
        PEERS: peers.map((p) => p.peerUrl).join(','), ...env,
      },
      onOutput: (line) => { log += line + '\n'; },
    });
    this.#started.push(node);
    if (node.peerPort === undefined) throw new Error(`${node.id} did not report its peer port`);
    return { ...node, peerUrl: `http://127.0.0.1:${node.peerPort}`, log: () => log };
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.#started.splice(0).map((n) => n.stop(3000)));
  }
}

export async function health(node: ShopNode): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${node.url}/healthz`, { signal: AbortSignal.timeout(5000) });
  return res.json();
}

/** Runs `worker` for each item with at most `limit` at once. */
export async function pool<T>(
  items: readonly T[], limit: number, worker: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) { const i = next++; await worker(items[i]!, i); }
  }));
}
