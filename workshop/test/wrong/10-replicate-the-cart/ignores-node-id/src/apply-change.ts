// Wrong solution for exercise 10 (kept by workshop/test/wrong-solutions.test.ts): versions are compared, but equal
// versions go to whichever arrives last instead of a tie-break every node decides alike, so two writes made at once
// on two nodes leave the nodes disagreeing forever.
/** One replicated record, as peers send it (the shop's ReplicaRecord). */
export interface PeerRecord {
  k: string;
  v: number;
  n: string;
  x: number;
  d: unknown;
}

export function applyPeerChange(ours: PeerRecord | undefined, theirs: PeerRecord): PeerRecord | undefined {
  if (ours === undefined || theirs.v >= ours.v) return theirs; // WRONG: equal versions, the last to arrive wins
  return ours;
}
