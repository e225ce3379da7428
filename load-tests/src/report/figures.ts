// Every derived figure of a report (fault, peak p99, throughput dip, steady state, verdict), computed once
// from results.json; renderers only print what this returns and never compute a figure of their own.
import type { TimelineBucket, VariantResult } from '../results-schema.ts';
import { formatAt, formatCount, formatDuration, formatPct, formatRps } from './format.ts';

export const FAULT_TYPES = [
  'kill', 'freeze', 'stop', 'add', 'drain', 'remove', 'redis-stop', 'redis-restart', 'redis-kill', 'redis-freeze',
  'balancer-restart',
] as const;
const FAULT_VERBS: Record<string, string> = {
  kill: 'killed', freeze: 'frozen', stop: 'stopped', add: 'added', drain: 'drained', remove: 'removed',
};
/** A second counts as steady when it carries at least this share of the pre-fault median rate. */
export const STEADY_MIN_SHARE = 0.8;
/** The generator is called the bottleneck when the run reached this share of its measured capacity. */
export const GENERATOR_BOUND_SHARE = 0.8;
/** Peak p99 and throughput dip are taken from the fault to this long after it. */
const FAULT_WINDOW_MS = 10_000;

export type Fault = { type: string; atMs: number; nodes: string[] };
export type SteadyState = {
  met: boolean | null; seconds: number; medianRps: number | null; lowestRps: number | null; failed: number;
};
export type VariantFigures = {
  label: string;
  fault: Fault | null;
  cartsChecked: number; cartsLost: number; cartsLostShare: number | null; itemsLost: number; unexpected: number;
  failedRequests: number; timeToEjectMs: number | null; errorWindowMs: number | null;
  /** undefined: the run did not measure recovery; null: measured, never recovered. */
  recoveryMs: number | null | undefined;
  peakP99Ms: number | null; throughputDip: number | null; steady: SteadyState;
  requestsByNode: Record<string, number>;
  verdict: string; steadyLine: string;
};

export function failedIn(b: TimelineBucket): number {
  return b.errors.http5xx + b.errors.socket + b.errors.timeout;
}

export function findFault(v: VariantResult): Fault | null {
  const first = v.events.find((e) => (FAULT_TYPES as readonly string[]).includes(e.type));
  if (!first) return null;
  const same = v.events.filter((e) => e.type === first.type && Math.abs(e.t - first.t) < 1000);
  return { type: first.type, atMs: first.t, nodes: same.flatMap((e) => (e.node ? [e.node] : [])) };
}

/** When the fault phase starts: the `during` phase if the run has one, else the first fault event. */
export function faultStartMs(v: VariantResult): number | null {
  return v.phases.find((p) => p.name === 'during')?.fromMs ?? findFault(v)?.atMs ?? null;
}

/** Buckets that cover a whole second of the run (the last one may be cut short, and answers that came back
 *  after --duration, while in-flight requests drained, land in seconds past it). */
export function fullBuckets(v: VariantResult): TimelineBucket[] {
  return v.timeline.filter((b) => (b.t + 1) * 1000 <= v.durationMs);
}

/** The steady window: whole seconds of the load, without the first (warm-up) second. */
export function steadyWindow(v: VariantResult): TimelineBucket[] {
  return fullBuckets(v).filter((b) => b.t >= 1);
}

/** Seconds of the steady window from the one holding the fault to FAULT_WINDOW_MS after it; the whole steady
 *  window without a fault. */
function faultWindow(v: VariantResult): TimelineBucket[] {
  const at = faultStartMs(v);
  if (at === null) return steadyWindow(v);
  return steadyWindow(v).filter((b) => (b.t + 1) * 1000 > at && b.t * 1000 < at + FAULT_WINDOW_MS);
}

/** Highest per-second p99 in the fault window (the steady window without a fault). */
export function peakP99(v: VariantResult): number | null {
  const values = faultWindow(v).flatMap((b) => (b.p99 === null ? [] : [b.p99]));
  return values.length ? Math.max(...values) : null;
}

