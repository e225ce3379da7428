// Whole-run figures of one variant, from the same request records as the timeline.
import type { VariantResult } from '../results-schema.ts';
import type { RequestRecord } from '../shoppers/history.ts';
import { countEnding, emptyErrorClasses, errorTotal, isAnswered } from './error-classes.ts';
import { percentile, sortedCopy } from './percentile.ts';

type Totals = VariantResult['totals'];

/** requests: every request that ended (answered, timed out or failed on the socket), not those cut by the end
 *  of the load; rps: requests / load duration; latency: answered requests only, any status. */
export function computeTotals(records: readonly RequestRecord[], durationMs: number): Totals {
  const errorClasses = emptyErrorClasses();
  const byNode: Record<string, number> = {};
  const latencies: number[] = [];
  let requests = 0;
  let ok = 0;
  let latencySum = 0;
  for (const record of records) {
    if (record.end === 'cut') continue;
    requests++;
    if (record.end === 'ok') ok++;
    countEnding(errorClasses, record);
    if (record.node) byNode[record.node] = (byNode[record.node] ?? 0) + 1;
    if (isAnswered(record) && record.latencyMs !== undefined) {
      latencies.push(record.latencyMs);
      latencySum += record.latencyMs;
    }
  }
  const sorted = sortedCopy(latencies);
  return {
    requests, ok, errors: errorTotal(errorClasses),
    rps: durationMs > 0 ? round1(requests / (durationMs / 1000)) : 0,
    latency: {
      p50: percentile(sorted, 50) ?? 0, p90: percentile(sorted, 90) ?? 0, p99: percentile(sorted, 99) ?? 0,
      max: sorted.at(-1) ?? 0, mean: sorted.length ? round1(latencySum / sorted.length) : 0,
    },
    errorClasses,
    byNode,
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
