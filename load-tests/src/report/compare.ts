// Compares the same experiment run twice (A before, B after): every comparable figure per variant, its delta,
// and a flag where B got worse. Variants are matched by label; figures come from figures.ts only.
// With --repeat a figure is the median of the runs, and a change counts only when it is larger than the
// runs' own range (the wider of A's and B's); with one run each, only beyond the figure's resolution.
import type { FigureKind } from './format.ts';
import { formatFigure } from './format.ts';
import { variantFigures } from './figures.ts';
import { COMPARE_FIGURES, type KeyFigure } from './key-figures.ts';
import type { LoadedRun } from './load-results.ts';
import { differingOptions } from './option-flags.ts';
import { runsOf, spreadOf, type Spread } from '../repeat/spread.ts';

/** The stated rounding step of continuous figures (latency, rates, CPU, memory) for single runs: this share of
 *  A's value; counts have none (one more lost cart is worse). Figures in whole seconds state their own step. */
const WORSE_TOLERANCE = 0.05;

export type CompareRow = {
  variant: string; figure: string; title: string; kind: FigureKind;
  a: number | null; b: number | null; delta: number | null; worse: boolean; better: boolean;
  /** What a change had to exceed to count: the runs' own range, or the rounding step. */
  margin: number | null;
  /** min–max over the runs, when a side had more than one. */
  rangeA?: [number, number]; rangeB?: [number, number];
};
export type Comparison = {
  a: LoadedRun; b: LoadedRun; rows: CompareRow[]; onlyInA: string[]; onlyInB: string[];
  /** "--nodes 3 → 4" for every option that differs. */
  optionsDiffer: string[];
};

/** The change B − A must exceed to count: the wider range of the two sides' runs, never less than the step. */
function marginFor(k: Pick<KeyFigure, 'kind' | 'step'>, a: Spread, b: Spread): number {
  const step = k.step ?? (k.kind === 'count' ? 0 : Math.abs(a.median) * WORSE_TOLERANCE);
  return Math.max(step, a.max - a.min, b.max - b.min);
}

function judge(lowerIsBetter: boolean, a: number, b: number, margin: number): { worse: boolean; better: boolean } {
  const diff = lowerIsBetter ? b - a : a - b; // > 0: B is worse
  return { worse: diff > margin, better: -diff > margin };
}

const range = (s: Spread | null): [number, number] | undefined => (s && s.n > 1 ? [s.min, s.max] : undefined);

export function compareRuns(a: LoadedRun, b: LoadedRun): Comparison {
  const labelsA = a.results.variants.map((v) => v.label);
  const labelsB = b.results.variants.map((v) => v.label);
  const rows = a.results.variants.flatMap((va) => {
    const vb = b.results.variants.find((v) => v.label === va.label);
    if (!vb) return [];
    const [runsA, runsB] = [runsOf(a.results, va.label), runsOf(b.results, vb.label)];
    const [figsA, figsB] = [runsA.map(variantFigures), runsB.map(variantFigures)];
    return COMPARE_FIGURES.flatMap((k): CompareRow[] => {
      const sa = spreadOf(runsA.map((v, i) => k.value(figsA[i]!, v)));
      const sb = spreadOf(runsB.map((v, i) => k.value(figsB[i]!, v)));
      const [x, y] = [sa?.median ?? null, sb?.median ?? null];
      if (x === null && y === null && (k.id === 'lostUpdates' || k.id === 'recoveryMs' || k.id === 'pinsNotKnown'
        || k.id === 'cookiesReplaced' || COST_IDS.has(k.id))) return [];
      const margin = sa && sb ? marginFor(k, sa, sb) : null;
      const verdict = x !== null && y !== null && margin !== null
        ? judge(k.better === 'lower', x, y, margin)
        : { worse: false, better: false };
      const ranges = { ...(range(sa) ? { rangeA: range(sa) } : {}), ...(range(sb) ? { rangeB: range(sb) } : {}) };
      return [{
        variant: va.label, figure: k.id, title: k.title, kind: k.kind, a: x, b: y,
        delta: x !== null && y !== null ? y - x : null, margin, ...ranges, ...verdict,
      }];
    });
  });
  return {
    a, b, rows,
    onlyInA: labelsA.filter((l) => !labelsB.includes(l)), onlyInB: labelsB.filter((l) => !labelsA.includes(l)),
    optionsDiffer: differingOptions(a.results.options, b.results.options),
  };
}

/** Cost figures are absent from runs made before they were measured: no row rather than an n/a pair. */
const COST_IDS = new Set(['cpuBalancer', 'cpuNodes', 'cpuStore', 'cpuGenerator', 'memNodes', 'memStore', 'memSession']);

export function formatDelta(row: CompareRow): string {
  if (row.delta === null) return 'n/a';
  if (row.delta === 0) return '0';
  const sign = row.delta > 0 ? '+' : '−';
  if (row.kind === 'pct') return `${sign}${(Math.abs(row.delta) * 100).toFixed(1)} pts`;
  return `${sign}${formatFigure(row.kind, Math.abs(row.delta))}`;
}
