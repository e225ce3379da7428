// With --repeat N every variant runs N times: a figure is then shown as its median and its range (min–max)
// over the runs of that variant. Pure; a run that did not measure a figure (null) is left out of its spread.
import type { Results, VariantResult } from '../results-schema.ts';

export type Spread = { median: number; min: number; max: number; n: number };

/** Every run of the variant with this label, in the order they ran (one run without --repeat). */
export function runsOf(r: Results, label: string): VariantResult[] {
  const runs = r.repeats?.filter((v) => v.label === label) ?? [];
  return runs.length ? runs : r.variants.filter((v) => v.label === label);
}

export function spreadOf(values: readonly (number | null | undefined)[]): Spread | null {
  const s = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s.at(-1)!, n: s.length };
}

/** "1,234 (1,100–1,300)" with the figure's own formatter; the median alone for one run. */
export function formatSpread(s: Spread | null, format: (n: number) => string, na = 'n/a'): string {
  if (!s) return na;
  return s.n === 1 || s.min === s.max ? format(s.median) : `${format(s.median)} (${format(s.min)}–${format(s.max)})`;
}

/** The run whose throughput is the median of its variant's runs: the one charts and per-run tables show. */
export function medianRun(runs: readonly VariantResult[]): VariantResult {
  const sorted = [...runs].sort((a, b) => a.totals.rps - b.totals.rps);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
