// The shopper's own record of what it did and what it was told: the raw material of the checker and the
// timeline. Plain data only, so that histories can be crafted by hand in tests and serialised.

/** What the shopper may conclude about a request from its answer (see classify-response.ts for the rules). */
export type Outcome = 'acked' | 'failed' | 'indeterminate';

/** How a request ended, for the timeline's error classes. */
export type EndClass = 'ok' | 'http4xx' | 'http5xx' | 'socket' | 'timeout' | 'cut';

export type WriteOp =
  | { kind: 'add'; productId: string; quantity: number }
  | { kind: 'set'; productId: string; quantity: number } // PATCH; 0 removes the line
  | { kind: 'remove'; productId: string } // DELETE
  | { kind: 'checkout' };

/** One request as the generator saw it. Times are epoch ms. */
export interface RequestRecord {
  shopper: number;
  method: string;
  path: string;
  sentAt: number;
  /** When the answer (or the verdict timeout/socket/cut) came; undefined while in flight. */
  endedAt: number;
  end: EndClass;
  status?: number;
  /** `x-served-by`, only for answers that came from a shop node. */
  node?: string;
  /** `x-lb-error` or the shop's error code, for 5xx answers. */
  code?: string;
  latencyMs?: number;
}

/** One write and its outcome, in the order the shopper sent them. */
export interface WriteRecord {
  op: WriteOp;
  outcome: Outcome;
  sentAt: number;
  /** Node that answered (acked / failed by a node); undefined for balancer errors, timeouts, socket errors. */
  node?: string;
  status?: number;
  code?: string;
  /** An acknowledged checkout's order lines: what the cart held at that moment, checked like a read-back. */
  observed?: CartLine[];
}

export interface ShopperHistory {
  shopper: number;
  writes: WriteRecord[];
}

export interface CartLine {
  productId: string;
  quantity: number;
}

/** The one read-back after the load: the cart, or why it could not be read. */
export type ReadBack =
  | { ok: true; items: CartLine[]; node?: string }
  | { ok: false; reason: string };
