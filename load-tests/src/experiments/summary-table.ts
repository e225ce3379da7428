// The table printed at the end of a run, and the fallback report.md: one column per variant run.
import { formatSpread, runsOf, spreadOf } from '../repeat/spread.ts';
import { optionFlags } from '../report/option-flags.ts';
import type { Results, VariantResult } from '../results-schema.ts';
import { affinityRows } from './affinity-figures.ts';

type Get = (v: VariantResult) => number | null | undefined;
const us = (n: number) => (n < 10 ? n.toFixed(1) : String(Math.round(n)));
const kib = (n: number) => (n / 1024).toFixed(1);
/** Figures shown as the median (min–max) over a variant's runs when it ran more than once (--repeat). */
const SPREAD_ROWS: readonly [string, Get, (n: number) => string][] = [
  ['requests/s', (v) => v.totals.rps, (n) => String(Math.round(n * 10) / 10)],
  ['p99 ms (run)', (v) => v.totals.latency.p99, (n) => String(Math.round(n))],
  ['carts lost', (v) => v.integrity.cartsLost, String],
  ['indeterminate writes', (v) => v.integrity.indeterminate, String],
  ['CPU µs/req balancer', (v) => v.cost?.cpuUsPerRequest.balancer, us],
  ['CPU µs/req nodes', (v) => v.cost?.cpuUsPerRequest.nodes, us],
  ['CPU µs/req store', (v) => v.cost?.cpuUsPerRequest.store, us],
  ['CPU µs/req generator', (v) => v.cost?.cpuUsPerRequest.generator, us],
  ['KiB/cart nodes', (v) => v.cost?.memoryBytesPerCart.nodes, kib],
  ['KiB/cart store', (v) => v.cost?.memoryBytesPerCart.store, kib],
  // The session memory probe: every copy, where the variant keeps sessions (node heap after GC, Redis, replicas).
  ['KiB/session (probe)', (v) => v.cost?.sessionMemory?.bytesPerSession.total, kib],
  [
    'background CPU %',
    (v) => (v.cost?.backgroundCpuShare ?? null) === null ? null : (v.cost?.backgroundCpuShare ?? 0) * 100,
    (n) => String(Math.round(n)),
  ],
];

/** Figures of the run each column shows (with --repeat: its run of median throughput). */
const ROWS: readonly [string, (v: VariantResult) => string][] = [
  ['requests', (v) => String(v.totals.requests)],
  ['errors', (v) => String(v.totals.errors)],
  ['p50 / p99 ms', (v) => `${v.totals.latency.p50} / ${v.totals.latency.p99}`],
  ['carts lost / checked', (v) => `${v.integrity.cartsLost} / ${v.integrity.cartsChecked}`],
  ['carts intact', (v) => String(v.integrity.cartsIntact)],
  ['carts indeterminate', (v) => String(v.integrity.cartsIndeterminate)],
  ['items lost / acked', (v) => `${v.integrity.itemsLost} / ${v.integrity.itemsAcked}`],
  ['unexpected items', (v) => String(v.integrity.unexpected)],
  ['time to eject ms', (v) => ms(v.failover.timeToEjectMs)],
  ['error window ms', (v) => ms(v.failover.errorWindowMs)],
  ['failed after fault', (v) => String(v.failover.failedRequests)],
  ['recovery ms', (v) => ms(v.failover.recoveryMs ?? null)],
  ['sessions probed', (v) => probed(v.cost?.sessionMemory)],
];

function probed(m: NonNullable<VariantResult['cost']>['sessionMemory']): string {
  if (!m) return m === null ? 'off' : '—';
  return `${m.created} of ${m.requested} on ${m.node}${m.stoppedEarly ? ' (stopped early)' : ''}`;
}

function ms(value: number | null): string {
  return value === null ? '—' : String(Math.round(value));
}

function raceRows(results: Results): [string, (v: VariantResult) => string][] {
  if (!results.variants.some((v) => v.race)) return [];
  return [[
    'race: acked / final / lost',
    (v) => v.race ? `${v.race.acked} / ${v.race.finalQuantity} / ${v.race.lostUpdates}` : '—',
  ]];
}

function summaryRows(results: Results): string[][] {
  const rows = [...ROWS, ...raceRows(results), ...affinityRows(results)];
  const spread = SPREAD_ROWS.map(([name, get, fmt]) => [name, ...results.variants.map((v) =>
    formatSpread(spreadOf(runsOf(results, v.label).map(get)), fmt, '—'))]);
  return [
    ['', ...results.variants.map((v) => v.label)],
    ...spread,
    ...rows.map(([name, cell]) => [name, ...results.variants.map(cell)]),
  ];
}

/** Plain-text table for the terminal. */
export function summaryTable(results: Results): string {
  const rows = summaryRows(results);
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows
    .map((r) => r
      .map((cell, col) => col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0))
      .join('  '))
    .join('\n');
}

/** A tables-only report.md, used when the report renderer is not available. */
export function minimalReport(results: Results): string {
  const rows = summaryRows(results);
  const [head = [], ...body] = rows;
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    `# ${results.experiment} — ${results.startedAt}`, '',
    `Options: ${optionFlags(results.options).map(([flag, value]) => `\`${flag} ${value}\``).join(', ')}`, '',
    line(head.map((h) => h || 'figure')), line(head.map(() => '---')), ...body.map(line), '',
    ...(results.warnings.length ? ['## Warnings', '', ...results.warnings.map((w) => `- ${w}`), ''] : []),
  ].join('\n');
}
