// Failover figures of one variant: how long the balancer took to eject the faulted node, how long requests
// kept failing, how many failed, and when throughput came back. All times are ms since the load started.
import type { ExperimentEvent, Failover, TimelineBucket } from '../results-schema.ts';
import type { RequestRecord } from '../shoppers/history.ts';
import { isFailure } from './error-classes.ts';

export interface Fault {
  /** ms since load start. */
  atMs: number;
  node?: string;
}

export interface FailoverInput {
  records: readonly RequestRecord[];
  timeline: readonly TimelineBucket[];
  events: readonly ExperimentEvent[];
  /** null: the experiment injects no fault (baseline, race). */
  fault: Fault | null;
  t0: number;
  durationMs: number;
}

export function computeFailover(input: FailoverInput): Failover {
  const { fault } = input;
  if (!fault) return { timeToEjectMs: null, errorWindowMs: null, failedRequests: 0, recoveryMs: null };
  const failed = input.records.filter((r) => isFailure(r) && r.endedAt - input.t0 >= fault.atMs);
  const ends = failed.map((r) => r.endedAt);
  return {
    timeToEjectMs: timeToEject(input.events, fault),
    // A loop, not Math.max(...ends): a failover can fail hundreds of thousands of requests (too many arguments).
    errorWindowMs: ends.length ? ends.reduce((a, b) => Math.max(a, b)) - ends.reduce((a, b) => Math.min(a, b)) : null,
    failedRequests: failed.length,
    recoveryMs: recovery(input.timeline, fault.atMs, input.durationMs),
  };
}

/** Fault to the balancer's first `node-down` for the faulted node at or after the fault. */
function timeToEject(events: readonly ExperimentEvent[], fault: Fault): number | null {
  if (!fault.node) return null;
  const down = events.find((e) => e.type === 'node-down' && e.node === fault.node && e.t >= fault.atMs);
  return down ? Math.round(down.t - fault.atMs) : null;
}

/** Fault to the start of the first whole second at or after it with no failed request (5xx, socket,
 *  timeout) and at least 90% of the mean 2xx rate of the whole seconds before the fault (skipping second 0,
 *  the warm-up). Null when there is no pre-fault second to compare with, or it never recovers. */
function recovery(timeline: readonly TimelineBucket[], faultAtMs: number, durationMs: number): number | null {
  const whole = timeline.filter((b) => (b.t + 1) * 1000 <= durationMs);
  const before = whole.filter((b) => b.t > 0 && (b.t + 1) * 1000 <= faultAtMs);
  if (before.length === 0) return null;
  const baseline = before.reduce((sum, b) => sum + b.ok, 0) / before.length;
  const back = whole.find((b) => b.t * 1000 >= faultAtMs && failures(b) === 0 && b.ok >= 0.9 * baseline);
  return back ? back.t * 1000 - faultAtMs : null;
}

function failures(bucket: TimelineBucket): number {
  return bucket.errors.http5xx + bucket.errors.socket + bucket.errors.timeout;
}
