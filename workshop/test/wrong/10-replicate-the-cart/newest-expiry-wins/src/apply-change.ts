// Wrong solution for exercise 10 (kept by workshop/test/wrong-solutions.test.ts): last-writer-wins by the clock: the
// record that expires later is taken as the newer one. Versions are ignored; two writes with the same expiry (the
// same millisecond, or clocks apart) go to whichever arrives last.
/** One replicated record, as peers send it (the shop's ReplicaRecord). */
export interface PeerRecord {
  k: string;
  v: number;
  n: string;
  x: number;
  d: unknown;
}

export function applyPeerChange(ours: PeerRecord | undefined, theirs: PeerRecord): PeerRecord | undefined {
  if (ours === undefined || theirs.x >= ours.x) return theirs; // WRONG: a clock is not an order of writes
  return ours;
}
