// Charts and the steady window on a crafted run whose load stopped at 6.4 s and whose last answers came back in
// the drain after it: neither the partial second 6 nor the drain second 7 is drawn or used.
import { describe, expect, it } from 'vitest';
import { buildChartModel } from '../../src/report/chart-model.ts';
import { fullBuckets, steadyWindow } from '../../src/report/figures.ts';
import type { Results, TimelineBucket, VariantResult } from '../../src/results-schema.ts';
import { readFixture } from './render-fixture.ts';

const bucket = (t: number, ok: number): TimelineBucket => ({
  t, sent: ok, ok, errors: { http4xx: 0, http5xx: 0, socket: 0, timeout: 0, byCode: {} }, p50: 5, p99: 9,
  byNode: { 'stateful-1': ok },
});

async function drained(): Promise<Results> {
  const { results } = await readFixture('kill-node');
  const v: VariantResult = { ...results.variants[0]!, durationMs: 6_400, drainMs: 900,
    timeline: [bucket(0, 50), ...[1, 2, 3, 4, 5].map((t) => bucket(t, 100)), bucket(6, 30), bucket(7, 4)] };
  return { ...results, variants: [v] };
}

describe('report › whole seconds only', () => {
  it('the steady window is seconds 1..5: not the warm-up, the partial sixth or the drain', async () => {
    const v = (await drained()).variants[0]!;
    expect(fullBuckets(v).map((b) => b.t)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(steadyWindow(v).map((b) => b.t)).toEqual([1, 2, 3, 4, 5]);
  });
  it('charts end with the last whole second: no cliff from the partial one', async () => {
    const model = buildChartModel(await drained());
    expect(model.xs.at(-1)).toBe(6);
    const twoXX = model.rows.find((r) => r.id === 'outcome')!.panels[0]!.series[0]!.values;
    // Bucket t is drawn over [t, t+1): the closing point at x = 6 repeats second 5.
    expect(twoXX).toEqual([50, 100, 100, 100, 100, 100, 100]);
  });
});
