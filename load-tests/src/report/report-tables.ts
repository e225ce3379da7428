// The report's tables as plain rows of printed cells, built once from results.json and the derived figures,
// then written as Markdown and as HTML. A cell that shows a figure names it, so tests can read it back.
import type { Results, VariantResult } from '../results-schema.ts';
import { formatSpread, runsOf, spreadOf } from '../repeat/spread.ts';
import {
  type FigureKind, formatAt, formatBytes, formatCount, formatDuration, formatFigure, formatMicros, formatPct, formatRps,
  NA,
} from './format.ts';
import { variantFigures, type VariantFigures } from './figures.ts';
import {
  AFFINITY_FIGURES, COST_FIGURES, KEY_FIGURES, RACE_FIGURES, SESSION_FIGURES, type KeyFigure,
} from './key-figures.ts';
import { optionFlags } from './option-flags.ts';
import { hasSessionMemory, SESSION_MEMORY_ROWS } from './session-memory.ts';

export type Cell = { text: string; figure?: string; variant?: string; value?: number | null };
export type Table = { id: string; head: string[]; rows: Cell[][] };

const figureCell = (figure: string, kind: FigureKind, v: VariantResult, value: number | null | undefined): Cell =>
  ({ text: formatFigure(kind, value), figure, variant: v.label, value: value ?? null });

/** A key figure over every run of the variant: the median (its value) and, with --repeat, min–max. */
export function spreadCell(
  r: Results, k: KeyFigure, v: VariantResult,
): Cell & { median: string; range: string | null } {
  const runs = runsOf(r, v.label);
  const s = spreadOf(runs.map((run) => k.value(variantFigures(run), run)));
  const fmt = (n: number) => formatFigure(k.kind, n);
  return {
    text: formatSpread(s, fmt), figure: k.id, variant: v.label, value: s?.median ?? null,
    median: s ? fmt(s.median) : NA, range: s && s.n > 1 && s.min !== s.max ? `${fmt(s.min)}–${fmt(s.max)}` : null,
  };
}

export function keyFigureList(r: Results): readonly KeyFigure[] {
  const base = r.variants.some((v) => v.race) ? [...KEY_FIGURES, ...RACE_FIGURES] : KEY_FIGURES;
  const affinity = r.variants.some((v) => v.affinity) ? AFFINITY_FIGURES : [];
  const session = hasSessionMemory(r) ? SESSION_FIGURES : [];
  return r.variants.some((v) => v.cost) ? [...base, ...affinity, ...COST_FIGURES, ...session] : [...base, ...affinity];
}

export function keyFiguresTable(r: Results, _figs: VariantFigures[]): Table {
  return {
    id: 'key-figures', head: ['Figure', ...r.variants.map((v) => v.label)],
    rows: keyFigureList(r).map((k) => [{ text: k.title }, ...r.variants.map((v) => spreadCell(r, k, v))]),
  };
}

type CostRow = [string, string, (v: VariantResult) => string];
const tierCells = (
  get: (v: VariantResult) => Record<string, number | null> | undefined, fmt: (n: number | null) => string,
  unit: string,
): CostRow[] =>
  (['balancer', 'nodes', 'store', 'generator'] as const)
    .map((t): CostRow => [`${unit}: ${t}`, `${unit}:${t}`, (v) => fmt(get(v)?.[t] ?? null)]);
const COST_ROWS: CostRow[] = [
  ...tierCells((v) => v.cost?.cpuUsPerRequest, formatMicros, 'CPU per request'),
  ...tierCells((v) => v.cost?.cpuMs, (n) => (n === null ? NA : `${formatCount(n)} ms`), 'CPU time'),
  ['Requests completed', 'requests', (v) => formatCount(v.cost?.requests)],
  ['Memory growth: nodes', 'growth:nodes', (v) => formatBytes(v.cost?.memoryGrowthBytes.nodes)],
  ['Memory growth: store', 'growth:store', (v) => formatBytes(v.cost?.memoryGrowthBytes.store)],
  ['Non-empty carts', 'nonEmptyCarts', (v) => formatCount(v.cost?.nonEmptyCarts)],
  ['Memory per cart: nodes', 'perCart:nodes', (v) => formatBytes(v.cost?.memoryBytesPerCart.nodes)],
  ['Memory per cart: store', 'perCart:store', (v) => formatBytes(v.cost?.memoryBytesPerCart.store)],
  ['Machine CPU: total / busy / ours', 'machine', (v) => {
    const m = v.cost?.machineCpuMs;
    return m ? `${formatCount(m.total)} / ${formatCount(m.busy)} / ${formatCount(m.experiment)} ms` : NA;
  }],
  ['Background CPU share', 'background', (v) => formatPct(v.cost?.backgroundCpuShare)],
  ['Drain after --duration', 'drainMs', (v) => formatDuration(v.drainMs)],
];

