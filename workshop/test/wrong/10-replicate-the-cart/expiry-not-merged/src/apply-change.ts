// Wrong solution for exercise 10 (kept by workshop/test/wrong-solutions.test.ts): versions and node ids are right, but
// the same version from the same node is ignored even when it carries a later expiry (a read refreshed it there), so
// this node drops the cart while the others still keep it.
/** One replicated record, as peers send it (the shop's ReplicaRecord). */
export interface PeerRecord {
  k: string;
  v: number;
  n: string;
  x: number;
  d: unknown;
}

export function applyPeerChange(ours: PeerRecord | undefined, theirs: PeerRecord): PeerRecord | undefined {
  if (ours === undefined || theirs.v > ours.v) return theirs;
  if (theirs.v < ours.v) return ours;
  if (theirs.n !== ours.n) return theirs.n > ours.n ? theirs : ours;
  return ours; // WRONG: a refresh (same version, later expiry) is dropped
}
