// Exercise 10: the rule that applies a peer's change to this node's copy. Every replicated node calls it for every
// record a peer sends (a live change, the same change again, an old one that arrives late, a joiner's snapshot), in
// whatever order they arrive. Fill in applyPeerChange, then run `pnpm workshop check 10`.

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

/**
 * Decides what this node keeps when a peer sends `theirs`.
 * @param ours this node's live copy of the key, or undefined when it has none
 * @param theirs what the peer sent
 * @returns the record to keep: `theirs`, `ours` (nothing changes) or a new object; never change `ours` or `theirs`
 */
export function applyPeerChange(ours: PeerRecord | undefined, theirs: PeerRecord): PeerRecord | undefined {
  // TODO: apply the rule of the README. Until then this node keeps what it has and never learns anything from its
  // peers: a shopper's second request, on another node, finds no session and no cart.
  void theirs;
  return ours;
}
