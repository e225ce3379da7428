// The JSON shape of a node and of the pool, as GET /nodes and the SSE snapshot publish them (others parse these).
import type { StickyMiss, StrategyName } from '../config/config.ts';
import { nodeState, type LastHealth, type NodeState, type Pool, type PoolNode } from '../pool.ts';
import type { AffinityView } from '../strategies/affinity.ts';
import type { Strategy } from '../strategies/strategy.ts';

export interface NodeView {
  id: string;
  url: string;
  state: NodeState;
  inFlight: number;
  requests: number;
  errors: number;
  lastHealth: LastHealth | null;
  /** null when the pins live in the cookies (--affinity signed). */
  stickySessions: number | null;
}

export interface PoolView {
  strategy: StrategyName;
  stickyMiss: StickyMiss;
  nodes: NodeView[];
  /** Sticky only: the affinity mode and its counters. */
  affinity?: AffinityView;
}

export function nodeView(node: PoolNode, strategy: Strategy): NodeView {
  return {
    id: node.id,
    url: node.url,
    state: nodeState(node),
    inFlight: node.inFlight,
    requests: node.requests,
    errors: node.errors,
    lastHealth: node.lastHealth,
    stickySessions: strategy.sessions(node.id),
  };
}

export function poolView(pool: Pool, strategy: Strategy, stickyMiss: StickyMiss): PoolView {
  const view: PoolView = { strategy: strategy.name, stickyMiss, nodes: pool.all().map((n) => nodeView(n, strategy)) };
  const affinity = strategy.affinityView?.();
  if (affinity) view.affinity = affinity;
  return view;
}
