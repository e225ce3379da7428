// The replication table of a report: one column per run, rows for the replicated runs' own figures (bytes per
// request, async lag and kill window, joins, conflicts) and the p99 sync adds over stateful in the same run.
// Only present when a run has replication figures; a figure a run did not measure prints n/a.
import type { Results, VariantResult } from '../results-schema.ts';
import { formatCount, formatFigure, NA, type FigureKind } from './format.ts';
import type { Cell, Table } from './report-tables.ts';

type Row = [string, string, FigureKind | 'text', (v: VariantResult, r: Results) => number | string | null | undefined];

const ROWS: Row[] = [
  ['Replication bytes per request', 'replBytesPerRequest', 'count', (v) => v.replication?.bytesPerRequest],
  ['Replication bytes (all nodes)', 'replBytes', 'count', (v) => v.replication?.bytesSent],
  ['Peer messages', 'replMessages', 'count', (v) => v.replication?.messagesSent],
  ['p99 added over stateful (same run)', 'p99OverStateful', 'latency', p99OverStateful],
  ['Async interval', 'replIntervalMs', 'duration', (v) => v.replication?.intervalMs],
  ['Async largest lag seen', 'replMaxLagMs', 'duration', (v) => v.replication?.maxLagMs],
  ['Kill: loss window', 'killWindowMs', 'duration', (v) => v.replication?.killWindow?.windowMs],
  ['Kill: units acknowledged in the window', 'killAckedInWindow', 'count',
    (v) => v.replication?.killWindow?.ackedInWindow],
  ['Kill: units lost (checker)', 'killItemsLost', 'count', (v) => v.replication?.killWindow?.itemsLost],
  ['Kill: loss within the window', 'killWithinBound', 'text', (v) => boundText(v)],
  ['Stale writes refused (409 conflict)', 'replConflicts', 'count', (v) => v.replication?.conflicts],
  ['Writes not confirmed by peers (503)', 'replIndeterminate', 'count', (v) => v.replication?.indeterminate],
  ['Joins: node ← peer, snapshot time, records, bytes, first served', 'replJoins', 'text', (v) => joinsText(v)],
];

export function replicationTable(r: Results): Table | undefined {
  if (!r.variants.some((v) => v.replication)) return undefined;
  return {
    id: 'replication', head: ['Figure', ...r.variants.map((v) => v.label)],
    rows: ROWS.map(([title, id, kind, value]) => [{ text: title }, ...r.variants.map((v): Cell => {
      const x = value(v, r);
      if (kind === 'text' || typeof x === 'string') return { text: typeof x === 'string' ? x : NA };
      return { text: formatFigure(kind, x), figure: id, variant: v.label, value: x ?? null };
    })]),
  };
}

function p99OverStateful(v: VariantResult, r: Results): number | null {
  const stateful = r.variants.find((s) => s.variant === 'stateful');
  if (!v.replication || !stateful) return null;
  return Math.round((v.totals.latency.p99 - stateful.totals.latency.p99) * 10) / 10;
}

function boundText(v: VariantResult): string {
  const k = v.replication?.killWindow;
  if (!k) return NA;
  return k.withinBound
    ? `yes (${formatCount(k.itemsLost)} ≤ ${formatCount(k.ackedInWindow)})`
    : `NO: ${formatCount(k.itemsLost)} > ${formatCount(k.ackedInWindow)}`;
}

function joinsText(v: VariantResult): string {
  const joins = v.replication?.joins ?? [];
  if (!v.replication) return NA;
  if (joins.length === 0) return 'none';
  return joins.map((j) => `${j.node} ← ${j.from.replace('http://127.0.0.1:', ':')}, `
    + `${formatFigure('duration', j.ms)}, ${formatCount(j.records)} records, ${formatCount(j.bytes)} B, `
    + `first served ${j.firstServedMs === null ? NA : formatFigure('duration', j.firstServedMs)}`).join('; ');
}
