// The one interface every balancing strategy implements; the forwarder only ever talks to this.
// A strategy picks among the pool's nodes and never does I/O.
import type { StickyMiss, StrategyName } from '../config/config.ts';
import type { PoolNode } from '../pool.ts';
import type { AffinityRead, AffinityView } from './affinity.ts';

export interface PickInput {
  /** The request's Cookie header (sticky reads its affinity cookie from it). */
  readonly cookie: string | undefined;
  /** Nodes already tried for this request. */
  readonly exclude: ReadonlySet<PoolNode> | undefined;
  /** What sticky read from the affinity cookie on this request's first pick; its retries reuse it. */
  affinity?: AffinityRead;
}

export type Pick =
  | { readonly kind: 'node'; readonly node: PoolNode; readonly setCookie?: string; readonly stickyMiss?: 'continue' }
  | { readonly kind: 'none' }
  | { readonly kind: 'miss'; readonly policy: Exclude<StickyMiss, 'continue'>; readonly setCookie?: string };

export interface Strategy {
  readonly name: StrategyName;
  pick(input: PickInput): Pick;
  /** Sessions pinned to a node (always 0 for strategies without affinity; null when pins live in the cookies). */
  sessions(nodeId: string): number | null;
  /** The affinity mode and its counters (sticky only). */
  affinityView?(): AffinityView;
}

export const NO_NODE: Pick = Object.freeze({ kind: 'none' });
