// Exercise 10, reference solution: the conflict rule of packages/shop/src/replication/record.ts. A higher version
// wins; equal versions from two nodes (written at once) go to the higher node id, so every node picks the same one
// whatever the order; the same version from the same node is a replay, or a refresh: keep it, with the later expiry.
// A deletion (d: null) is a version like any other. Left open, as in the shop: two writes of one version on two
// nodes lose one of them (the replicator answers that one 409), and the node ids decide which, not the clock.

/** One replicated record, as peers send it (the shop's ReplicaRecord). */
export interface PeerRecord {
  /** The key: `s:<session id>` (a session), `c:<shopper>` (cart lines) or `o:<shopper>` (orders). */
  k: string;
  /** The version: +1 on every write of this key, by whichever node makes it. */
  v: number;
  /** The id of the node that wrote this version. */
  n: string;
  /** When the record expires, epoch ms. A read refreshes it without a new version. */
  x: number;
  /** The value, whole; null is a deletion (a logout), kept until it expires so an older copy cannot come back. */
  d: unknown;
}

export function applyPeerChange(ours: PeerRecord | undefined, theirs: PeerRecord): PeerRecord | undefined {
  if (ours === undefined || theirs.v > ours.v) return theirs;
  if (theirs.v < ours.v) return ours;
  if (theirs.n !== ours.n) return theirs.n > ours.n ? theirs : ours;
  return theirs.x > ours.x ? { ...ours, x: theirs.x } : ours;
}
