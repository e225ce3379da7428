// The node pool: every node's health, drain flag and counters, and the one place where node state changes.
// It never does I/O; health checks and the proxy report to it, strategies read its cached `active` list.
import { LbError } from './errors.ts';

export type NodeState = 'up' | 'down' | 'draining';

export interface LastHealth {
  readonly ok: boolean;
  readonly status?: number;
  readonly error?: string;
  readonly latencyMs?: number;
  readonly at: number;
}

export interface PoolNode {
  readonly id: string;
  readonly url: string;
  readonly port: number;
  readonly hostname: string;
  healthy: boolean;
  draining: boolean;
  removed: boolean;
  inFlight: number;
  requests: number;
  errors: number;
  /** Counted since the last traffic tick (the per-second summary). */
  tickRequests: number;
  tickErrors: number;
  lastHealth: LastHealth | null;
  okStreak: number;
  failStreak: number;
}

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
  #nodes = new Map<string, PoolNode>();
  #active: PoolNode[] = [];
  #listeners: ((event: StateEvent) => void)[] = [];

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
    const node: PoolNode = {
      id, url, hostname, port: Number(port) || 80, healthy, draining: false, removed: false,
      inFlight: 0, requests: 0, errors: 0, tickRequests: 0, tickErrors: 0, lastHealth: null, okStreak: 0, failStreak: 0,
    };
    this.#nodes.set(id, node);
    this.#refresh();
    this.#emit(node, null, healthy ? 'added' : 'added, waiting for its first passing health check');
    return node;
  }

  remove(id: string): PoolNode {
    const node = this.require(id);
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

  setHealthy(node: PoolNode, healthy: boolean, reason: string): void {
    if (node.removed || node.healthy === healthy) return;
    const from = nodeState(node);
    node.healthy = healthy;
    this.#refresh();
    this.#emit(node, from, reason);
  }

  setDraining(node: PoolNode, draining: boolean, reason: string): void {
    if (node.removed || node.draining === draining) return;
    const from = nodeState(node);
    node.draining = draining;
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
