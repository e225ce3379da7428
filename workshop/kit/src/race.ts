// The race: one shopper, a burst of concurrent adds alternating between two nodes. Counts the adds that were
// acknowledged (2xx) and the units in the cart afterwards; every acknowledged add missing is a lost update.
import { PRODUCT_IDS } from '@stateshift/shop';
import { Shopper, units } from './shopper.ts';
import { notYet } from './workshop-error.ts';

export interface RaceResult {
  readonly acked: number;
  readonly final: number;
  readonly lost: number;
}

export async function runRace(a: string, b: string, requests: number): Promise<RaceResult> {
  const s = new Shopper();
  const first = await s.add(a, 'p01', 1);
  if (first.status !== 200) throw notYet(`the first add answered ${first.status || first.error}`);
  const replies = await Promise.all(Array.from({ length: requests }, (_, i) =>
    s.add(i % 2 === 0 ? a : b, PRODUCT_IDS[i % PRODUCT_IDS.length] ?? 'p01', 1, 15_000)));
  const acked = 1 + replies.filter((r) => r.status === 200).length;
  const final = units(await s.cart(b));
  return { acked, final, lost: acked - final };
}
