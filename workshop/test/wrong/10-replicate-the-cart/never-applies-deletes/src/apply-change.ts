// Wrong solution for exercise 10 (kept by workshop/test/wrong-solutions.test.ts): the rule is right for values, but
// a deletion (d: null, a logout) is skipped, so the old session lives on on every node but the one that deleted it.
/** One replicated record, as peers send it (the shop's ReplicaRecord). */
export interface PeerRecord {
  k: string;
  v: number;
  n: string;
  x: number;
  d: unknown;
}

export function applyPeerChange(ours: PeerRecord | undefined, theirs: PeerRecord): PeerRecord | undefined {
  if (theirs.d === null) return ours; // WRONG: a deletion is a change too
  if (ours === undefined || theirs.v > ours.v) return theirs;
  if (theirs.v < ours.v) return ours;
  if (theirs.n !== ours.n) return theirs.n > ours.n ? theirs : ours;
  return theirs.x > ours.x ? { ...ours, x: theirs.x } : ours;
}