function median(values: number[]): number | null {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Before the fault (or the whole run without one), skipping the first warm-up second. */
function baselineBuckets(v: VariantResult): TimelineBucket[] {
  const before = v.phases.find((p) => p.name === 'before');
  const endMs = before?.toMs ?? faultStartMs(v) ?? v.durationMs;
  return steadyWindow(v).filter((b) => (b.t + 1) * 1000 <= endMs);
}

export function steadyState(v: VariantResult): SteadyState {
  const buckets = baselineBuckets(v);
  const rates = buckets.map((b) => b.ok);
  const medianRps = median(rates);
  const lowestRps = rates.length ? Math.min(...rates) : null;
  const failed = buckets.reduce((sum, b) => sum + failedIn(b), 0);
  const met = medianRps === null || lowestRps === null ? null
    : medianRps > 0 && lowestRps >= STEADY_MIN_SHARE * medianRps && failed === 0;
  return { met, seconds: buckets.length, medianRps, lowestRps, failed };
}

/** Share of the pre-fault median rate lost in the worst whole second of the fault window; 0 when none. */
export function throughputDip(v: VariantResult): number | null {
  const at = faultStartMs(v);
  const base = steadyState(v).medianRps;
  if (at === null || !base) return null;
  const after = faultWindow(v).map((b) => b.ok);
  if (!after.length) return null;
  return Math.max(0, (base - Math.min(...after)) / base);
}

function requestsByNode(v: VariantResult): Record<string, number> {
  if (v.totals.byNode) return v.totals.byNode;
  const sums: Record<string, number> = {};
  for (const b of v.timeline) for (const [node, n] of Object.entries(b.byNode)) sums[node] = (sums[node] ?? 0) + n;
  return sums;
}

function faultPhrase(f: Fault | null): string {
  if (!f) return 'no fault';
  const at = formatAt(f.atMs);
  if (f.type === 'redis-stop') return `Redis stopped at ${at}`;
  if (f.type === 'redis-restart') return `Redis restarted at ${at}`;
  if (f.type === 'balancer-restart') return `balancer killed and restarted at ${at}`;
  if (f.type === 'redis-kill') return `Redis primary${f.nodes[0] ? ` ${f.nodes[0]}` : ''} killed at ${at}`;
  if (f.type === 'redis-freeze') return `Redis primary${f.nodes[0] ? ` ${f.nodes[0]}` : ''} frozen at ${at}`;
  const n = Math.max(1, f.nodes.length);
  return `${n} node${n === 1 ? '' : 's'} ${FAULT_VERBS[f.type] ?? f.type} at ${at}`;
}

function recoveryPhrase(f: Fault | null, recoveryMs: number | null | undefined): string[] {
  if (!f) return [];
  if (recoveryMs === undefined) return ['recovery not measured'];
  return [recoveryMs === null
    ? 'not back to normal by the end of the run'
    : `back to normal after ${formatDuration(recoveryMs)}`];
}

export function verdictFor(v: VariantResult): string {
  if (v.race) {
    const r = v.race;
    return `${v.label}: ${formatCount(r.requests)} concurrent adds, ${formatCount(r.acked)} acknowledged, `
      + `final quantity ${formatCount(r.finalQuantity)}; ${formatCount(r.lostUpdates)} lost updates`;
  }
  const f = findFault(v);
  const i = v.integrity;
  const share = i.cartsChecked ? i.cartsLost / i.cartsChecked : null;
  const parts = [
    faultPhrase(f),
    `${formatCount(i.cartsLost)} of ${formatCount(i.cartsChecked)} carts lost (${formatPct(share)})`,
    ...(i.unexpected ? [`${formatCount(i.unexpected)} unexpected items (a leak between sessions)`] : []),
    `failed requests ${formatCount(v.failover.failedRequests)}`,
    ...recoveryPhrase(f, v.failover.recoveryMs),
  ];
  return `${v.label}: ${parts.join('; ')}`;
}

export function steadyLineFor(v: VariantResult, s: SteadyState = steadyState(v)): string {
  const when = faultStartMs(v) === null ? 'over the run' : 'before the fault';
  if (s.met === null) return `${v.label}: steady state not measured (no whole second ${when} after warm-up)`;
  const head = s.met ? 'steady state met' : 'steady state NOT met';
  return `${v.label}: ${head} ${when}: ${formatRps(s.medianRps)} (median of ${s.seconds} s, lowest `
    + `${formatRps(s.lowestRps)}), ${formatCount(s.failed)} failed requests`;
}

export function variantFigures(v: VariantResult): VariantFigures {
  const i = v.integrity;
  const steady = steadyState(v);
  return {
    label: v.label, fault: findFault(v),
    cartsChecked: i.cartsChecked, cartsLost: i.cartsLost, itemsLost: i.itemsLost, unexpected: i.unexpected,
    cartsLostShare: i.cartsChecked ? i.cartsLost / i.cartsChecked : null,
    failedRequests: v.failover.failedRequests, timeToEjectMs: v.failover.timeToEjectMs,
    errorWindowMs: v.failover.errorWindowMs, recoveryMs: v.failover.recoveryMs,
    peakP99Ms: peakP99(v), throughputDip: throughputDip(v), steady, requestsByNode: requestsByNode(v),
    verdict: verdictFor(v), steadyLine: steadyLineFor(v, steady),
  };
}
