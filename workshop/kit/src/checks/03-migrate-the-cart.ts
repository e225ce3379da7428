// Check of exercise 03: the trainee's Redis cart store, loaded by two real shop node processes that share one
// private redis-server, must behave like the shop's own store through HTTP: the cart, its limits (one request at a
// time and under concurrency), checkout (idempotent, and racing adds), two nodes seeing one cart, and keys that
// expire with the session and are refreshed by every write. The file must type-check too.
import { expectCart, expectRefused, expectStatus } from '../expect-reply.ts';
import { keysExpire, writesKeepTheCart } from '../expiry.ts';
import { pairStep, storeNodesStep } from '../store-nodes-step.ts';
import { startTypeCheck, typesStep } from '../type-check.ts';
import type { NodePair } from '../node-pair.ts';
import { checkoutRace, lineBurst, quantityBurst } from '../races.ts';
import { cartLines, Shopper } from '../shopper.ts';
import type { Tally } from '../tally.ts';
import { notYet } from '../workshop-error.ts';

const FILE = 'src/redis-cart-store.ts';
const PREFIX = 'ws03:';
const IDLE_SECONDS = 1800;
/** node-c's idle timeout: short, so that the expiry can be watched within the check. */
const SHORT_IDLE_SECONDS = 4;
const MAX_LINES = 5;
const MAX_QUANTITY = 99;

