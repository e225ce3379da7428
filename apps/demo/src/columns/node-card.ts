// What a node card shows: one display state out of the process state (ours) and the balancer's view, plus
// the last second's traffic and the carts the node holds (or held, once it died). Pure.
import type { NodeInfo, TrafficNode } from '@stateshift/cluster';
import type { NodeHealth } from './node-carts.ts';

export type CardState = 'up' | 'down' | 'frozen' | 'draining' | 'starting';

export interface NodeCard {
  id: string;
  state: CardState;
  /** The process as the cluster sees it (running, frozen, killed...). */
  process: NodeInfo['state'];
  /** The balancer's word (up, down, draining), null when unknown. */
  balancer: string | null;
  pid: number;
  rps: number;
  errors: number;
  inFlight: number;
  /** Carts the node holds (stateful) or carts in Redis (stateless); null when never read. For a node that
   *  no longer runs, the last figure read while it ran ("31 carts were here"): `alive` says which. */
  carts: number | null;
  alive: boolean;
  /** Replicated: peers known and up, as the node said last (null for other variants or never read). */
  peers: { known: number; up: number } | null;
  /** Replicated async: changes queued for peers and the oldest one's age in ms. */
  lag: { queued: number; oldestMs: number } | null;
}

function cardState(node: NodeInfo): CardState {
  if (node.state === 'killed' || node.state === 'stopped' || node.state === 'exited') return 'down';
  if (node.state === 'frozen') return 'frozen';
  if (node.state === 'draining' || node.balancer === 'draining') return 'draining';
  if (node.balancer === 'down') return 'down';
  return node.balancer === 'up' ? 'up' : 'starting';
}

export function nodeCard(node: NodeInfo, traffic: TrafficNode | undefined, health: NodeHealth): NodeCard {
  const alive = node.state === 'running' || node.state === 'draining' || node.state === 'frozen';
  return {
    id: node.id, state: cardState(node), process: node.state, balancer: node.balancer ?? null, pid: node.pid,
    rps: traffic?.requests ?? 0, errors: traffic?.errors ?? 0, inFlight: traffic?.inFlight ?? 0,
    carts: health.carts, alive, peers: health.peers, lag: health.lag,
  };
}
