// The merge rule is a seam: ReplicaMap applies peers' records by the rule it is given (the workshop's exercise 10
// plugs in a trainee's), and reports ours back whenever the rule kept a record other than the sender's.
import { describe, expect, it } from 'vitest';
import { keepNewest, type MergeRule, type ReplicaRecord } from '../../src/replication/record.ts';
import { ReplicaMap } from '../../src/replication/replica-map.ts';

const HOUR = 3_600_000;
const rec = (v: number, n: string, x = Date.now() + HOUR): ReplicaRecord => ({ k: 'c:s1', v, n, x, d: { lines: [] } });

describe('replicated › merge rule', () => {
  it('a map applies by the rule it is given: a rule that keeps ours changes nothing and answers with ours', () => {
    const keepOurs: MergeRule = (ours) => ours;
    const m = new ReplicaMap('b', Date.now, keepOurs);
    expect(m.apply([rec(1, 'a')])).toEqual({ applied: 0, newer: [] });
    expect(m.get('c:s1')).toBeUndefined();
    m.write('c:s1', { lines: [] }, Date.now() + HOUR);
    expect(m.apply([rec(5, 'a')])).toMatchObject({ applied: 0, newer: [{ v: 1, n: 'b' }] });
  });

  it('keepNewest: newer replaces, older keeps ours, ' +
    'the same record again keeps the later expiry, never mutating', () => {
    const ours = rec(2, 'b');
    const next = rec(3, 'a');
    expect(keepNewest(ours, next)).toEqual(next);
    expect(keepNewest(ours, rec(2, 'a'))).toBe(ours);
    const later = { ...ours, x: ours.x + 1000 };
    expect(keepNewest(ours, later)).toEqual(later);
    expect(ours.x).toBe(later.x - 1000);
    const m = new ReplicaMap('b');
    m.apply([ours]);
    expect(m.apply([later])).toEqual({ applied: 1, newer: [] });
    expect(m.snapshot()[0]!.x).toBe(later.x);
  });
});
