// What a shopper's cart may legitimately hold after its writes, per product, as Jepsen's counter checker
// bounds a counter: an acknowledged write surely happened, an indeterminate one may have happened at any time
// after it was sent (a frozen node can apply it after later writes), a failed one surely did not.
import type { WriteRecord } from '../shoppers/history.ts';

interface ProductBounds {
  /** The acknowledged writes replayed in order, as if no indeterminate write had landed. */
  expected: number;
  /** Lowest legitimate final quantity. */
  lo: number;
  /** Highest legitimate final quantity. */
  hi: number;
  /** Node of the oldest acknowledged write still counted in `expected` (whose loss we would see first). */
  ackedBy?: string;
}

export interface CartBounds {
  products: Map<string, ProductBounds>;
  /** Products the shopper ever sent a write that could put them in the cart (add, or set above 0). */
  attempted: Set<string>;
}

export interface Tally {
  expected: Map<string, number>;
  indeterminateAdds: Map<string, number>;
  /** Lowest target of an indeterminate set/remove per product (it may land last). */
  lowestTarget: Map<string, number>;
  /** Highest target of an indeterminate set per product (it may land last, then indeterminate adds on top). */
  highestTarget: Map<string, number>;
  indeterminateCheckout: boolean;
  attempted: Set<string>;
  ackedBy: Map<string, string>;
}

export function newTally(): Tally {
  return {
    expected: new Map(), indeterminateAdds: new Map(), lowestTarget: new Map(), highestTarget: new Map(),
    indeterminateCheckout: false, attempted: new Set(), ackedBy: new Map(),
  };
}

/** The bounds after the writes applied so far (a checkpoint: an acknowledged checkout, or the read-back). */
export function boundsNow(tally: Tally): CartBounds {
  const products = new Map<string, ProductBounds>();
  for (const productId of tally.attempted) {
    const expected = tally.expected.get(productId) ?? 0;
    const lowest = Math.min(
      expected, tally.lowestTarget.get(productId) ?? expected, tally.indeterminateCheckout ? 0 : expected,
    );
    const highest = Math.max(expected, tally.highestTarget.get(productId) ?? 0) +
      (tally.indeterminateAdds.get(productId) ?? 0);
    const ackedBy = tally.ackedBy.get(productId);
    products.set(productId, { expected, lo: lowest, hi: highest, ...(ackedBy ? { ackedBy } : {}) });
  }
  return { products, attempted: new Set(tally.attempted) };
}

export function applyWrite(tally: Tally, { op, outcome, node }: WriteRecord): void {
  if (op.kind === 'add' || (op.kind === 'set' && op.quantity > 0)) tally.attempted.add(op.productId);
  if (outcome === 'failed') return;
  if (outcome === 'acked') return applyAcked(tally, op, node);
  if (op.kind === 'checkout') tally.indeterminateCheckout = true;
  else if (op.kind === 'add') bump(tally.indeterminateAdds, op.productId, op.quantity);
  else {
    const target = op.kind === 'remove' ? 0 : op.quantity;
    tally.lowestTarget.set(op.productId, Math.min(target, tally.lowestTarget.get(op.productId) ?? target));
    tally.highestTarget.set(op.productId, Math.max(target, tally.highestTarget.get(op.productId) ?? target));
  }
}

function applyAcked(tally: Tally, op: WriteRecord['op'], node: string | undefined): void {
  if (op.kind === 'checkout') { tally.expected.clear(); tally.ackedBy.clear(); return; }
  if (op.kind === 'remove' || (op.kind === 'set' && op.quantity === 0)) {
    tally.expected.delete(op.productId);
    tally.ackedBy.delete(op.productId);
    return;
  }
  if (op.kind === 'add') bump(tally.expected, op.productId, op.quantity);
  else tally.expected.set(op.productId, op.quantity);
  if (op.kind === 'set') tally.ackedBy.delete(op.productId);
  if (node && !tally.ackedBy.has(op.productId)) tally.ackedBy.set(op.productId, node);
}

function bump(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}
