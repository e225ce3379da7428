// Wrong solution for exercise 10 (kept by workshop/test/wrong-solutions.test.ts): every change a peer sends is
// applied, whatever its version (the last one to arrive wins). A replay or a late message undoes newer adds.
/** One replicated record, as peers send it (the shop's ReplicaRecord). */
export interface PeerRecord {
  k: string;
  v: number;
  n: string;
  x: number;
  d: unknown;
}

export function applyPeerChange(_ours: PeerRecord | undefined, theirs: PeerRecord): PeerRecord | undefined {
  return theirs; // WRONG: no version compared
}
