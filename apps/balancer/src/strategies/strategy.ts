// The one interface every balancing strategy implements; the forwarder only ever talks to this.
// A strategy picks among the pool's nodes and never does I/O.
import type { StickyMiss, StrategyName } from '../config/config.ts';
import type { PoolNode } from '../pool.ts';

export interface PickInput {
  /** The request's Cookie header (sticky reads its affinity cookie from it). */
  readonly cookie: string | undefined;
  /** Nodes already tried for this request. */
  readonly exclude: ReadonlySet<PoolNode> | undefined;
}

export type Pick =
  | { readonly kind: 'node'; readonly node: PoolNode; readonly setCookie?: string; readonly stickyMiss?: 'continue' }
  | { readonly kind: 'none' }
  | { readonly kind: 'miss'; readonly policy: Exclude<StickyMiss, 'continue'>; readonly setCookie?: string };

export interface Strategy {
  readonly name: StrategyName;
  pick(input: PickInput): Pick;
  /** Sessions pinned to a node (always 0 for strategies without affinity). */
  sessions(nodeId: string): number;
}

export const NO_NODE: Pick = Object.freeze({ kind: 'none' });
