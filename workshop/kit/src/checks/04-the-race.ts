// Check of exercise 04: the race (one shopper, 100 concurrent adds alternating between two nodes) against the
// built-in whole-session cart, for comparison, and against the trainee's store, which must lose nothing.
import { createSessionCartStore, DEFAULT_LIMITS, type CartLimits, type CartStore, type RedisConnection } from '@stateshift/shop';
import { choiceAnswer, booleanAnswer, expectRight, loadAnswers, type Answers } from '../answers.ts';
import { runRace } from '../race.ts';
import { startShopPair, type ShopPair } from '../shop-pair.ts';
import { cartLines, Shopper } from '../shopper.ts';
import type { Tally } from '../tally.ts';
import { traineeFunction } from '../trainee-module.ts';
import { notYet } from '../workshop-error.ts';

type Factory = (redis: RedisConnection, options: { idleSeconds: number; limits: CartLimits; prefix: string }) => CartStore;

const REQUESTS = 100;

export async function check(t: Tally, dir: string): Promise<void> {
  let answers: Answers = {};
  await t.step('answers.ts loads', async () => { answers = await loadAnswers(dir); });
  await t.step('Q2 why updates get lost', async () =>
    expectRight('whyLost', choiceAnswer(answers, 'whyLost', ['last-write-wins', 'redis-drops-writes', 'the-balancer-retries']), 'last-write-wins'));
  await t.step(`Q1 the whole-session cart under ${REQUESTS} concurrent adds (a real race)`, async () => {
    const predicted = booleanAnswer(answers, 'sessionCartLosesUpdates');
    const pair = await startShopPair(() => createSessionCartStore({ limits: DEFAULT_LIMITS }));
    try {
      const r = await runRace(pair.a, pair.b, REQUESTS);
      t.info(`CART_STORE=session: ${r.acked} adds acknowledged, ${r.final} in the cart, ${r.lost} lost`);
      if (!predicted) throw notYet(`you predicted no lost updates; this run lost ${r.lost} of ${r.acked}`);
      return r.lost > 0 ? `${r.lost} of ${r.acked} lost` : 'this run happened to lose none; the answer stands';
    } finally {
      await pair.close();
    }
  });

  let factory: Factory | undefined;
  await t.step('src/cart-store.ts exports createCartStore', async () => {
    factory = await traineeFunction<Factory>(dir, 'src/cart-store.ts', 'createCartStore');
  });
  if (!factory) return;
  const make = factory;
  let pair: ShopPair | undefined;
  await t.step('two shop nodes start with your store and a private Redis', async () => {
    pair = await startShopPair((redis) => make(redis, { idleSeconds: 1800, limits: DEFAULT_LIMITS, prefix: 'ws04:' }));
    t.defer(() => pair!.close());
  });
  if (!pair) return;
  const p = pair;
  await t.step('your store still adds, merges, changes and checks out', async () => {
    const s = new Shopper();
    await s.add(p.a, 'p05', 1);
    await s.add(p.b, 'p05', 2);
    await s.call(p.a, 'PATCH', '/api/cart/items/p07', { quantity: 0 });
    const cart = cartLines(await s.cart(p.b)).map((l) => [l.productId, l.quantity]);
    if (JSON.stringify(cart) !== '[["p05",3]]') throw notYet(`expected [["p05",3]] after add 1 + add 2, got ${JSON.stringify(cart)}`);
    const over = await s.add(p.a, 'p05', 97);
    if (over.status !== 409) throw notYet(`adding past 99 units answered ${over.status}, expected 409 SHOP_ERR_QUANTITY_LIMIT`);
    const order = await s.call(p.a, 'POST', '/api/checkout');
    if (order.status !== 201) throw notYet(`checkout answered ${order.status}, expected 201`);
  });
  await t.step(`the race with your store: ${REQUESTS} concurrent adds across 2 nodes lose nothing`, async () => {
    const r = await runRace(p.a, p.b, REQUESTS);
    if (r.lost !== 0) {
      throw notYet(`${r.acked} adds acknowledged, ${r.final} in the cart: ${r.lost} lost updates`,
        'the read-change-write must become one step inside Redis: a hash with HINCRBY, or a Lua script (EVAL)');
    }
    return `${r.acked} acknowledged, ${r.final} in the cart`;
  });
}
