// Wrong solution for exercise 10 (kept by workshop/test/wrong-solutions.test.ts): only a newer version than ours is
// applied, so a key this node has never seen (ours undefined) is never applied: new shoppers and sessions stay on
// the node that created them.
/** One replicated record, as peers send it (the shop's ReplicaRecord). */
export interface PeerRecord {
  k: string;
  v: number;
  n: string;
  x: number;
  d: unknown;
}

export function applyPeerChange(ours: PeerRecord | undefined, theirs: PeerRecord): PeerRecord | undefined {
  if (ours && theirs.v > ours.v) return theirs; // WRONG: with no copy yet, nothing is applied
  if (ours && theirs.v === ours.v && theirs.n !== ours.n) return theirs.n > ours.n ? theirs : ours;
  if (ours && theirs.v === ours.v && theirs.x > ours.x) return { ...ours, x: theirs.x };
  return ours;
}
