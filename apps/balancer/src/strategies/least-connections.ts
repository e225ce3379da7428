// least-connections: the active node with the fewest requests in flight; ties rotate so idle pools still spread.
import type { Pool, PoolNode } from '../pool.ts';
import { NO_NODE, type Pick, type PickInput, type Strategy } from './strategy.ts';

export class LeastConnections implements Strategy {
  readonly name = 'least-connections';
  #pool: Pool;
  #offset = 0;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  pick(input: PickInput): Pick {
    const list = this.#pool.active();
    const n = list.length;
    const start = this.#offset++;
    let best: PoolNode | undefined;
    for (let k = 0; k < n; k++) {
      const node = list[(start + k) % n];
      if (!node || input.exclude?.has(node)) continue;
      if (!best || node.inFlight < best.inFlight) best = node;
    }
    return best ? { kind: 'node', node: best } : NO_NODE;
  }

  sessions(): number {
    return 0;
  }
}