export async function check(t: Tally, dir: string): Promise<void> {
  const types = startTypeCheck(t, dir, [FILE]);
  const pair = await storeNodesStep(t, dir, FILE, {
    prefix: PREFIX, idleSeconds: IDLE_SECONDS, shortIdleSeconds: SHORT_IDLE_SECONDS, maxLines: MAX_LINES,
  });
  if (!pair) {
    await typesStep(t, dir, [FILE], types);
    return;
  }
  const p = pair;
  const step = pairStep(t, p);
  await step('add creates the cart: POST /api/cart/items answers 200 with the line', async () => {
    expectCart(expectStatus(await new Shopper().add(p.a, 'p03', 2), 200, 'adding 2 × p03'), [['p03', 2]], 'the answer');
  });
  await step('adding the same product again adds to its quantity', async () => {
    const s = new Shopper();
    await s.add(p.a, 'p05', 1);
    await s.add(p.a, 'p01', 1);
    expectCart(expectStatus(await s.add(p.a, 'p05', 3), 200, 'adding 3 more × p05'), [['p01', 1], ['p05', 4]],
      'after 1 × p05, 1 × p01, 3 × p05');
  });
  await step('PATCH sets the quantity and 0 removes the line', async () => {
    const s = new Shopper();
    await s.add(p.a, 'p07', 2);
    await s.add(p.a, 'p08', 1);
    expectCart(expectStatus(await s.set(p.a, 'p07', 9), 200, 'PATCH p07 to 9'), [['p07', 9], ['p08', 1]],
      'after PATCH p07 to 9');
    expectCart(expectStatus(await s.set(p.a, 'p07', 0), 200, 'PATCH p07 to 0'), [['p08', 1]], 'after PATCH p07 to 0');
  });
  await step('DELETE removes the line', async () => {
    const s = new Shopper();
    await s.add(p.a, 'p09', 2);
    await s.add(p.a, 'p04', 1);
    expectCart(expectStatus(await s.remove(p.a, 'p09'), 200, 'DELETE p09'), [['p04', 1]], 'after DELETE p09');
  });
  const quantityLimit = `more than ${MAX_QUANTITY} units of one product: 409 SHOP_ERR_QUANTITY_LIMIT, cart unchanged`;
  await step(quantityLimit, async () => {
    const s = new Shopper();
    await s.add(p.a, 'p02', 98);
    expectRefused(await s.add(p.a, 'p02', 2), 'SHOP_ERR_QUANTITY_LIMIT', 'adding 2 to 98 units',
      'throw new ShopError(\'SHOP_ERR_QUANTITY_LIMIT\', …) ' +
        'when the new quantity would pass options.limits.maxQuantity');
    expectCart(await s.cart(p.a), [['p02', 98]], 'the cart after the refused add',
      'nothing may change past a limit: undo what you wrote, or check before writing');
  });
  const lineLimit = `a ${MAX_LINES + 1}th product (this check allows ${MAX_LINES} lines): ` +
    '409 SHOP_ERR_CART_FULL, cart unchanged';
  await step(lineLimit, async () => {
    const s = new Shopper();
    for (let i = 1; i <= MAX_LINES; i++) {
      expectStatus(await s.add(p.a, `p1${i}`, 1), 200, `adding product ${i} of ${MAX_LINES}`);
    }
    expectRefused(await s.add(p.a, 'p19', 1), 'SHOP_ERR_CART_FULL', `adding a ${MAX_LINES + 1}th product`,
      'throw new ShopError(\'SHOP_ERR_CART_FULL\', …) when a new line would pass options.limits.maxLines');
    const lines = cartLines(await s.cart(p.a)).length;
    if (lines !== MAX_LINES) {
      throw notYet(`after the refused add the cart should still hold ${MAX_LINES} lines; it holds ${lines}`);
    }
  });
  await step('two nodes: a cart written through node A is read through node B, and the other way round',
    () => twoNodes(p),
    { hint: 'each node is its own process: a Map or a cache in your module is seen by one node only. ' +
      'Read the cart from Redis every time' });
  await step('checkout: 201 with the items, then an empty cart and a readable order', async () => {
    const s = new Shopper();
    await s.add(p.a, 'p04', 2);
    const order = expectStatus(await s.checkout(p.a), 201, 'POST /api/checkout');
    expectCart(order, [['p04', 2]], 'the order');
    expectCart(await s.cart(p.b), [], 'the cart after checkout, read through node B');
    const orderId = (order.body as { orderId?: string }).orderId;
    expectStatus(await s.call(p.b, 'GET', `/api/orders/${orderId}`), 200, 'reading the order through node B');
  });
  await step('checkout with an Idempotency-Key: a retry through the other node returns the same order', async () => {
    const s = new Shopper();
    await s.add(p.a, 'p06', 1);
    const first = expectStatus(await s.checkout(p.a, 'retry-1'), 201, 'the first checkout');
    const again = expectStatus(await s.checkout(p.b, 'retry-1'), 201, 'the retry with the same key',
      'store the order under the idempotency key (idemKey) and, when a checkout comes with a key already used, ' +
        'return that order');
    const id = (r: typeof first) => (r.body as { orderId?: string }).orderId;
    if (id(first) !== id(again)) {
      throw notYet(`the retry should return order ${id(first)}; it made a new one, ${id(again)}`);
    }
  });
  await step('an add racing a checkout is never lost (it ends in the order or stays in the cart)',
    () => checkoutRace(p.a, p.b, 12, 4, 3), { timeoutMs: 40_000 });
  await step(`the ${MAX_QUANTITY}-unit limit under 60 concurrent adds across both nodes`,
    () => quantityBurst(p.a, p.b, 60, MAX_QUANTITY));
  await step(`the ${MAX_LINES}-line limit under 6 concurrent adds of new products across both nodes`,
    () => lineBurst(p.a, p.b, 6, 6, MAX_LINES));
  await step(`the cart is in Redis under "${PREFIX}" and expires with the session`,
    () => keysExpire(p.a, p.probe, PREFIX, IDLE_SECONDS));
  const refreshes = 'every write refreshes the expiry: adds 1.5 s apart, ' +
    `for longer than a ${SHORT_IDLE_SECONDS} s idle timeout, keep the cart`;
  await step(refreshes, () => writesKeepTheCart(p.c!, SHORT_IDLE_SECONDS, 4, 1500));
  await typesStep(t, dir, [FILE], types);
}

async function twoNodes(p: NodePair): Promise<string> {
  const s = new Shopper();
  expectStatus(await s.add(p.a, 'p06', 3), 200, 'adding 3 × p06 through node A');
  const viaB = expectStatus(await s.cart(p.b), 200, 'reading the cart through node B');
  if (viaB.servedBy !== 'node-b') throw notYet(`expected node-b to answer, got ${viaB.servedBy}`);
  expectCart(viaB, [['p06', 3]], 'written through A, read through B');
  expectStatus(await s.add(p.b, 'p06', 1), 200, 'adding 1 × p06 through node B');
  expectStatus(await s.add(p.b, 'p11', 2), 200, 'adding 2 × p11 through node B');
  expectCart(await s.cart(p.a), [['p06', 4], ['p11', 2]], 'written through B, read through A');
  return 'both nodes see one cart';
}
