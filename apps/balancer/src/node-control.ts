// The operations on the node set, shared by the CLI's --upstream list and the admin API.
import { checkNodeUrl, isNodeId } from './config/upstream-spec.ts';
import { LbError } from './errors.ts';
import type { HealthChecker } from './health/health-checker.ts';
import type { Pool, PoolNode } from './pool.ts';

export class NodeControl {
  #pool: Pool;
  #health: HealthChecker;
  #counter = 0;

  constructor(pool: Pool, health: HealthChecker) {
    this.#pool = pool;
    this.#health = health;
  }

  /** Adds a node; with active checks on, it is `down` until its first check passes (checked at once). */
  add(url: unknown, id?: unknown): PoolNode {
    const checked = checkNodeUrl(url);
    if (!checked.ok) throw new LbError('LB_ERR_ADMIN_BAD_REQUEST', `"url" ${checked.message}; expected http://host:port`);
    if (id !== undefined && !isNodeId(id)) {
      throw new LbError('LB_ERR_ADMIN_BAD_REQUEST', '"id" must be 1-64 letters, digits, ".", "_" or "-"');
    }
    const node = this.#pool.add(id ?? this.#nextId(), checked.url, !this.#health.enabled);
    this.#health.watch(node);
    return node;
  }

  remove(id: string): PoolNode {
    const node = this.#pool.remove(id);
    this.#health.unwatch(node);
    return node;
  }

  drain(id: string, draining: boolean): PoolNode {
    const node = this.#pool.require(id);
    this.#pool.setDraining(node, draining, draining ? 'drain requested' : 'undrain requested');
    return node;
  }

  #nextId(): string {
    let id: string;
    do id = `node-${++this.#counter}`;
    while (this.#pool.get(id));
    return id;
  }
}