/** The raw cost readings of the run each column shows (the median-throughput repeat with --repeat). */
export function costTable(r: Results): Table {
  return { id: 'cost', head: ['', ...r.variants.map((v) => v.label)],
    rows: [...COST_ROWS, ...(hasSessionMemory(r) ? SESSION_MEMORY_ROWS : [])]
      .map(([title, , cell]) => [{ text: title }, ...r.variants.map((v) => ({ text: cell(v) }))]) };
}

/** Every run with --repeat, in the order they ran: their start times show the interleaving. */
export function repeatsTable(r: Results): Table {
  const runs = r.repeats ?? [];
  return {
    id: 'repeats', head: ['Run', 'Variant', 'Repeat', 'Started', 'Throughput', 'Carts lost',
      'CPU/request balancer', 'nodes', 'store', 'generator'],
    rows: runs.map((v, i) => [
      String(i + 1), v.label, String(v.repeat ?? 1), new Date(v.startedAtMs).toISOString(), formatRps(v.totals.rps),
      formatCount(v.integrity.cartsLost),
      ...(['balancer', 'nodes', 'store', 'generator'] as const)
        .map((t) => formatMicros(v.cost?.cpuUsPerRequest[t] ?? null)),
    ].map((text) => ({ text }))),
  };
}

type Row = [string, string, FigureKind, (v: VariantResult) => number | null | undefined];
const TOTAL_ROWS: Row[] = [
  ['Requests', 'requests', 'count', (v) => v.totals.requests],
  ['2xx', 'ok', 'count', (v) => v.totals.ok],
  ['Errors (all classes)', 'errors', 'count', (v) => v.totals.errors],
  ['Throughput', 'rps', 'rps', (v) => v.totals.rps],
  ['Latency p50', 'latencyP50', 'latency', (v) => v.totals.latency.p50],
  ['Latency p90', 'latencyP90', 'latency', (v) => v.totals.latency.p90],
  ['Latency p99', 'latencyP99', 'latency', (v) => v.totals.latency.p99],
  ['Latency max', 'latencyMax', 'latency', (v) => v.totals.latency.max],
  ['4xx', 'http4xx', 'count', (v) => v.totals.errorClasses?.http4xx],
  ['5xx', 'http5xx', 'count', (v) => v.totals.errorClasses?.http5xx],
  ['Socket errors', 'socket', 'count', (v) => v.totals.errorClasses?.socket],
  ['Timeouts', 'timeout', 'count', (v) => v.totals.errorClasses?.timeout],
  ['Duration', 'durationMs', 'duration', (v) => v.durationMs],
];
const INTEGRITY_ROWS: Row[] = [
  ['Shoppers', 'shoppers', 'count', (v) => v.integrity.shoppers],
  ['Carts checked', 'cartsChecked', 'count', (v) => v.integrity.cartsChecked],
  ['Carts intact', 'cartsIntact', 'count', (v) => v.integrity.cartsIntact],
  ['Carts lost', 'cartsLost', 'count', (v) => v.integrity.cartsLost],
  ['Carts indeterminate', 'cartsIndeterminate', 'count', (v) => v.integrity.cartsIndeterminate],
  ['Items acknowledged', 'itemsAcked', 'count', (v) => v.integrity.itemsAcked],
  ['Items lost', 'itemsLost', 'count', (v) => v.integrity.itemsLost],
  ['Indeterminate writes', 'indeterminate', 'count', (v) => v.integrity.indeterminate],
  ['Unexpected items', 'unexpected', 'count', (v) => v.integrity.unexpected],
];

