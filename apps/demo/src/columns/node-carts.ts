// Carts per node, read from each running node's GET /healthz (`carts`) once a tick. A frozen or slow node keeps
// its last known figure; one poll at a time, each request bounded.
import type { NodeInfo } from '@stateshift/cluster';

export class NodeCarts {
  readonly #carts = new Map<string, number>();
  #polling = false;

  get(id: string): number | null {
    return this.#carts.get(id) ?? null;
  }

  poll(nodes: readonly NodeInfo[], timeoutMs = 800): void {
    if (this.#polling) return;
    this.#polling = true;
    const live = nodes.filter((n) => n.state === 'running' || n.state === 'draining');
    void Promise.all(live.map((n) => this.#read(n, timeoutMs))).finally(() => { this.#polling = false; });
  }

  async #read(node: NodeInfo, timeoutMs: number): Promise<void> {
    try {
      const res = await fetch(new URL('/healthz', node.url), { signal: AbortSignal.timeout(timeoutMs) });
      const body = await res.json() as { carts?: unknown };
      if (typeof body.carts === 'number') this.#carts.set(node.id, body.carts);
    } catch {
      /* keep the last figure: the card's state already says why */
    }
  }
}
