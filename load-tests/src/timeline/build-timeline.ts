// One bucket per second of a variant's load: requests sent in it (by send time), and ok, errors, latency and
// requests per node of the requests that ended in it (by end time).
import type { TimelineBucket } from '../results-schema.ts';
import type { RequestRecord } from '../shoppers/history.ts';
import { countEnding, emptyErrorClasses, isAnswered } from './error-classes.ts';
import { percentile, sortedCopy } from './percentile.ts';

/** `t0`: epoch ms of the load start; `durationMs`: how long the load ran (buckets cover it, plus stragglers). */
export function buildTimeline(records: readonly RequestRecord[], t0: number, durationMs: number): TimelineBucket[] {
  const buckets: TimelineBucket[] = [];
  const latencies: number[][] = [];
  const bucket = (epochMs: number): TimelineBucket => {
    const t = Math.max(0, Math.floor((epochMs - t0) / 1000));
    for (let i = buckets.length; i <= t; i++) {
      buckets.push({ t: i, sent: 0, ok: 0, errors: emptyErrorClasses(), p50: null, p99: null, byNode: {} });
      latencies.push([]);
    }
    return buckets[t] as TimelineBucket;
  };
  bucket(t0 + Math.max(0, durationMs - 1));
  for (const record of records) {
    bucket(record.sentAt).sent++;
    const ended = bucket(record.endedAt);
    if (record.end === 'ok') ended.ok++;
    countEnding(ended.errors, record);
    if (record.node) ended.byNode[record.node] = (ended.byNode[record.node] ?? 0) + 1;
    if (isAnswered(record) && record.latencyMs !== undefined) latencies[ended.t]?.push(record.latencyMs);
  }
  buckets.forEach((b, i) => {
    const sorted = sortedCopy(latencies[i] ?? []);
    b.p50 = percentile(sorted, 50);
    b.p99 = percentile(sorted, 99);
  });
  return buckets;
}