function perVariant(id: string, r: Results, rows: Row[]): Table {
  return {
    id, head: ['', ...r.variants.map((v) => v.label)],
    rows: rows.map(([title, fig, kind, get]) =>
      [{ text: title }, ...r.variants.map((v) => figureCell(fig, kind, v, get(v)))]),
  };
}

export const totalsTable = (r: Results): Table => perVariant('totals', r, TOTAL_ROWS);
export const integrityTable = (r: Results): Table => perVariant('integrity', r, INTEGRITY_ROWS);

/** Requests and lost carts per node; a node with no lost-cart entry lost none (the checker lists only losers). */
export function nodesTable(r: Results, figs: VariantFigures[]): Table {
  const rows = r.variants.flatMap((v, i) => {
    const served = figs[i]!.requestsByNode;
    const names = [...new Set([...v.nodes, ...Object.keys(served), ...Object.keys(v.integrity.lostByNode)])];
    return names.map((n) => [{ text: v.label }, { text: n },
      figureCell(`requests:${n}`, 'count', v, served[n] ?? 0),
      figureCell(`cartsLost:${n}`, 'count', v, v.integrity.lostByNode[n] ?? 0)]);
  });
  return { id: 'nodes', head: ['Variant', 'Node', 'Responses', 'Carts lost'], rows };
}

export function eventsTable(r: Results): Table {
  const rows = r.variants.flatMap((v) => v.events.map((e) => [
    { text: v.label }, { text: formatAt(e.t) }, { text: e.type }, { text: e.node ?? '' }, { text: e.detail ?? '' },
  ]));
  return { id: 'events', head: ['Variant', 'At', 'Event', 'Node', 'Detail'], rows };
}

const show = (value: unknown): string =>
  (value === null || value === undefined ? NA : typeof value === 'string' ? value : JSON.stringify(value));

export function runTable(r: Results): Table {
  const e = r.environment;
  const capacity = e.generatorCapacity;
  const capacityText = capacity
    ? ` (${capacity.method}${capacity.driver === 'alternating' ? ', fetch loops alternating between balancers' : ''}, `
      + `${capacity.connections} connections, ${capacity.durationSec} s, ${capacity.measuredAt})`
    : '';
  const rows: [string, unknown][] = [
    ['Experiment', r.experiment], ['Started', r.startedAt], ['Finished', r.finishedAt],
    ...optionFlags(r.options).map(([flag, val]): [string, unknown] => [flag, val]),
    ['Node.js', e.node], ['Platform', e.platform], ['CPUs', formatCount(e.cpus)], ['CPU model', e.cpuModel],
    ['Memory', e.totalMemMb === undefined ? undefined : `${formatCount(e.totalMemMb)} MB`], ['Git sha', e.gitSha],
    ['Generator capacity', e.generatorCapacityRps === null || e.generatorCapacityRps === undefined ? null
      : `${formatFigure('rps', e.generatorCapacityRps)}${capacityText}`],
    ['Background CPU share', e.backgroundCpuShare === undefined ? undefined : formatPct(e.backgroundCpuShare)],
    ...r.variants.map((v): [string, unknown] => [`Variant ${v.label}`, `${v.variant}, ${v.strategy} balancing, `
      + `${v.cartStore} cart store, nodes ${v.nodes.join(', ')}${redisHaText(v)}`]),
  ];
  return { id: 'run', head: ['Setting', 'Value'], rows: rows.map(([k, val]) => [{ text: k }, { text: show(val) }]) };
}

/** Redis HA runs: the WAIT setting and who was primary when. */
function redisHaText(v: VariantResult): string {
  const ha = v.redisHa;
  if (!ha) return '';
  const primaries = ha.primaries.map((p) => `${p.member} (${p.address}) from ${formatAt(p.fromMs)}`).join(', then ');
  return `; Redis HA, ${ha.wait ? `WAIT ${ha.wait}` : 'no WAIT'}; primary: ${primaries || NA}`;
}
