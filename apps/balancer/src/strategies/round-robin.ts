// round-robin: each new request goes to the next active node in turn. Draining and down nodes get nothing.
import type { Pool, PoolNode } from '../pool.ts';
import { NO_NODE, type Pick, type PickInput, type Strategy } from './strategy.ts';

export class RoundRobin implements Strategy {
  readonly name = 'round-robin';
  #pool: Pool;
  #next = 0;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  pick(input: PickInput): Pick {
    const node = this.next(input.exclude);
    return node ? { kind: 'node', node } : NO_NODE;
  }

  /** The next active node not in `exclude`; sticky uses this for new and re-pinned sessions. */
  next(exclude: ReadonlySet<PoolNode> | undefined): PoolNode | undefined {
    const list = this.#pool.active();
    const n = list.length;
    for (let k = 0; k < n; k++) {
      const node = list[this.#next++ % n];
      if (node && !exclude?.has(node)) return node;
    }
    return undefined;
  }

  sessions(): number {
    return 0;
  }
}
