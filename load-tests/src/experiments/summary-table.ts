// The table printed at the end of a run, and the fallback report.md: one column per variant run.
import type { Results, VariantResult } from '../results-schema.ts';
import { affinityRows } from './affinity-figures.ts';

const ROWS: readonly [string, (v: VariantResult) => string][] = [
  ['requests/s', (v) => String(v.totals.rps)],
  ['requests', (v) => String(v.totals.requests)],
  ['errors', (v) => String(v.totals.errors)],
  ['p50 / p99 ms', (v) => `${v.totals.latency.p50} / ${v.totals.latency.p99}`],
  ['carts lost / checked', (v) => `${v.integrity.cartsLost} / ${v.integrity.cartsChecked}`],
  ['carts intact', (v) => String(v.integrity.cartsIntact)],
  ['carts indeterminate', (v) => String(v.integrity.cartsIndeterminate)],
  ['items lost / acked', (v) => `${v.integrity.itemsLost} / ${v.integrity.itemsAcked}`],
  ['indeterminate writes', (v) => String(v.integrity.indeterminate)],
  ['unexpected items', (v) => String(v.integrity.unexpected)],
  ['time to eject ms', (v) => ms(v.failover.timeToEjectMs)],
  ['error window ms', (v) => ms(v.failover.errorWindowMs)],
  ['failed after fault', (v) => String(v.failover.failedRequests)],
  ['recovery ms', (v) => ms(v.failover.recoveryMs ?? null)],
];

function ms(value: number | null): string {
  return value === null ? '—' : String(Math.round(value));
}

function raceRows(results: Results): [string, (v: VariantResult) => string][] {
  if (!results.variants.some((v) => v.race)) return [];
  return [['race: acked / final / lost', (v) => v.race ? `${v.race.acked} / ${v.race.finalQuantity} / ${v.race.lostUpdates}` : '—']];
}

export function summaryRows(results: Results): string[][] {
  const rows = [...ROWS, ...raceRows(results), ...affinityRows(results)];
  return [['', ...results.variants.map((v) => v.label)], ...rows.map(([name, cell]) => [name, ...results.variants.map(cell)])];
}

/** Plain-text table for the terminal. */
export function summaryTable(results: Results): string {
  const rows = summaryRows(results);
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, col) => col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)).join('  ')).join('\n');
}

/** A tables-only report.md, used when the report renderer is not available. */
export function minimalReport(results: Results): string {
  const rows = summaryRows(results);
  const [head = [], ...body] = rows;
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    `# ${results.experiment} — ${results.startedAt}`, '',
    `Options: \`${JSON.stringify(results.options)}\``, '',
    line(head.map((h) => h || 'figure')), line(head.map(() => '---')), ...body.map(line), '',
    ...(results.warnings.length ? ['## Warnings', '', ...results.warnings.map((w) => `- ${w}`), ''] : []),
  ].join('\n');
}
