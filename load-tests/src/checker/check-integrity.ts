// The checker: shopper histories + one read-back per shopper -> the integrity figures of results.json.
// Pure; the ground truth is the client's own record, never what a node says about itself.
import type { Integrity } from '../results-schema.ts';
import type { CartLine, ReadBack, ShopperHistory } from '../shoppers/history.ts';
import { cartBounds } from './cart-bounds.ts';

export type CartVerdict = 'intact' | 'lost' | 'indeterminate' | 'excess';

export interface CartCheck {
  shopper: number;
  verdict: CartVerdict;
  itemsExpected: number;
  itemsLost: number;
  itemsExcess: number;
  unexpected: number;
  /** Node of the last acknowledged write, for lostByNode. */
  lastAckedNode: string | undefined;
}

/** Judges one cart. A cart is lost when any product holds less than its lower bound (the whole cart gone
 *  included); intact when it holds exactly the acknowledged replay; indeterminate when only indeterminate
 *  writes explain the difference, or the read failed; excess when it holds more than any outcome allows. */
export function checkCart(history: ShopperHistory, readBack: ReadBack | undefined): CartCheck {
  const bounds = cartBounds(history.writes);
  const lastAckedNode = history.writes.findLast((w) => w.outcome === 'acked')?.node;
  let itemsExpected = 0;
  for (const b of bounds.products.values()) itemsExpected += b.expected;
  const base = { shopper: history.shopper, itemsExpected, lastAckedNode, itemsLost: 0, itemsExcess: 0, unexpected: 0 };
  if (!readBack?.ok) return { ...base, verdict: 'indeterminate' };
  const final = quantities(readBack.items);
  let exact = true;
  for (const [productId, b] of bounds.products) {
    const quantity = final.get(productId) ?? 0;
    base.itemsLost += Math.max(0, b.lo - quantity);
    base.itemsExcess += Math.max(0, quantity - b.hi);
    if (quantity !== b.expected) exact = false;
  }
  for (const [productId, quantity] of final) if (!bounds.attempted.has(productId)) base.unexpected += quantity;
  const verdict: CartVerdict = base.itemsLost > 0 ? 'lost'
    : base.itemsExcess > 0 || base.unexpected > 0 ? 'excess'
      : exact ? 'intact' : 'indeterminate';
  return { ...base, verdict };
}

export function checkIntegrity(histories: readonly ShopperHistory[], readBacks: ReadonlyMap<number, ReadBack>): Integrity {
  const integrity: Integrity = {
    shoppers: histories.length, cartsChecked: 0, cartsIntact: 0, cartsLost: 0, cartsIndeterminate: 0,
    itemsAcked: 0, itemsLost: 0, indeterminate: 0, unexpected: 0, lostByNode: {},
    cartsExcess: 0, itemsExcess: 0, readFailures: 0, writes: { acked: 0, failed: 0, indeterminate: 0 },
  };
  for (const history of histories) {
    const readBack = readBacks.get(history.shopper);
    const check = checkCart(history, readBack);
    tallyWrites(integrity, history);
    if (readBack?.ok) integrity.cartsChecked++;
    else integrity.readFailures = (integrity.readFailures ?? 0) + 1;
    integrity.itemsAcked += check.itemsExpected;
    integrity.itemsLost += check.itemsLost;
    integrity.itemsExcess = (integrity.itemsExcess ?? 0) + check.itemsExcess;
    integrity.unexpected += check.unexpected;
    countVerdict(integrity, check);
  }
  integrity.indeterminate = integrity.writes?.indeterminate ?? 0;
  return integrity;
}

function countVerdict(integrity: Integrity, check: CartCheck): void {
  if (check.verdict === 'intact') integrity.cartsIntact++;
  else if (check.verdict === 'indeterminate') integrity.cartsIndeterminate++;
  else if (check.verdict === 'excess') integrity.cartsExcess = (integrity.cartsExcess ?? 0) + 1;
  else {
    integrity.cartsLost++;
    const node = check.lastAckedNode ?? 'unknown';
    integrity.lostByNode[node] = (integrity.lostByNode[node] ?? 0) + 1;
  }
}

function tallyWrites(integrity: Integrity, history: ShopperHistory): void {
  const writes = integrity.writes ?? { acked: 0, failed: 0, indeterminate: 0 };
  for (const write of history.writes) writes[write.outcome]++;
  integrity.writes = writes;
}

function quantities(items: readonly CartLine[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) map.set(item.productId, (map.get(item.productId) ?? 0) + item.quantity);
  return map;
}
