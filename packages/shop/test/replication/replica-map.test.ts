// The conflict rule and the merge on their own: version, then node id; replays ignored; any order converges.
import { describe, expect, it } from 'vitest';
import { compare, parseRecord, type ReplicaRecord } from '../../src/replication/record.ts';
import { MAX_VERSION_STEP, ReplicaMap } from '../../src/replication/replica-map.ts';

const HOUR = 3_600_000;
const rec = (v: number, n: string, d: unknown = { lines: [], orders: [] }, x = Date.now() + HOUR): ReplicaRecord =>
  ({ k: 'c:s1', v, n, x, d });

describe('replicated › conflict rule', () => {
  it('a higher version wins; an equal one goes to the higher node id; the same version and node is a replay', () => {
    expect(compare(rec(3, 'a'), rec(2, 'z'))).toBe('newer');
    expect(compare(rec(2, 'z'), rec(3, 'a'))).toBe('older');
    expect(compare(rec(2, 'b'), rec(2, 'a'))).toBe('newer');
    expect(compare(rec(2, 'a'), rec(2, 'b'))).toBe('older');
    expect(compare(rec(2, 'a'), rec(2, 'a'))).toBe('same');
    expect(compare(rec(1, 'a'), undefined)).toBe('newer');
  });

  it('two maps fed the same records in opposite orders, with replays, end equal', () => {
    const records = [rec(1, 'a'), rec(2, 'b'), rec(2, 'a'), rec(3, 'a'), rec(3, 'c')];
    const x = new ReplicaMap('x');
    const y = new ReplicaMap('y');
    x.apply([...records, ...records]);
    y.apply([...records].reverse());
    expect(x.snapshot()).toEqual(y.snapshot());
    expect(x.snapshot()[0]).toMatchObject({ v: 3, n: 'c' });
  });

  it('an older record is not applied and ours is returned, so its sender can adopt it', () => {
    const m = new ReplicaMap('b');
    m.write('c:s1', { lines: [{ productId: 'p01', quantity: 1 }], orders: [] }, Date.now() + HOUR);
    m.write('c:s1', { lines: [{ productId: 'p01', quantity: 2 }], orders: [] }, Date.now() + HOUR);
    const result = m.apply([rec(1, 'a')]);
    expect(result).toMatchObject({ applied: 0, newer: [{ v: 2, n: 'b' }] });
    expect(m.get('c:s1')).toEqual({ lines: [{ productId: 'p01', quantity: 2 }], orders: [] });
  });

  it('a local write takes the next version of whatever the map holds, a peer\'s included', () => {
    const m = new ReplicaMap('b');
    m.apply([rec(7, 'a')]);
    expect(m.write('c:s1', null, Date.now() + HOUR)).toMatchObject({ v: 8, n: 'b', d: null });
    expect(m.get('c:s1')).toBeUndefined();
  });

  it('a replay with a later expiry only moves the expiry (how a touch travels)', () => {
    const m = new ReplicaMap('b');
    const first = rec(1, 'a');
    m.apply([first]);
    expect(m.apply([{ ...first, x: first.x + 1000 }]).applied).toBe(1);
    expect(m.snapshot()[0]?.x).toBe(first.x + 1000);
    expect(m.apply([first]).applied).toBe(0);
  });

  it('a version too far ahead refuses the whole batch before anything changes', () => {
    const m = new ReplicaMap('b');
    expect(() => m.checkVersions([rec(1, 'a'), { ...rec(MAX_VERSION_STEP + 1, 'a'), k: 'c:s2' }]))
      .toThrow(expect.objectContaining({ code: 'SHOP_ERR_PEER_FUTURE_VERSION' }));
    expect(m.size).toBe(0);
  });

  it('an expired record counts as absent: it is neither read nor defended', () => {
    const m = new ReplicaMap('b');
    m.apply([rec(5, 'z', { lines: [], orders: [] }, Date.now() - 1)]);
    expect(m.get('c:s1')).toBeUndefined();
    expect(m.apply([rec(1, 'a')]).applied).toBe(1);
  });

  it('parseRecord refuses what is not a record', () => {
    for (const bad of [null, [], { k: 'x:1', v: 1, n: 'a', x: 1, d: null }, { k: 'c:1', v: 0, n: 'a', x: 1, d: null },
      { k: 'c:1', v: 1, n: 'a b', x: 1, d: null },
      { k: 'c:1', v: 1, n: 'a', x: 1, d: { lines: [{ productId: 'p01', quantity: 1.5 }], orders: [] } }]) {
      expect(() => parseRecord(bad)).toThrow(expect.objectContaining({ code: 'SHOP_ERR_PEER_MALFORMED' }));
    }
    expect(parseRecord(rec(1, 'a'))).toEqual(rec(1, 'a'));
  });
});
