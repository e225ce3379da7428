// Compares the same experiment run twice (A before, B after): every comparable figure per variant, its delta,
// and a flag where B got worse. Variants are matched by label; figures come from figures.ts only.
import type { FigureKind } from './format.ts';
import { formatFigure } from './format.ts';
import { variantFigures } from './figures.ts';
import { COMPARE_FIGURES } from './key-figures.ts';
import type { LoadedRun } from './load-results.ts';

/** Continuous figures (latency, durations, rates) must move this share before they count as worse; counts move at all. */
export const WORSE_TOLERANCE = 0.05;

export type CompareRow = {
  variant: string; figure: string; title: string; kind: FigureKind;
  a: number | null; b: number | null; delta: number | null; worse: boolean; better: boolean;
};
export type Comparison = { a: LoadedRun; b: LoadedRun; rows: CompareRow[]; onlyInA: string[]; onlyInB: string[] };

function judge(kind: FigureKind, lowerIsBetter: boolean, a: number, b: number): { worse: boolean; better: boolean } {
  const diff = lowerIsBetter ? b - a : a - b; // > 0: B is worse
  const margin = kind === 'count' ? 0 : Math.abs(a) * WORSE_TOLERANCE;
  return { worse: diff > margin, better: -diff > margin };
}

export function compareRuns(a: LoadedRun, b: LoadedRun): Comparison {
  const labelsA = a.results.variants.map((v) => v.label);
  const labelsB = b.results.variants.map((v) => v.label);
  const rows = a.results.variants.flatMap((va) => {
    const vb = b.results.variants.find((v) => v.label === va.label);
    if (!vb) return [];
    const [fa, fb] = [variantFigures(va), variantFigures(vb)];
    return COMPARE_FIGURES.flatMap((k): CompareRow[] => {
      const [x, y] = [k.value(fa, va) ?? null, k.value(fb, vb) ?? null];
      if (x === null && y === null && (k.id === 'lostUpdates' || k.id === 'recoveryMs' || k.id === 'pinsNotKnown' || k.id === 'cookiesReplaced')) return [];
      const both = x !== null && y !== null;
      const verdict = both ? judge(k.kind, k.better === 'lower', x, y) : { worse: false, better: false };
      return [{ variant: va.label, figure: k.id, title: k.title, kind: k.kind, a: x, b: y, delta: both ? y - x : null, ...verdict }];
    });
  });
  return { a, b, rows, onlyInA: labelsA.filter((l) => !labelsB.includes(l)), onlyInB: labelsB.filter((l) => !labelsA.includes(l)) };
}

export function formatDelta(row: CompareRow): string {
  if (row.delta === null) return 'n/a';
  if (row.delta === 0) return '0';
  const sign = row.delta > 0 ? '+' : '−';
  if (row.kind === 'pct') return `${sign}${(Math.abs(row.delta) * 100).toFixed(1)} pts`;
  return `${sign}${formatFigure(row.kind, Math.abs(row.delta))}`;
}
