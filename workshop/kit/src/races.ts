// Concurrent scenarios run by the checks of 03 and 04 against two real node processes. Each one resolves with a
// short detail, or throws notYet saying in words what was expected, what happened, and what to try.
import { PRODUCT_IDS } from '@stateshift/shop';
import { errorCode, show } from './expect-reply.ts';
import { cartLines, Shopper, type Reply } from './shopper.ts';
import { notYet } from './workshop-error.ts';

const LONG_MS = 15_000;
const RETRY_HINT = 'a conflict is not the shopper\'s problem: when an optimistic transaction (WATCH … EXEC) fails, ' +
  'run it again (with a generous bound: when every request hits one cart, most attempts conflict), ' +
  'or make the change one atomic step (HINCRBY, or a Lua script), which never conflicts';

/** Counts answers by "status code", e.g. { "200": 60, "500 SHOP_ERR_INTERNAL": 3 }, for messages. */
function tallyAnswers(replies: readonly Reply[]): string {
  const counts = new Map<string, number>();
  for (const r of replies) {
    const key = r.status === 0 ? `no answer (${r.error})` : `${r.status}${errorCode(r) ? ` ${errorCode(r)}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} × ${k}`).join(', ');
}

function quantities(r: Reply): Map<string, number> {
  return new Map(cartLines(r).map((l) => [l.productId, l.quantity]));
}

/** One shopper, `requests` concurrent adds of 1 unit alternating between the nodes, over 5 products, so that both
 *  nodes write every product at the same time. Every add must be acknowledged and every unit must be there. */
export async function sameProductsRace(a: string, b: string, requests: number): Promise<string> {
  const s = new Shopper();
  const products = PRODUCT_IDS.slice(0, 5);
  const first = await s.add(a, products[0]!, 1);
  if (first.status !== 200) throw notYet(`the first add answered ${first.status || first.error}, expected 200`);
  const sent = Array.from({ length: requests }, (_, i) => ({
    node: i % 2 === 0 ? a : b,
    productId: products[i % products.length]!,
  }));
  const replies = await Promise.all(sent.map((x) => s.add(x.node, x.productId, 1, LONG_MS)));
  const refused = replies.filter((r) => r.status !== 200);
  if (refused.length > 0) {
    throw notYet(
      `every add should be acknowledged (200): ${refused.length} of ${requests} were not (${tallyAnswers(refused)})`,
      refused.some((r) => r.status === 500) ? RETRY_HINT : undefined,
    );
  }
  const expected = new Map<string, number>([[products[0]!, 1]]);
  for (const x of sent) expected.set(x.productId, (expected.get(x.productId) ?? 0) + 1);
  const got = quantities(await s.cart(b));
  const lost = [...expected].filter(([p, n]) => (got.get(p) ?? 0) !== n);
  if (lost.length > 0) {
    const total = [...got.values()].reduce((n, q) => n + q, 0);
    const examples = lost.map(([p, n]) => `${p}: ${n} added, ${got.get(p) ?? 0} there`).slice(0, 3).join('; ');
    throw notYet(`${requests + 1} adds acknowledged, ${total} units in the cart: ` +
      `${requests + 1 - total} lost updates (${examples})`,
    'two nodes read the same old value, each adds to it and writes it back: the last write wins. ' +
      'Send Redis the change (HINCRBY) or run read-check-write as one Lua script; ' +
      'a lock in your module only holds inside one process');
  }
  return `${requests + 1} adds acknowledged, all ${requests + 1} units there`;
}

/** One product at 1 unit, then `requests` concurrent adds of 2 units alternating between the nodes: the cart must
 *  stop at exactly 99 (1 + 2 × 49), refuse the rest with SHOP_ERR_QUANTITY_LIMIT and keep every acknowledged unit. */
export async function quantityBurst(a: string, b: string, requests: number, max: number): Promise<string> {
  const s = new Shopper();
  const first = await s.add(a, 'p02', 1);
  if (first.status !== 200) throw notYet(`the first add answered ${first.status || first.error}, expected 200`);
  const replies = await Promise.all(
    Array.from({ length: requests }, (_, i) => s.add(i % 2 ? a : b, 'p02', 2, LONG_MS)),
  );
  const ok = replies.filter((r) => r.status === 200).length;
  const odd = replies.filter((r) => r.status !== 200 && errorCode(r) !== 'SHOP_ERR_QUANTITY_LIMIT');
  if (odd.length > 0) {
    throw notYet(
      `each add should be acknowledged (200) or refused with 409 SHOP_ERR_QUANTITY_LIMIT; got ${tallyAnswers(odd)}`,
      odd.some((r) => r.status === 500) ? RETRY_HINT : undefined,
    );
  }
  const units = quantities(await s.cart(b)).get('p02') ?? 0;
  const fits = Math.floor((max - 1) / 2);
  if (units > max) {
    throw notYet(`the cart should never hold more than ${max} units of one product; after the burst it holds ${units}`,
      'the limit must be checked in the same atomic step as the write ' +
        '(inside the Lua script, or by undoing an HINCRBY that went past it): ' +
        'a check before the write lets concurrent adds all pass it');
  }
  if (ok > fits) {
    throw notYet(`only ${fits} adds of 2 fit under ${max} units (1 + 2 × ${fits}), ` +
      `yet ${ok} were acknowledged and the cart holds ${units}: ` +
      'the limit did not hold and acknowledged adds were lost',
    'two nodes read the same old quantity, each checks and writes back its own total: the last write wins. ' +
      'The check and the change must be one atomic step');
  }
  if (units !== 1 + 2 * ok) {
    throw notYet(`${ok} adds of 2 were acknowledged, so the cart should hold ${1 + 2 * ok} units; it holds ${units}`,
      'an acknowledged add must stay in the cart: look for a write that replaces the value instead of changing it');
  }
  if (ok !== fits) {
    throw notYet(`the cart should fill up to ${1 + 2 * fits} units (${fits} adds of 2 fit); ` +
      `it stopped at ${units}: adds were refused while there was room`,
      'refuse an add only when it would itself pass the limit');
  }
  return `${ok} acknowledged, ${requests - ok} refused, ${units} units`;
}

/** `shoppers` shoppers at once, each with a cart one line short of `maxLines`, then `requests` concurrent adds of
 *  new products across both nodes: no cart may end with more than `maxLines` lines, refusals must be
 *  SHOP_ERR_CART_FULL, acknowledged lines must be there. Several shoppers, so that the race has many chances. */
export async function lineBurst(
  a: string, b: string, shoppers: number, requests: number, maxLines: number,
): Promise<string> {
  const results = await Promise.all(Array.from({ length: shoppers }, () => oneLineBurst(a, b, requests, maxLines)));
  const over = results.find((r) => r.lines > maxLines);
  if (over) {
    throw notYet(`a cart should never hold more than ${maxLines} lines; ` +
      `${requests} new products added at once left one with ${over.lines}`,
      'counting the lines (HLEN) and then writing are two steps: concurrent adds all see room. ' +
        'Count after the write and undo it when it went past the limit, or do both in one Lua script');
  }
  const acked = results.reduce((n, r) => n + r.acked, 0);
  return `${shoppers} carts, ${acked} of ${shoppers * requests} new lines acknowledged, none past ${maxLines}`;
}

async function oneLineBurst(
  a: string, b: string, requests: number, maxLines: number,
): Promise<{ acked: number; lines: number }> {
  const s = new Shopper();
  const products = PRODUCT_IDS.slice(0, maxLines - 1 + requests);
  for (const p of products.slice(0, maxLines - 1)) {
    const r = await s.add(a, p, 1);
    if (r.status !== 200) throw notYet(`filling the cart: an add answered ${r.status || r.error}, expected 200`);
  }
  const fresh = products.slice(maxLines - 1);
  const replies = await Promise.all(fresh.map((p, i) => s.add(i % 2 ? a : b, p, 1, LONG_MS)));
  const odd = replies.filter((r) => r.status !== 200 && errorCode(r) !== 'SHOP_ERR_CART_FULL');
  if (odd.length > 0) {
    throw notYet(
      `each add should be acknowledged (200) or refused with 409 SHOP_ERR_CART_FULL; got ${tallyAnswers(odd)}`,
      odd.some((r) => r.status === 500) ? RETRY_HINT : undefined,
    );
  }
  const got = quantities(await s.cart(b));
  const acked = fresh.filter((_, i) => replies[i]!.status === 200);
  const missing = acked.filter((p) => !got.has(p));
  if (missing.length > 0) {
    throw notYet(`adds of ${missing.join(', ')} were acknowledged but are not in the cart (${show([...got])})`);
  }
  return { acked: acked.length, lines: got.size };
}

/** `shoppers` shoppers at once, each with a cart: two streams of `adds` adds (one add after the other, one stream
 *  per node) and, once they run, a checkout. Each acknowledged add must end up either in the order or in the cart,
 *  never nowhere. Repeated for up to `rounds` rounds: a lost add needs an add to land in the gap between reading the
 *  cart and emptying it, and a steady stream of adds gives it many chances. */
export async function checkoutRace(
  a: string, b: string, shoppers: number, adds: number, rounds: number,
): Promise<string> {
  let checked = 0;
  for (let round = 0; round < rounds; round++) {
    const results = await Promise.all(Array.from({ length: shoppers }, () => oneCheckoutRace(a, b, adds)));
    const lost = results.filter((r) => r.lost > 0);
    checked += results.length;
    if (lost.length > 0) {
      const x = lost[0]!;
      throw notYet('an add acknowledged while the checkout ran should end in the order or stay in the cart; ' +
        `${lost.length} of ${shoppers} shoppers lost units (one of them: ${x.acked} units acknowledged, ` +
        `${x.ordered} in the order, ${x.left} left in the cart)`,
      'reading the cart and deleting it are two commands: an add that lands between them is deleted unread. ' +
        'Read and delete in one MULTI (or one Lua script)');
    }
  }
  return `${checked} checkouts raced by ${2 * adds} adds each, nothing lost`;
}

async function oneCheckoutRace(
  a: string, b: string, adds: number,
): Promise<{ acked: number; ordered: number; left: number; lost: number }> {
  const s = new Shopper();
  const first = await s.add(a, 'p01', 1);
  if (first.status !== 200) {
    throw notYet(`filling the cart: an add answered ${first.status || first.error}, expected 200`);
  }
  const replies: Reply[] = [];
  let started: () => void = () => undefined;
  const running = new Promise<void>((resolve) => { started = resolve; });
  const stream = async (node: string, productId: string): Promise<void> => {
    for (let i = 0; i < adds; i++) {
      replies.push(await s.add(node, productId, 1, LONG_MS));
      started();
    }
  };
  const [order] = await Promise.all([
    running.then(() => s.checkout(a, undefined, LONG_MS)), stream(a, 'p02'), stream(b, 'p03'),
  ]);
  if (order.status !== 201 && order.status !== 409) {
    throw notYet('the checkout should answer 201 (or 409 SHOP_ERR_CART_EMPTY); ' +
      `it answered ${order.status || order.error} ${errorCode(order) ?? ''}`);
  }
  const odd = replies.filter((r) => r.status !== 200);
  if (odd.length > 0) {
    throw notYet(`every add should be acknowledged (200) while a checkout runs; got ${tallyAnswers(odd)}`);
  }
  const sum = (r: Reply) => cartLines(r).reduce((n, l) => n + l.quantity, 0);
  const ordered = order.status === 201 ? sum(order) : 0;
  const left = sum(await s.cart(a));
  const acked = 1 + replies.length;
  return { acked, ordered, left, lost: acked - ordered - left };
}
