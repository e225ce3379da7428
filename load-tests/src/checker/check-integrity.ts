// The checker: shopper histories + one read-back per shopper -> the integrity figures of results.json.
// Pure; the ground truth is the client's own record, never what a node says about itself.
import type { Integrity } from '../results-schema.ts';
import type { CartLine, ReadBack, ShopperHistory } from '../shoppers/history.ts';
import { applyWrite, boundsNow, newTally, type CartBounds } from './cart-bounds.ts';

export type CartVerdict = 'intact' | 'lost' | 'indeterminate' | 'excess';

export interface CartCheck {
  shopper: number;
  verdict: CartVerdict;
  itemsExpected: number;
  itemsLost: number;
  itemsExcess: number;
  unexpected: number;
  /** For a lost cart: the node that acknowledged the first missing item (its oldest acknowledged write). */
  lostOn: string | undefined;
}

/** Judges one shopper's cart at every checkpoint: each acknowledged checkout (its order lines are what the
 *  cart held then) and the final read-back. Lost when any checkpoint holds less than a product's lower bound
 *  (the whole cart gone included); excess when more than any outcome allows or an item never added; intact
 *  when every checkpoint holds exactly the acknowledged replay; otherwise indeterminate (only indeterminate
 *  writes explain the difference, or the read-back failed). */
export function checkCart(history: ShopperHistory, readBack: ReadBack | undefined): CartCheck {
  const tally = newTally();
  const sum: Judgement = { expected: 0, lost: 0, excess: 0, unexpected: 0, exact: true };
  for (const write of history.writes) {
    if (write.op.kind === 'checkout' && write.outcome === 'acked' && write.observed) {
      add(sum, judge(boundsNow(tally), write.observed));
    }
    applyWrite(tally, write);
  }
  if (readBack?.ok) add(sum, judge(boundsNow(tally), readBack.items));
  else for (const b of boundsNow(tally).products.values()) sum.expected += b.expected;
  const verdict: CartVerdict = sum.lost > 0 ? 'lost'
    : sum.excess > 0 || sum.unexpected > 0 ? 'excess'
      : readBack?.ok && sum.exact ? 'intact' : 'indeterminate';
  return {
    shopper: history.shopper, verdict, itemsExpected: sum.expected, itemsLost: sum.lost, itemsExcess: sum.excess,
    unexpected: sum.unexpected, lostOn: sum.lostOn,
  };
}

interface Judgement {
  expected: number; lost: number; excess: number; unexpected: number; exact: boolean; lostOn?: string;
}

function judge(bounds: CartBounds, lines: readonly CartLine[]): Judgement {
  const final = quantities(lines);
  const j: Judgement = { expected: 0, lost: 0, excess: 0, unexpected: 0, exact: true };
  for (const [productId, b] of bounds.products) {
    const quantity = final.get(productId) ?? 0;
    j.expected += b.expected;
    if (quantity < b.lo && j.lost === 0 && b.ackedBy) j.lostOn = b.ackedBy;
    j.lost += Math.max(0, b.lo - quantity);
    j.excess += Math.max(0, quantity - b.hi);
    if (quantity !== b.expected) j.exact = false;
  }
  for (const [productId, quantity] of final) if (!bounds.attempted.has(productId)) j.unexpected += quantity;
  return j;
}

function add(sum: Judgement, j: Judgement): void {
  sum.expected += j.expected;
  sum.lost += j.lost;
  sum.excess += j.excess;
  sum.unexpected += j.unexpected;
  sum.exact &&= j.exact;
  sum.lostOn ??= j.lostOn;
}

export function checkIntegrity(
  histories: readonly ShopperHistory[], readBacks: ReadonlyMap<number, ReadBack>,
): Integrity {
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
    const node = check.lostOn ?? 'unknown';
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
