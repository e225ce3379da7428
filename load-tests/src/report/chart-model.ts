// The charts of a report as plain data (one x axis in seconds, series, event markers, phase bands), built
// once from results.json and drawn twice: by the SVG writer for Markdown and by uPlot in report.html.
import type { ErrorClasses, Results, TimelineBucket, VariantResult } from '../results-schema.ts';
import { failedIn, FAULT_TYPES, fullBuckets } from './figures.ts';
import { ERROR_CLASS_COLORS, nodeShade, variantHues } from './palette.ts';

export type ChartSeries = { label: string; color: string; dashed: boolean; width: number; values: (number | null)[] };
export type ChartMarker = { x: number; label: string; color: string; dashed: boolean };
type ChartBand = { from: number; to: number; name: 'before' | 'during' | 'after' };
export type ChartPanel = {
  id: string; title: string; yLabel: string; stacked: boolean; yMax: number;
  series: ChartSeries[]; markers: ChartMarker[]; bands: ChartBand[];
};
type ChartRow = { id: string; title: string; note: string; panels: ChartPanel[] };
export type ChartModel = { xs: number[]; rows: ChartRow[] };

const HIDDEN_EVENTS = new Set(['load-start', 'load-stop']);
const ERROR_CLASSES = ['http4xx', 'http5xx', 'socket', 'timeout'] as const;
const CLASS_NAMES: Record<(typeof ERROR_CLASSES)[number], string> = {
  http4xx: '4xx', http5xx: '5xx', socket: 'socket error', timeout: 'timeout',
};

/** Bucket t is drawn as a step over [t, t+1); a closing point at lastT+1 repeats the last value. Only whole
 *  seconds are drawn: a partial last second (and the drain after --duration) would end in a false cliff. */
function stepValues(v: VariantResult, xs: number[], pick: (b: TimelineBucket) => number | null): (number | null)[] {
  const whole = fullBuckets(v);
  const byT = new Map(whole.map((b) => [b.t, b]));
  const lastT = Math.max(-1, ...whole.map((b) => b.t));
  return xs.map((x) => {
    const b = byT.get(x) ?? (x === lastT + 1 ? byT.get(lastT) : undefined);
    return b ? pick(b) : null;
  });
}

function markersOf(v: VariantResult, color: string, xMax: number): ChartMarker[] {
  return v.events.filter((e) => !HIDDEN_EVENTS.has(e.type) && e.t >= 0 && e.t <= xMax * 1000).map((e) => ({
    x: e.t / 1000, color, dashed: !(FAULT_TYPES as readonly string[]).includes(e.type),
    label: e.node ? `${e.type} ${e.node}` : e.type,
  }));
}

function bandsOf(v: VariantResult | undefined): ChartBand[] {
  return (v?.phases ?? []).map((p) => ({ from: p.fromMs / 1000, to: p.toMs / 1000, name: p.name }));
}

function maxOf(series: ChartSeries[], stacked: boolean): number {
  const columns = series[0]?.values.map((_, i) => series.map((s) => s.values[i] ?? 0)) ?? [];
  const peaks = columns.map((col) => (stacked ? col.reduce((a, b) => a + b, 0) : Math.max(0, ...col)));
  return Math.max(1, ...peaks);
}

function panel(
  id: string, title: string, yLabel: string, stacked: boolean, series: ChartSeries[], markers: ChartMarker[],
  bands: ChartBand[],
): ChartPanel {
  return { id, title, yLabel, stacked, series, markers, bands, yMax: maxOf(series, stacked) };
}

/** Panels of one row share their y range, so two variants read on the same scale. */
function shareY(panels: ChartPanel[]): ChartPanel[] {
  const yMax = Math.max(...panels.map((p) => p.yMax));
  return panels.map((p) => ({ ...p, yMax }));
}

/** Nodes in start order, plus any that served requests without being listed (never silently dropped). */
function nodeNames(v: VariantResult): string[] {
  const seen = new Set(v.nodes);
  const extra = v.timeline.flatMap((b) => Object.keys(b.byNode)).filter((n) => !seen.has(n) && (seen.add(n), true));
  return [...v.nodes, ...extra];
}

const errorCount = (e: ErrorClasses, c: (typeof ERROR_CLASSES)[number]): number => e[c];

export function buildChartModel(r: Results): ChartModel {
  const hues = variantHues(r.variants);
  const end = Math.max(1, ...r.variants.map((v) => Math.floor(v.durationMs / 1000)));
  const xs = Array.from({ length: end + 1 }, (_, i) => i);
  const all = r.variants.flatMap((v, i) => markersOf(v, hues[i]!.color, end));
  const line = (label: string, color: string, dashed: boolean, width: number, values: (number | null)[]): ChartSeries =>
    ({ label, color, dashed, width, values });
  const each = <T>(f: (v: VariantResult, color: string, hue: number, i: number) => T[]): T[] =>
    r.variants.flatMap((v, i) => f(v, hues[i]!.color, hues[i]!.hue, i));
  const perVariant = (
    id: string, title: string, yLabel: string, f: (v: VariantResult, hue: number) => ChartSeries[],
  ): ChartPanel[] =>
    shareY(r.variants.map((v, i) => panel(
      `${id}-${i}`, `${title}: ${v.label}`, yLabel, true, f(v, hues[i]!.hue), markersOf(v, hues[i]!.color, end),
      bandsOf(v),
    )));
  const rows: ChartRow[] = [
    { id: 'outcome', title: 'Requests per second by outcome',
      note: 'solid: 2xx; dashed: failed (5xx, socket error, timeout)',
      panels: [panel('outcome', 'Requests per second by outcome', 'req/s', false, each((v, c) => [
        line(`${v.label} 2xx`, c, false, 3, stepValues(v, xs, (b) => b.ok)),
        line(`${v.label} failed`, c, true, 2, stepValues(v, xs, failedIn)),
      ]), all, bandsOf(r.variants[0]))] },
    { id: 'latency', title: 'Latency p50 and p99',
      note: 'solid: p99; dashed: p50; gaps: no response completed in that second',
      panels: [panel('latency', 'Latency p50 and p99', 'ms', false, each((v, c) => [
        line(`${v.label} p99`, c, false, 3, stepValues(v, xs, (b) => b.p99)),
        line(`${v.label} p50`, c, true, 2, stepValues(v, xs, (b) => b.p50)),
      ]), all, bandsOf(r.variants[0]))] },
    { id: 'nodes', title: 'Requests per second per node (stacked)',
      note: 'one panel per variant, same scales; from x-served-by',
      panels: perVariant('nodes', 'Requests per second per node', 'req/s', (v, hue) => nodeNames(v).map((node, n) =>
        line(node, nodeShade(hue, n), false, 1, stepValues(v, xs, (b) => b.byNode[node] ?? 0)))) },
    { id: 'errors', title: 'Errors per second by class (stacked)', note: 'one panel per variant, same scales',
      panels: perVariant('errors', 'Errors per second by class', 'errors/s', (v) => ERROR_CLASSES.map((c) =>
        line(CLASS_NAMES[c], ERROR_CLASS_COLORS[c], false, 1, stepValues(v, xs, (b) => errorCount(b.errors, c))))) },
  ];
  return { xs, rows };
}
