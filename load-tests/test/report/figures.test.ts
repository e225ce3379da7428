// Unit tests of the derived figures (peak p99, throughput dip, steady state, verdict) on small crafted runs.
import { describe, expect, it } from 'vitest';
import {
  findFault, GENERATOR_BOUND_SHARE, peakP99, steadyState, throughputDip, variantFigures, verdictFor,
} from '../../src/report/figures.ts';
import { reportWarnings } from '../../src/report/run-warnings.ts';
import { formatFigure, type FigureKind } from '../../src/report/format.ts';
import type { TimelineBucket, VariantResult } from '../../src/results-schema.ts';
import { readFixture } from './render-fixture.ts';

const bucket = (t: number, ok: number, failed = 0, p99: number | null = 40): TimelineBucket => ({
  t, sent: ok + failed, ok, errors: { http4xx: 0, http5xx: failed, socket: 0, timeout: 0, byCode: {} },
  p50: p99 === null ? null : 10, p99, byNode: { 'stateful-1': ok },
});

/** A 6-second run: fault at 4 s unless told otherwise; `oks[t]` responses in second t. */
function mini(oks: number[], over: Partial<VariantResult> = {}, failed: number[] = []): VariantResult {
  return {
    variant: 'stateful', label: 'stateful', strategy: 'sticky', cartStore: 'memory', nodes: ['stateful-1'],
    startedAtMs: 0, durationMs: oks.length * 1000,
    phases: [
      { name: 'before', fromMs: 0, toMs: 4000 }, { name: 'during', fromMs: 4000, toMs: 5000 },
      { name: 'after', fromMs: 5000, toMs: oks.length * 1000 },
    ],
    timeline: oks.map((ok, t) => bucket(t, ok, failed[t] ?? 0)),
    events: [{ t: 4000, type: 'kill', node: 'stateful-1' }],
    totals: { requests: 0, ok: 0, errors: 0, rps: 0, latency: { p50: 1, p90: 1, p99: 1, max: 1 } },
    integrity: {
      shoppers: 4, cartsChecked: 4, cartsIntact: 3, cartsLost: 1, cartsIndeterminate: 0, itemsAcked: 8, itemsLost: 2,
      indeterminate: 0, unexpected: 0, lostByNode: { 'stateful-1': 1 },
    },
    failover: { timeToEjectMs: 500, errorWindowMs: 700, failedRequests: 3, recoveryMs: 1500 },
    ...over,
  };
}

describe('figures › peak p99', () => {
  it('is the highest per-second p99 in the fault window, skipping seconds that completed nothing', () => {
    const v = mini([100, 100, 100, 100, 100, 100]);
    v.timeline[4]!.p99 = 900;
    v.timeline[5]!.p99 = null;
    expect(peakP99(v)).toBe(900);
  });
  it('never uses the warm-up second, a partial last second, the drain after --duration, or seconds before the ' +
    'fault', () => {
    const v = mini([100, 100, 100, 100, 100, 100, 3], { durationMs: 6_400 });
    v.timeline[0]!.p99 = 5_000; // warm-up
    v.timeline[2]!.p99 = 4_000; // before the fault (at 4 s)
    v.timeline[6]!.p99 = 3_000; // the partial last second
    v.timeline.push({ ...bucket(7, 2), p99: 2_000 }); // an answer that came back in the drain
    v.timeline[5]!.p99 = 77;
    expect(peakP99(v)).toBe(77);
  });
  it('stops 10 s after the fault; without a fault it spans the steady window', () => {
    const v = mini(Array.from({ length: 20 }, () => 100));
    v.timeline[15]!.p99 = 999; // 11 s after the fault at 4 s
    v.timeline[13]!.p99 = 120; // within fault + 10 s
    expect(peakP99(v)).toBe(120);
    const calm = mini(Array.from({ length: 20 }, () => 100), { phases: [], events: [] });
    calm.timeline[0]!.p99 = 999;
    calm.timeline[15]!.p99 = 150;
    expect(peakP99(calm)).toBe(150);
  });
  it('is null (not 0) when no second completed a response', () => {
    const v = mini([0, 0]);
    v.timeline.forEach((b) => { b.p99 = null; });
    expect(peakP99(v)).toBeNull();
  });
});

describe('figures › steady state', () => {
  it('is met when every whole second before the fault, after warm-up, is near the median and nothing failed', () => {
    const s = steadyState(mini([10, 100, 104, 96, 20, 100]));
    expect(s).toEqual({ met: true, seconds: 3, medianRps: 100, lowestRps: 96, failed: 0 });
  });
  it('is not met when a request failed before the fault', () => {
    expect(steadyState(mini([100, 100, 100, 100, 100, 100], {}, [0, 0, 2])).met).toBe(false);
  });
  it('is not met when a second fell below 80% of the median', () => {
    expect(steadyState(mini([100, 100, 70, 100, 100, 100])).met).toBe(false);
  });
  it('is null (not measured) when no whole second precedes the fault', () => {
    const s = steadyState(mini([100, 100, 100], { phases: [{ name: 'before', fromMs: 0, toMs: 1000 }] }));
    expect(s.met).toBeNull();
    expect(s.medianRps).toBeNull();
  });
});

