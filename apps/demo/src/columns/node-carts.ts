// What each running node says of itself, read from its GET /healthz once a tick: the carts it holds (`carts`) and,
// for a replicated node, its peers (`peers: { known, up }`) and, in async mode, its replication lag
// (`replication.lag: { queued, oldestMs }`). A frozen or slow node keeps its last known figures; one poll at a
// time, each request bounded.
import type { NodeInfo } from '@stateshift/cluster';

export interface NodeHealth {
  carts: number | null;
  /** Peers this node knows and those it counts up (replicated only). */
  peers: { known: number; up: number } | null;
  /** Changes queued for its peers and the age of the oldest (replicated async only). */
  lag: { queued: number; oldestMs: number } | null;
}

const NONE: NodeHealth = { carts: null, peers: null, lag: null };

export class NodeCarts {
  readonly #health = new Map<string, NodeHealth>();
  #polling = false;

  get(id: string): number | null {
    return this.health(id).carts;
  }

  health(id: string): NodeHealth {
    return this.#health.get(id) ?? NONE;
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
      const body = await res.json() as { carts?: unknown; peers?: unknown; replication?: { lag?: unknown } };
      const last = this.health(node.id);
      this.#health.set(node.id, {
        carts: typeof body.carts === 'number' ? body.carts : last.carts,
        peers: pair(body.peers, 'known', 'up', (known, up) => ({ known, up })),
        lag: pair(body.replication?.lag, 'queued', 'oldestMs', (queued, oldestMs) => ({ queued, oldestMs })),
      });
    } catch {
      /* keep the last figures: the card's state already says why */
    }
  }
}

/** Two numeric fields of an object from the wire, or null when it has not both. */
function pair<T>(raw: unknown, a: string, b: string, make: (a: number, b: number) => T): T | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const x = (raw as Record<string, unknown>)[a];
  const y = (raw as Record<string, unknown>)[b];
  return typeof x === 'number' && typeof y === 'number' ? make(x, y) : null;
}
