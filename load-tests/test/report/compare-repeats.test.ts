// compare on crafted runs: it names the options that differ, flags a figure as worse only beyond the runs' own
// range (with --repeat) or the figure's rounding step (one run each), and shows the ranges.
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/report/compare.ts';
import { renderComparison } from '../../src/report/compare-page.ts';
import type { LoadedRun } from '../../src/report/load-results.ts';
import type { Results, VariantResult } from '../../src/results-schema.ts';
import { OUT, readFixture } from './render-fixture.ts';

/** A copy of the kill-node fixture whose runs have these throughputs (one run per entry, --repeat when > 1). */
async function runWith(
  rps: Record<string, number[]>, options: Partial<Results['options']> = {}, dir = 'run',
): Promise<LoadedRun> {
  const { results } = await readFixture('kill-node');
  const runs: VariantResult[] = results.variants.flatMap((v) => (rps[v.label] ?? [v.totals.rps]).map((x, i) =>
    ({ ...structuredClone(v), repeat: i + 1, totals: { ...v.totals, rps: x } })));
  const repeated = Object.values(rps).some((list) => list.length > 1);
  const r: Results = {
    ...results, options: { ...results.options, ...options },
    variants: repeated ? results.variants.map((v) => runs.find((x) => x.label === v.label)!) : runs,
    ...(repeated ? { repeats: runs } : {}),
  };
  return { file: `${dir}/results.json`, dir, results: r };
}

const row = (c: ReturnType<typeof compareRuns>, variant: string, figure: string) =>
  c.rows.find((r) => r.variant === variant && r.figure === figure)!;

describe('compare › repeats and options', () => {
  it('names every option that differs, with the flag a user types', async () => {
    const a = await runWith({}, { nodes: 3, engine: 'raw' });
    const b = await runWith({}, { nodes: 4, engine: 'native' });
    const c = compareRuns(a, b);
    expect(c.optionsDiffer).toEqual(['--nodes 3 → 4', '--engine raw → native']);
    expect(compareRuns(a, a).optionsDiffer).toEqual([]);
  });

  it('does not flag a change of the median inside the runs\' own range; flags one beyond it', async () => {
    const a = await runWith({ stateful: [1000, 1100, 1200], stateless: [900, 950, 1000] });
    const within = await runWith({ stateful: [1000, 1050, 1150], stateless: [800, 900, 990] });
    const beyond = await runWith({ stateful: [700, 720, 740], stateless: [900, 950, 1000] });
    const c1 = compareRuns(a, within);
    expect(row(c1, 'stateful', 'rps'))
      .toMatchObject({ a: 1100, b: 1050, worse: false, margin: 200, rangeA: [1000, 1200] });
    expect(row(c1, 'stateless', 'rps')).toMatchObject({ worse: false, margin: 190 });
    const c2 = compareRuns(a, beyond);
    expect(row(c2, 'stateful', 'rps')).toMatchObject({ a: 1100, b: 720, worse: true });
    expect(row(c2, 'stateless', 'rps').worse).toBe(false);
  });

  it('one run each: a figure in whole seconds moving by one second is not worse; beyond it is', async () => {
    const a = await runWith({});
    const b = await runWith({});
    const va = a.results.variants[0]!;
    const vb = b.results.variants[0]!;
    va.failover = { ...va.failover, recoveryMs: 1000 };
    vb.failover = { ...vb.failover, recoveryMs: 2000 };
    expect(row(compareRuns(a, b), va.label, 'recoveryMs')).toMatchObject({ a: 1000, b: 2000, worse: false });
    vb.failover = { ...vb.failover, recoveryMs: 3000 };
    expect(row(compareRuns(a, b), va.label, 'recoveryMs').worse).toBe(true);
  });

  it('compare.md says at the top which options differ, and shows the ranges', async () => {
    const a = await runWith({ stateful: [1000, 1100, 1200] }, { nodes: 3 }, 'a');
    const b = await runWith({ stateful: [1000, 1050, 1150] }, { nodes: 4 }, 'b');
    const written = await renderComparison(a, b, `${OUT}/compare-repeats`);
    const { readFile } = await import('node:fs/promises');
    const md = await readFile(written.markdown, 'utf8');
    const [, , first] = md.split('\n');
    expect(first).toBe('**options differ: --nodes 3 → 4**');
    expect(md).toMatch(/1,100 req\/s \(1,000 req\/s–1,200 req\/s\)/);
  });
});
