// The node pool: every node's health, drain flag and counters, and the one place where node state changes.
// Everyone else holds nodes as the read-only PoolNode view and reports through the pool's methods (proxy: begin,
// end, countError; health: recordCheck, eject, setHealthy; admin: setDraining; the balancer's ticker: roll).
// It never does I/O; strategies read its cached `active` list.
import { LbError } from './errors.ts';

export type NodeState = 'up' | 'down' | 'draining';

export interface LastHealth {
  readonly ok: boolean;
  readonly status?: number;
  readonly error?: string;
  readonly latencyMs?: number;
  readonly at: number;
}

/** A node as everyone but the pool sees it: read-only (the pool's methods change it). */
export interface PoolNode {
  readonly id: string;
  readonly url: string;
  readonly port: number;
  readonly hostname: string;
  readonly healthy: boolean;
  readonly draining: boolean;
  readonly removed: boolean;
  readonly inFlight: number;
  readonly requests: number;
  readonly errors: number;
  /** Requests and errors of the last whole second, as the balancer's ticker last rolled them. */
  readonly lastSecondRequests: number;
  readonly lastSecondErrors: number;
  readonly lastHealth: LastHealth | null;
  readonly okStreak: number;
  readonly failStreak: number;
}

/** The same object, writable: no file but this one names it. */
type NodeRecord = { -readonly [K in keyof PoolNode]: PoolNode[K] } & {
  /** Counted since the last roll. */
  thisSecondRequests: number;
  thisSecondErrors: number;
};

export interface StateEvent {
  readonly t: number;
  readonly node: string;
  readonly from: NodeState | null;
  readonly to: NodeState | 'removed';
  readonly reason: string;
}

export function nodeState(node: PoolNode): NodeState {
  if (!node.healthy) return 'down';
  return node.draining ? 'draining' : 'up';
}

export class Pool {
  #nodes = new Map<string, NodeRecord>();
  #active: PoolNode[] = [];
  #listeners: ((event: StateEvent) => void)[] = [];
  #rollListeners: ((t: number) => void)[] = [];

  onChange(listener: (event: StateEvent) => void): void {
    this.#listeners.push(listener);
  }

  /** Adds a node; `healthy` false means it waits for its first passing health check. */
  add(id: string, url: string, healthy: boolean): PoolNode {
    if (this.#nodes.has(id)) throw new LbError('LB_ERR_ADMIN_DUPLICATE_NODE', `node "${id}" already exists`);
    for (const n of this.#nodes.values()) {
      if (n.url === url) throw new LbError('LB_ERR_ADMIN_DUPLICATE_NODE', `node "${n.id}" already has url ${url}`);
    }
    const { hostname, port } = new URL(url);
    const node: NodeRecord = {
      id, url, hostname, port: Number(port) || 80, healthy, draining: false, removed: false,
      inFlight: 0, requests: 0, errors: 0, lastSecondRequests: 0, lastSecondErrors: 0, thisSecondRequests: 0,
      thisSecondErrors: 0, lastHealth: null, okStreak: 0, failStreak: 0,
    };
    this.#nodes.set(id, node);
    this.#refresh();
    this.#emit(node, null, healthy ? 'added' : 'added, waiting for its first passing health check');
    return node;
  }

  remove(id: string): PoolNode {
    const node = this.require(id) as NodeRecord;
    const from = nodeState(node);
    this.#nodes.delete(id);
    node.removed = true;
    this.#refresh();
    this.#emitRaw({ t: Date.now(), node: id, from, to: 'removed', reason: 'removed through the admin API' });
    return node;
  }

  get(id: string): PoolNode | undefined {
    return this.#nodes.get(id);
  }

  require(id: string): PoolNode {
    const node = this.#nodes.get(id);
    if (!node) throw new LbError('LB_ERR_ADMIN_UNKNOWN_NODE', `no node "${id}"`);
    return node;
  }

  all(): PoolNode[] {
    return [...this.#nodes.values()];
  }

  /** Healthy and not draining: the nodes that may take new work. Cached; rebuilt on every state change. */
  active(): readonly PoolNode[] {
    return this.#active;
  }

  /** A request goes to `node`. The hot path: plain increments, nothing allocated. */
  begin(node: PoolNode): void {
    const n = node as NodeRecord;
    n.inFlight++;
    n.requests++;
    n.thisSecondRequests++;
  }

  /** The node's answer is complete (or abandoned): one request less in flight. */
  end(node: PoolNode): void {
    (node as NodeRecord).inFlight--;
  }

  /** The node failed a request: answered 5xx, or its connection failed. */
  countError(node: PoolNode): void {
    const n = node as NodeRecord;
    n.errors++;
    n.thisSecondErrors++;
  }

  /** The balancer's ticker, once a second: the second that ended becomes `lastSecond*`, then listeners read it. */
  roll(): void {
    for (const n of this.#nodes.values()) {
      n.lastSecondRequests = n.thisSecondRequests;
      n.lastSecondErrors = n.thisSecondErrors;
      n.thisSecondRequests = 0;
      n.thisSecondErrors = 0;
    }
    const t = Date.now();
    for (const listener of this.#rollListeners) listener(t);
  }

  onRoll(listener: (t: number) => void): void {
    this.#rollListeners.push(listener);
  }

  /** An active check's result: a pass ends the fail streak and extends the pass streak, a failure the reverse. */
  recordCheck(node: PoolNode, result: LastHealth): void {
    const n = node as NodeRecord;
    n.lastHealth = result;
    if (result.ok) {
      n.failStreak = 0;
      n.okStreak++;
    } else {
      n.okStreak = 0;
      n.failStreak++;
    }
  }

  /** Passive ejection: down now, and its pass streak starts over (it comes back after `rise` passes). */
  eject(node: PoolNode, reason: string): void {
    (node as NodeRecord).okStreak = 0;
    this.setHealthy(node, false, reason);
  }

  setHealthy(node: PoolNode, healthy: boolean, reason: string): void {
    if (node.removed || node.healthy === healthy) return;
    const from = nodeState(node);
    (node as NodeRecord).healthy = healthy;
    this.#refresh();
    this.#emit(node, from, reason);
  }

  setDraining(node: PoolNode, draining: boolean, reason: string): void {
    if (node.removed || node.draining === draining) return;
    const from = nodeState(node);
    (node as NodeRecord).draining = draining;
    this.#refresh();
    this.#emit(node, from, reason);
  }

  #refresh(): void {
    this.#active = [...this.#nodes.values()].filter((n) => n.healthy && !n.draining);
  }

  #emit(node: PoolNode, from: NodeState | null, reason: string): void {
    const to = nodeState(node);
    if (from === to) return;
    this.#emitRaw({ t: Date.now(), node: node.id, from, to, reason });
  }

  #emitRaw(event: StateEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
