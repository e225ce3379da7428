// The Redis HA timeline on crafted data: the sentinels' events kept once per fact, +switch-master named by member,
// who was primary when, and how long writes failed after the fault.
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../src/shoppers/history.ts';
import { redisHaEvents, redisHaSummary, type RedisHaRecord } from '../src/timeline/redis-ha-events.ts';

const t0 = 1_000_000;
const record: RedisHaRecord = {
  wait: '1:100',
  members: { 7001: 'redis-1', 7002: 'redis-2', 26001: 'sentinel-1' },
  initial: { at: t0 - 50, member: 'redis-1', port: 7001 },
  events: [
    { at: t0 + 5000, type: '+sdown', sentinel: 'sentinel-2', message: 'master stateshift 127.0.0.1 7001' },
    { at: t0 + 5010, type: '+sdown', sentinel: 'sentinel-1', message: 'master stateshift 127.0.0.1 7001' },
    { at: t0 + 5100, type: '+odown', sentinel: 'sentinel-1', message: 'master stateshift 127.0.0.1 7001 #quorum 2/2' },
    { at: t0 + 5120, type: '+odown', sentinel: 'sentinel-3', message: 'master stateshift 127.0.0.1 7001 #quorum 3/2' },
    { at: t0 + 5200, type: '+vote-for-leader', sentinel: 'sentinel-1', message: 'abc 1' },
    { at: t0 + 6400, type: '+switch-master', sentinel: 'sentinel-3',
      message: 'stateshift 127.0.0.1 7001 127.0.0.1 7002' },
    { at: t0 + 6401, type: '+switch-master', sentinel: 'sentinel-1',
      message: 'stateshift 127.0.0.1 7001 127.0.0.1 7002' },
  ],
};

const req = (method: string, endedAtMs: number, end: RequestRecord['end']): RequestRecord =>
  ({ shopper: 1, method, path: '/api/cart/items', sentAt: t0 + endedAtMs - 5, endedAt: t0 + endedAtMs, end });

describe('redis HA timeline', () => {
  it('events › the primary at load start, each sentinel fact once (first sentinel named), '
    + 'switch-master by member', () => {
    const events = redisHaEvents(record, t0);
    expect(events.map((e) => [e.t, e.type, e.node])).toEqual([
      [0, 'redis-primary', 'redis-1'], [5000, '+sdown', 'redis-1'], [5100, '+odown', 'redis-1'],
      [6400, '+switch-master', 'redis-2'],
    ]);
    expect(events[1]?.detail).toContain('first from sentinel-2');
    expect(events[3]?.detail).toBe('redis-1 (127.0.0.1:7001) -> redis-2 (127.0.0.1:7002), first from sentinel-3');
  });

  it('summary › who was primary when, and writes failing from the fault to the last failed write', () => {
    const records = [req('POST', 3000, 'http5xx'), req('POST', 4500, 'http5xx'), req('GET', 9000, 'timeout'),
      req('PATCH', 7200, 'socket'), req('POST', 8000, 'ok')];
    expect(redisHaSummary(record, t0, records, 4000)).toEqual({
      wait: '1:100',
      primaries: [
        { fromMs: 0, member: 'redis-1', address: '127.0.0.1:7001' },
        { fromMs: 6400, member: 'redis-2', address: '127.0.0.1:7002' },
      ],
      writesFailedForMs: 3200,
    });
    expect(redisHaSummary(record, t0, [req('POST', 5000, 'ok')], 4000).writesFailedForMs).toBeNull();
    expect(redisHaSummary({ ...record, initial: null, events: [] }, t0, records, null))
      .toEqual({ wait: '1:100', primaries: [], writesFailedForMs: null });
  });
});
