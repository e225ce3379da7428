// Puts cluster operations and the balancer's state changes on the variant's clock (ms since load start).
import type { ExperimentEvent } from '../results-schema.ts';

export interface ClusterOp { t: number; type: string; node?: string; detail?: string }
export interface StateChange { t: number; node: string; from: string | null; to: string; reason?: string }

const OP_TYPES = new Set([
  'kill', 'freeze', 'thaw', 'stop', 'add', 'drain', 'undrain', 'remove', 'redis-stop', 'redis-start', 'redis-restart',
  'load-start', 'load-stop', 'redis-kill', 'redis-freeze', 'redis-thaw', 'balancer-restart', 'balancer-start',
]);

export function opEvent(op: ClusterOp, t0: number): ExperimentEvent | undefined {
  if (!OP_TYPES.has(op.type)) return undefined;
  return withOptional({ t: op.t - t0, type: op.type as ExperimentEvent['type'] }, op.node, op.detail);
}

/** The balancer's verdicts: `down` becomes node-down, `up` node-up; other states (draining) are ops we
 *  already record ourselves. `receivedAt` (our clock) is used, not the balancer's `t`, to share one clock. */
export function stateEvent(change: StateChange, receivedAt: number, t0: number): ExperimentEvent | undefined {
  const type = change.to === 'down' ? 'node-down' : change.to === 'up' ? 'node-up' : undefined;
  if (!type) return undefined;
  const detail = [change.from ? `${change.from} -> ${change.to}` : change.to, change.reason].filter(Boolean).join(': ');
  return withOptional({ t: receivedAt - t0, type }, change.node, detail);
}

function withOptional(event: ExperimentEvent, node?: string, detail?: string): ExperimentEvent {
  if (node !== undefined) event.node = node;
  if (detail) event.detail = detail;
  return event;
}