describe('figures › throughput dip', () => {
  it('is the worst whole second from the fault on, against the pre-fault median', () => {
    expect(throughputDip(mini([100, 100, 100, 100, 40, 90]))).toBeCloseTo(0.6);
  });
  it('ignores the last second when it is cut short', () => {
    expect(throughputDip(mini([100, 100, 100, 100, 80, 90, 5], { durationMs: 6500 }))).toBeCloseTo(0.2);
  });
  it('is taken within 10 s of the fault: a slump 12 s later is not the fault\'s dip', () => {
    const oks = Array.from({ length: 20 }, () => 100);
    oks[16] = 10; // 12 s after the fault at 4 s
    oks[6] = 70;
    expect(throughputDip(mini(oks))).toBeCloseTo(0.3);
  });
  it('is 0 when no second fell below the median, and null without a fault', () => {
    expect(throughputDip(mini([100, 100, 100, 100, 130, 140]))).toBe(0);
    expect(throughputDip(mini([100, 100, 100], { phases: [], events: [] }))).toBeNull();
  });
});

describe('figures › verdict', () => {
  it('says what the kill-node fixture measured, per variant', async () => {
    const { results } = await readFixture('kill-node');
    expect(results.variants.map(verdictFor)).toEqual([
      'stateful: 1 node killed at 10.0 s; 17 of 50 carts lost (34%); failed requests 212; back to normal after 2.1 s',
      'stateless: 1 node killed at 10.0 s; 0 of 50 carts lost (0%); failed requests 23; back to normal after 1.0 s',
    ]);
  });
  it('tells a run that never recovered from one that did not measure recovery', () => {
    expect(verdictFor(mini([1, 1], {
      failover: { timeToEjectMs: null, errorWindowMs: null, failedRequests: 0, recoveryMs: null },
    }))).toContain('not back to normal by the end of the run');
    expect(verdictFor(mini([1, 1], { failover: { timeToEjectMs: null, errorWindowMs: null, failedRequests: 0 } })))
      .toContain('recovery not measured');
  });
  it('counts every node of a multi-node fault and names leaks', () => {
    const v = mini([1, 1], { events: [{ t: 4000, type: 'add', node: 'a' }, { t: 4040, type: 'add', node: 'b' }] });
    v.integrity.unexpected = 2;
    expect(findFault(v)).toEqual({ type: 'add', atMs: 4000, nodes: ['a', 'b'] });
    expect(verdictFor(v)).toMatch(/^stateful: 2 nodes added at 4\.0 s; 1 of 4 carts lost \(25%\); 2 unexpected items/);
  });
  it('reports lost updates for the race', async () => {
    const { results } = await readFixture('race');
    expect(verdictFor(results.variants[0]!))
      .toBe('stateless (session cart): 400 concurrent adds, 400 acknowledged, final quantity 164; 236 lost updates');
  });
  it('shows no carts as n/a, not 0%, when none were checked', () => {
    const v = mini([1, 1]);
    v.integrity = { ...v.integrity, cartsChecked: 0, cartsLost: 0, cartsIntact: 0 };
    expect(variantFigures(v).cartsLostShare).toBeNull();
    expect(verdictFor(v)).toContain('0 of 0 carts lost (n/a)');
  });
});

describe('figures › warnings', () => {
  it('warns when a variant ran at 80% or more of the load generator\'s measured capacity', async () => {
    const { results } = await readFixture('scale-out');
    const warnings = reportWarnings(results).filter((w) => w.includes('generator'));
    const near = results.variants.filter((v) => v.totals.rps >= GENERATOR_BOUND_SHARE * 640);
    expect(near.length).toBeGreaterThan(0);
    expect(warnings).toHaveLength(1);
    for (const v of near) expect(warnings[0]).toContain(v.label);
    expect(reportWarnings((await readFixture('kill-node')).results)).toEqual([]);
  });
});

describe('format', () => {
  it('prints null as n/a for every kind of figure, and a real 0 as 0', () => {
    for (const kind of ['count', 'duration', 'latency', 'pct', 'rps'] as FigureKind[]) {
      expect(formatFigure(kind, null)).toBe('n/a');
      expect(formatFigure(kind, undefined)).toBe('n/a');
      expect(formatFigure(kind, 0)).toMatch(/^0/);
    }
  });
});
