// The table's own clock rules, driven through its `now` argument (no waiting): a lookup refreshes a pin, a pin
// idle past --affinity-max-idle ends (on lookup, or from the least recently used end as new pins come), and past
// the capacity the least recently used pin goes. Every ending is counted.
import { describe, expect, it } from 'vitest';
import { AffinityStore } from '../src/strategies/affinity-store.ts';

const MIN = 60_000;

describe('affinity table (AffinityStore)', () => {
  it('a lookup refreshes a pin; a pin idle past the limit is expired on its next lookup, counted', () => {
    const store = new AffinityStore(100, 1800);
    const token = store.issue('a', 0);
    expect(store.read(token, 29 * MIN)).toMatchObject({ kind: 'pin', nodeId: 'a' });
    expect(store.read(token, 58 * MIN)).toMatchObject({ kind: 'pin', nodeId: 'a' }); // 29 min after the last lookup
    expect(store.read(token, 89 * MIN)).toEqual({ kind: 'invalid', reason: 'expired' });
    expect(store.read(token, 89 * MIN)).toEqual({ kind: 'invalid', reason: 'unknown' });
    expect(store.view()).toMatchObject({ pins: 0, idleEnded: 1, invalid: { expired: 1, unknown: 1 } });
    expect(store.sessions('a')).toBe(0);
  });

  it('idle pins end from the least recently used end as new pins come, without a lookup', () => {
    const store = new AffinityStore(100, 1800);
    const old = [store.issue('a', 0), store.issue('b', 0)];
    const kept = store.issue('a', 10 * MIN);
    store.issue('b', 31 * MIN);
    expect(store.view()).toMatchObject({ pins: 2, idleEnded: 2, evictions: 0 });
    expect(store.read(kept, 31 * MIN)).toMatchObject({ kind: 'pin', nodeId: 'a' });
    for (const t of old) expect(store.read(t, 31 * MIN)).toEqual({ kind: 'invalid', reason: 'unknown' });
  });

  it('past the capacity the least recently used pin is evicted, counted, and per-node counts follow', () => {
    const store = new AffinityStore(3, 1800);
    const [t1, t2, t3] = [store.issue('a', 1), store.issue('b', 2), store.issue('a', 3)];
    store.read(t1, 4); // t2 is now the least recently used
    const t4 = store.issue('b', 5);
    expect(store.view()).toMatchObject({ pins: 3, evictions: 1, issued: 4 });
    expect(store.read(t2, 6)).toEqual({ kind: 'invalid', reason: 'unknown' });
    for (const t of [t1, t3, t4]) expect(store.read(t, 6)).toMatchObject({ kind: 'pin' });
    expect([store.sessions('a'), store.sessions('b')]).toEqual([2, 1]);
  });

  it('malformed values never reach the map and are counted apart from unknown ones', () => {
    const store = new AffinityStore();
    for (const v of ['', 'x', '00000000-0000-0000-0000-000000000000', 'z'.repeat(36)]) {
      expect(store.read(v, 0)).toEqual({ kind: 'invalid', reason: 'malformed' });
    }
    expect(store.read('00000000-0000-4000-8000-000000000000', 0)).toEqual({ kind: 'invalid', reason: 'unknown' });
    expect(store.read(undefined, 0)).toEqual({ kind: 'none' });
    expect(store.view().invalid).toEqual({ malformed: 4, forged: 0, unknown: 1, expired: 0 });
  });
});
