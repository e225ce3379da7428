// What the balancer currently says about each node, kept from its event stream, and a way to wait until
// it says something (a node is up, a node is gone). Waiting is event-driven; the timeout only bounds failure.
import type { BalancerNodeState } from './admin-client.ts';
import { ClusterError } from './errors.ts';
import type { BalancerEvent } from './watch-balancer.ts';

type Check = (states: ReadonlyMap<string, BalancerNodeState>) => boolean;

interface Waiter { check: Check; resolve: () => void; reject: (err: Error) => void }

export class BalancerView {
  readonly #states = new Map<string, BalancerNodeState>();
  readonly #waiters = new Set<Waiter>();
  #broken: Error | undefined;

  state(id: string): BalancerNodeState | undefined {
    return this.#states.get(id);
  }

  apply(event: BalancerEvent): void {
    if (event.type === 'snapshot') {
      this.#states.clear();
      for (const node of event.data.nodes) this.#states.set(node.id, node.state);
    } else if (event.type === 'state') {
      this.#states.set(event.data.node, event.data.to);
    } else {
      for (const [id, node] of Object.entries(event.data.nodes)) this.#states.set(id, node.state);
    }
    this.#settle();
  }

  /** Nodes the balancer no longer lists are forgotten (after DELETE /nodes/:id). */
  forget(id: string): void {
    this.#states.delete(id);
  }

  /** The event stream is gone: every waiter fails now instead of at its timeout. */
  break(err: Error): void {
    this.#broken = err;
    for (const w of this.#waiters) w.reject(err);
    this.#waiters.clear();
  }

  waitFor(check: Check, timeoutMs: number, what: string): Promise<void> {
    if (this.#broken) return Promise.reject(this.#broken);
    if (check(this.#states)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new ClusterError('CLUSTER_ERR_NOT_UP', `the balancer did not report ${what} within ${timeoutMs} ms ` +
          `(it says: ${JSON.stringify(Object.fromEntries(this.#states))})`));
      }, timeoutMs);
      const waiter: Waiter = {
        check,
        resolve: () => { clearTimeout(timer); resolve(); },
        reject: (err) => { clearTimeout(timer); reject(err); },
      };
      this.#waiters.add(waiter);
    });
  }

  #settle(): void {
    for (const w of this.#waiters) {
      if (w.check(this.#states)) { this.#waiters.delete(w); w.resolve(); }
    }
  }
}
