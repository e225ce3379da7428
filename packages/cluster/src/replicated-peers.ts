// The replicated variant's membership as the cluster sees it: the peer URLs of the nodes that run (from their
// ready messages), given to every node started later as PEERS, and one PEER_SECRET for the whole run.
import { randomBytes } from 'node:crypto';
import type { ShopNode } from './shop-node.ts';

export class PeerDirectory {
  readonly #nodes = new Map<string, ShopNode>();
  readonly #secret = randomBytes(32).toString('hex');

  register(node: ShopNode): void {
    if (node.peerPort !== undefined) this.#nodes.set(node.id, node);
  }

  /** Peer URLs of the nodes still running (a frozen one too: the joiner's hello to it times out and is skipped). */
  peers(): string[] {
    return [...this.#nodes.values()].filter((n) => n.alive()).map((n) => `http://127.0.0.1:${n.peerPort}`);
  }

  /** The variables a new node needs to join the others. */
  env(): Record<string, string> {
    return { PEER_SECRET: this.#secret, PEERS: this.peers().join(',') };
  }
}
