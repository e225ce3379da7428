// Which peers this node knows and which of them it believes up. The one owner of that state: the replicator
// changes it through these methods only. A down peer stays known (it still counts toward the copies a sync write
// needs) until it leaves; it is probed and, when it answers, marked up and caught up by a snapshot.
import type { Logger } from '../logger.ts';

export interface Peer {
  readonly url: string;
  node: string | undefined;
  up: boolean;
  /** Epoch ms it was marked down. */
  downSince: number | undefined;
}

export class PeerSet {
  readonly #peers = new Map<string, Peer>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Adds (or revives) a peer as up. */
  add(url: string, node?: string): Peer {
    let peer = this.#peers.get(url);
    if (!peer) {
      peer = { url, node, up: true, downSince: undefined };
      this.#peers.set(url, peer);
      this.#logger.info({ peer: url, peerNode: node }, 'peer added');
    }
    if (node !== undefined) peer.node = node;
    if (!peer.up) this.markUp(url);
    return peer;
  }

  remove(url: string, why: string): void {
    if (this.#peers.delete(url)) this.#logger.info({ peer: url, why }, 'peer removed');
  }

  markDown(url: string, why: string): void {
    const peer = this.#peers.get(url);
    if (!peer?.up) return;
    peer.up = false;
    peer.downSince = Date.now();
    this.#logger.warn({ peer: url, peerNode: peer.node, why }, 'peer marked down');
  }

  markUp(url: string): void {
    const peer = this.#peers.get(url);
    if (!peer || peer.up) return;
    peer.up = true;
    peer.downSince = undefined;
    this.#logger.info({ peer: url, peerNode: peer.node }, 'peer back up');
  }

  has(url: string): boolean {
    return this.#peers.has(url);
  }

  up(): Peer[] {
    return [...this.#peers.values()].filter((p) => p.up);
  }

  down(): Peer[] {
    return [...this.#peers.values()].filter((p) => !p.up);
  }

  all(): Peer[] {
    return [...this.#peers.values()];
  }

  get known(): number {
    return this.#peers.size;
  }
}
