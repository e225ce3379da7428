// The report's tables as plain rows of printed cells, built once from results.json and the derived figures,
// then written as Markdown and as HTML. A cell that shows a figure names it, so tests can read it back.
import type { Results, VariantResult } from '../results-schema.ts';
import { type FigureKind, formatAt, formatCount, formatFigure, NA } from './format.ts';
import type { VariantFigures } from './figures.ts';
import { AFFINITY_FIGURES, KEY_FIGURES, RACE_FIGURES } from './key-figures.ts';

export type Cell = { text: string; figure?: string; variant?: string; value?: number | null };
export type Table = { id: string; head: string[]; rows: Cell[][] };

const figureCell = (figure: string, kind: FigureKind, v: VariantResult, value: number | null | undefined): Cell =>
  ({ text: formatFigure(kind, value), figure, variant: v.label, value: value ?? null });

export function keyFiguresTable(r: Results, figs: VariantFigures[]): Table {
  const base = r.variants.some((v) => v.race) ? [...KEY_FIGURES, ...RACE_FIGURES] : KEY_FIGURES;
  const list = r.variants.some((v) => v.affinity) ? [...base, ...AFFINITY_FIGURES] : base;
  return {
    id: 'key-figures', head: ['Figure', ...r.variants.map((v) => v.label)],
    rows: list.map((k) => [{ text: k.title }, ...r.variants.map((v, i) => figureCell(k.id, k.kind, v, k.value(figs[i]!, v)))]),
  };
}

type Row = [string, string, FigureKind, (v: VariantResult) => number | null | undefined];
const TOTAL_ROWS: Row[] = [
  ['Requests', 'requests', 'count', (v) => v.totals.requests], ['2xx', 'ok', 'count', (v) => v.totals.ok],
  ['Errors (all classes)', 'errors', 'count', (v) => v.totals.errors], ['Throughput', 'rps', 'rps', (v) => v.totals.rps],
  ['Latency p50', 'latencyP50', 'latency', (v) => v.totals.latency.p50], ['Latency p90', 'latencyP90', 'latency', (v) => v.totals.latency.p90],
  ['Latency p99', 'latencyP99', 'latency', (v) => v.totals.latency.p99], ['Latency max', 'latencyMax', 'latency', (v) => v.totals.latency.max],
  ['4xx', 'http4xx', 'count', (v) => v.totals.errorClasses?.http4xx], ['5xx', 'http5xx', 'count', (v) => v.totals.errorClasses?.http5xx],
  ['Socket errors', 'socket', 'count', (v) => v.totals.errorClasses?.socket], ['Timeouts', 'timeout', 'count', (v) => v.totals.errorClasses?.timeout],
  ['Duration', 'durationMs', 'duration', (v) => v.durationMs],
];
const INTEGRITY_ROWS: Row[] = [
  ['Shoppers', 'shoppers', 'count', (v) => v.integrity.shoppers], ['Carts checked', 'cartsChecked', 'count', (v) => v.integrity.cartsChecked],
  ['Carts intact', 'cartsIntact', 'count', (v) => v.integrity.cartsIntact], ['Carts lost', 'cartsLost', 'count', (v) => v.integrity.cartsLost],
  ['Carts indeterminate', 'cartsIndeterminate', 'count', (v) => v.integrity.cartsIndeterminate],
  ['Items acknowledged', 'itemsAcked', 'count', (v) => v.integrity.itemsAcked], ['Items lost', 'itemsLost', 'count', (v) => v.integrity.itemsLost],
  ['Indeterminate writes', 'indeterminate', 'count', (v) => v.integrity.indeterminate], ['Unexpected items', 'unexpected', 'count', (v) => v.integrity.unexpected],
];

function perVariant(id: string, r: Results, rows: Row[]): Table {
  return { id, head: ['', ...r.variants.map((v) => v.label)], rows: rows.map(([title, fig, kind, get]) => [{ text: title }, ...r.variants.map((v) => figureCell(fig, kind, v, get(v)))]) };
}

export const totalsTable = (r: Results): Table => perVariant('totals', r, TOTAL_ROWS);
export const integrityTable = (r: Results): Table => perVariant('integrity', r, INTEGRITY_ROWS);

/** Requests and lost carts per node; a node with no lost-cart entry lost none (the checker lists only losers). */
export function nodesTable(r: Results, figs: VariantFigures[]): Table {
  const rows = r.variants.flatMap((v, i) => {
    const served = figs[i]!.requestsByNode;
    const names = [...new Set([...v.nodes, ...Object.keys(served), ...Object.keys(v.integrity.lostByNode)])];
    return names.map((n) => [{ text: v.label }, { text: n },
      figureCell(`requests:${n}`, 'count', v, served[n] ?? 0), figureCell(`cartsLost:${n}`, 'count', v, v.integrity.lostByNode[n] ?? 0)]);
  });
  return { id: 'nodes', head: ['Variant', 'Node', 'Responses', 'Carts lost'], rows };
}

export function eventsTable(r: Results): Table {
  const rows = r.variants.flatMap((v) => v.events.map((e) => [{ text: v.label }, { text: formatAt(e.t) }, { text: e.type }, { text: e.node ?? '' }, { text: e.detail ?? '' }]));
  return { id: 'events', head: ['Variant', 'At', 'Event', 'Node', 'Detail'], rows };
}

const show = (value: unknown): string => (value === null || value === undefined ? NA : typeof value === 'string' ? value : JSON.stringify(value));

export function runTable(r: Results): Table {
  const e = r.environment;
  const rows: [string, unknown][] = [
    ['Experiment', r.experiment], ['Started', r.startedAt], ['Finished', r.finishedAt],
    ...Object.entries(r.options).map(([k, val]): [string, unknown] => [`--${k}`, val]),
    ['Node.js', e.node], ['Platform', e.platform], ['CPUs', formatCount(e.cpus)], ['CPU model', e.cpuModel],
    ['Memory', e.totalMemMb === undefined ? undefined : `${formatCount(e.totalMemMb)} MB`], ['Git sha', e.gitSha],
    ['Generator capacity', e.generatorCapacityRps === null || e.generatorCapacityRps === undefined ? null : formatFigure('rps', e.generatorCapacityRps)],
    ...r.variants.map((v): [string, unknown] => [`Variant ${v.label}`, `${v.variant}, ${v.strategy} balancing, ${v.cartStore} cart store, nodes ${v.nodes.join(', ')}`]),
  ];
  return { id: 'run', head: ['Setting', 'Value'], rows: rows.map(([k, val]) => [{ text: k }, { text: show(val) }]) };
}
