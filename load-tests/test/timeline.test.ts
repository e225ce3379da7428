// Timeline, totals and failover figures on crafted request records.
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../src/shoppers/history.ts';
import { buildTimeline } from '../src/timeline/build-timeline.ts';
import { computeFailover } from '../src/timeline/failover.ts';
import { computeTotals } from '../src/timeline/totals.ts';

const T0 = 1_000_000;
const rec = (
  sentMs: number, endMs: number, end: RequestRecord['end'], extra: Partial<RequestRecord> = {},
): RequestRecord => ({
  shopper: 0, method: 'GET', path: '/api/cart', sentAt: T0 + sentMs, endedAt: T0 + endMs, end,
  latencyMs: endMs - sentMs, ...(end === 'ok' ? { status: 200, node: 'n1' } : {}), ...extra,
});

describe('timeline', () => {
  const records = [
    rec(100, 110, 'ok'), rec(900, 1_050, 'ok', { node: 'n2' }),
    rec(1_100, 1_200, 'http5xx', { status: 502, code: 'LB_ERR_UPSTREAM' }),
    rec(1_300, 2_300, 'timeout'), rec(2_400, 2_500, 'http4xx', { status: 404 }), rec(2_900, 3_000, 'cut'),
  ];

  it('buckets sends by send time and endings by end time, with 5xx split by code', () => {
    const timeline = buildTimeline(records, T0, 3_000);
    expect(timeline.map((b) => b.sent)).toEqual([2, 2, 2, 0]);
    expect(timeline.map((b) => b.ok)).toEqual([1, 1, 0, 0]);
    expect(timeline[1]?.errors)
      .toEqual({ http4xx: 0, http5xx: 1, socket: 0, timeout: 0, byCode: { LB_ERR_UPSTREAM: 1 } });
    expect(timeline[2]?.errors).toMatchObject({ http4xx: 1, timeout: 1 });
    expect(timeline[1]?.byNode).toEqual({ n2: 1 });
    expect(timeline[0]?.p50).toBe(10);
  });

  it('totals leave out requests cut by the end of the load, and time outs from latency', () => {
    const totals = computeTotals(records, 3_000);
    expect(totals).toMatchObject({ requests: 5, ok: 2, errors: 3, rps: 1.7, latency: { max: 150 } });
  });

  it('failover: eject time from node-down, error window and failed requests after the fault', () => {
    const timeline = buildTimeline(records, T0, 3_000);
    const failover = computeFailover({
      records, timeline, t0: T0, durationMs: 3_000, fault: { atMs: 1_000, node: 'n1' },
      events: [{ t: 1_000, type: 'kill', node: 'n1' }, { t: 1_400, type: 'node-down', node: 'n1' }],
    });
    expect(failover).toMatchObject({ timeToEjectMs: 400, errorWindowMs: 1_100, failedRequests: 2 });
  });

  it('failover without a fault is all null', () => {
    expect(computeFailover({ records, timeline: [], events: [], fault: null, t0: T0, durationMs: 3_000 }))
      .toEqual({ timeToEjectMs: null, errorWindowMs: null, failedRequests: 0, recoveryMs: null });
  });

  it('failover over 300,000 failed requests (a Redis failover under load): the error window, no stack overflow', () => {
    // Shoppers retry at once on a fast 503, so a few seconds of failover fail this many requests: a spread into
    // Math.max overflowed the stack here.
    const many = Array.from(
      { length: 300_000 }, (_, i) => rec(1_000 + i / 100, 1_001 + i / 100, 'http5xx', { status: 503, method: 'POST' }),
    );
    const failover = computeFailover({
      records: many, timeline: [], events: [], t0: T0, durationMs: 5_000, fault: { atMs: 1_000 },
    });
    expect(failover.failedRequests).toBe(300_000);
    expect(failover.errorWindowMs).toBeCloseTo(2_999.99, 1);
  });
});
