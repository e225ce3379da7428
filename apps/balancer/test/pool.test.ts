// The pool is the one owner of node state: the proxy, the health checks and the ticker change a node only through
// its methods. These run the pool alone (it does no I/O).
import { describe, expect, it } from 'vitest';
import { Pool, type StateEvent } from '../src/pool.ts';

function pool(): { pool: Pool; events: StateEvent[] } {
  const p = new Pool();
  const events: StateEvent[] = [];
  p.onChange((e) => events.push(e));
  return { pool: p, events };
}

describe('pool', () => {
  it('begin/end/countError › counters, and the per-second figures roll only on roll()', () => {
    const { pool: p } = pool();
    const n = p.add('n1', 'http://127.0.0.1:3001', true);
    p.begin(n);
    p.begin(n);
    p.countError(n);
    p.end(n);
    expect(n).toMatchObject({ inFlight: 1, requests: 2, errors: 1, lastSecondRequests: 0, lastSecondErrors: 0 });
    const rolled: number[] = [];
    p.onRoll((t) => rolled.push(t));
    p.roll();
    expect(n).toMatchObject({ lastSecondRequests: 2, lastSecondErrors: 1 });
    expect(rolled).toEqual([expect.any(Number)]);
    p.roll();
    expect(n).toMatchObject({ inFlight: 1, requests: 2, errors: 1, lastSecondRequests: 0, lastSecondErrors: 0 });
  });

  it('recordCheck › keeps the result and the streaks; eject › down, pass streak reset', () => {
    const { pool: p, events } = pool();
    const n = p.add('n1', 'http://127.0.0.1:3001', false);
    p.recordCheck(n, { ok: false, status: 503, at: 1 });
    p.recordCheck(n, { ok: true, status: 200, at: 2 });
    p.recordCheck(n, { ok: true, status: 200, at: 3 });
    expect(n).toMatchObject({ okStreak: 2, failStreak: 0, lastHealth: { ok: true, at: 3 } });
    p.setHealthy(n, true, 'first health check passed');
    p.eject(n, 'passive: ECONNREFUSED');
    expect(n).toMatchObject({ healthy: false, okStreak: 0 });
    expect(events.map((e) => [e.from, e.to, e.reason])).toEqual([
      [null, 'down', 'added, waiting for its first passing health check'],
      ['down', 'up', 'first health check passed'],
      ['up', 'down', 'passive: ECONNREFUSED'],
    ]);
  });

  it('setDraining › leaves the active list; a removed node changes no more', () => {
    const { pool: p, events } = pool();
    const a = p.add('a', 'http://127.0.0.1:3001', true);
    p.add('b', 'http://127.0.0.1:3002', true);
    p.setDraining(a, true, 'drain requested');
    expect(p.active().map((n) => n.id)).toEqual(['b']);
    p.remove('a');
    p.setDraining(a, false, 'undrain requested');
    expect(a).toMatchObject({ removed: true, draining: true });
    expect(events.at(-1)).toMatchObject({ node: 'a', from: 'draining', to: 'removed' });
  });
});
