// Check of exercise 03: the trainee's Redis cart store, wired into two real shop servers that share one private
// redis-server, must behave like the shop's own stores through HTTP (quick steps with plain-words hints), and then
// pass the shop's own [redis] suites: cart, checkout, two nodes and the race, run by vitest against it.
import { join } from 'node:path';
import type { CartLimits, CartStore, RedisConnection } from '@stateshift/shop';
import { runShopSuites, type SuiteResult } from '../shop-suites.ts';
import { startShopPair, type ShopPair } from '../shop-pair.ts';
import { cartLines, Shopper, units, type Reply } from '../shopper.ts';
import type { Tally } from '../tally.ts';
import { traineeFunction } from '../trainee-module.ts';
import { notYet } from '../workshop-error.ts';

type Factory = (redis: RedisConnection, options: { idleSeconds: number; limits: CartLimits; prefix: string }) => CartStore;

const PREFIX = 'ws03:';
const SHOP_SUITES = ['packages/shop/test/cart.test.ts', 'packages/shop/test/checkout.test.ts', 'packages/shop/test/shared-redis.test.ts'];
const IDLE = 1800;
const LIMITS: CartLimits = { maxLines: 5, maxQuantity: 99 };

export async function check(t: Tally, dir: string): Promise<void> {
  let factory: Factory | undefined;
  await t.step('src/redis-cart-store.ts exports createCartStore', async () => {
    factory = await traineeFunction<Factory>(dir, 'src/redis-cart-store.ts', 'createCartStore');
  });
  if (!factory) return;
  const make = factory;
  let pair: ShopPair | undefined;
  await t.step('two shop nodes start with your store and a private Redis', async () => {
    pair = await startShopPair((redis) => make(redis, { idleSeconds: IDLE, limits: LIMITS, prefix: PREFIX }));
    t.defer(() => pair!.close());
  });
  if (!pair) return;
  let allPassed = true;
  for (const [name, run] of cartSteps(pair)) allPassed = (await t.step(name, run)) && allPassed;
  if (allPassed) await runTheShopSuites(t, join(dir, 'src/redis-cart-store.ts'));
  else await t.step('the shop\'s own [redis] suites (cart, checkout, two nodes, the race)', async () => {
    throw notYet('not run yet: they run once every step above passes');
  });
}

/** The shop's own cart, checkout and two-node suites, run against the trainee's store: one step per test. */
async function runTheShopSuites(t: Tally, storeModule: string): Promise<void> {
  let results: SuiteResult[] = [];
  await t.step('the shop\'s own [redis] suites ran against your store (cart, checkout, two nodes)', async () => {
    results = await runShopSuites(storeModule, SHOP_SUITES);
    return `${results.filter((r) => r.passed).length} of ${results.length} tests pass`;
  }, { timeoutMs: 200_000 });
  for (const r of results) {
    await t.step(`shop suite › ${r.name}`, async () => { if (!r.passed) throw notYet(r.failure ?? 'failed'); });
  }
}

function cartSteps(p: ShopPair): [string, () => Promise<string | void>][] {
  return [
    ['add creates the cart: POST /api/cart/items answers 200 with the line', async () => {
      const s = new Shopper();
      const r = ok(await s.add(p.a, 'p03', 2), 200);
      same(cartLines(r).map((l) => [l.productId, l.quantity]), [['p03', 2]]);
    }],
    ['adding the same product again adds to its quantity', async () => {
      const s = new Shopper();
      await s.add(p.a, 'p05', 1);
      await s.add(p.a, 'p01', 1);
      const r = ok(await s.add(p.a, 'p05', 3), 200);
      same(cartLines(r).map((l) => [l.productId, l.quantity]).sort(), [['p01', 1], ['p05', 4]]);
    }],
    ['PATCH sets the quantity and 0 removes the line', async () => {
      const s = new Shopper();
      await s.add(p.a, 'p07', 2);
      await s.add(p.a, 'p08', 1);
      same(quantityOf(ok(await s.call(p.a, 'PATCH', '/api/cart/items/p07', { quantity: 9 }), 200), 'p07'), 9);
      const r = ok(await s.call(p.a, 'PATCH', '/api/cart/items/p07', { quantity: 0 }), 200);
      same(cartLines(r).map((l) => l.productId), ['p08']);
    }],
    ['DELETE removes the line', async () => {
      const s = new Shopper();
      await s.add(p.a, 'p09', 2);
      same(cartLines(ok(await s.call(p.a, 'DELETE', '/api/cart/items/p09'), 200)), []);
    }],
    ['more than 99 units of one product: 409 SHOP_ERR_QUANTITY_LIMIT, cart unchanged', async () => {
      const s = new Shopper();
      await s.add(p.a, 'p02', 98);
      refused(await s.add(p.a, 'p02', 2), 'SHOP_ERR_QUANTITY_LIMIT');
      same(units(await s.cart(p.a)), 98);
    }],
    [`a ${LIMITS.maxLines + 1}th product (this check allows ${LIMITS.maxLines} lines): 409 SHOP_ERR_CART_FULL, cart unchanged`, async () => {
      const s = new Shopper();
      for (let i = 1; i <= LIMITS.maxLines; i++) ok(await s.add(p.a, `p1${i}`, 1), 200);
      refused(await s.add(p.a, 'p19', 1), 'SHOP_ERR_CART_FULL');
      same(cartLines(await s.cart(p.a)).length, LIMITS.maxLines);
    }],
    ['checkout: 201 with the items, then an empty cart and a readable order', async () => {
      const s = new Shopper();
      await s.add(p.a, 'p04', 2);
      const order = ok(await s.call(p.a, 'POST', '/api/checkout'), 201);
      const id = (order.body as { orderId?: string }).orderId;
      same(cartLines(order).map((l) => [l.productId, l.quantity]), [['p04', 2]]);
      same(cartLines(await s.cart(p.a)), []);
      ok(await s.call(p.a, 'GET', `/api/orders/${id}`), 200);
    }],
    ['two nodes: a cart written through node A is read through node B', async () => {
      const s = new Shopper();
      await s.add(p.a, 'p06', 3);
      const r = ok(await s.cart(p.b), 200);
      if (r.servedBy !== 'node-b') throw notYet(`expected node-b to answer, got ${r.servedBy}`);
      same(cartLines(r).map((l) => [l.productId, l.quantity]), [['p06', 3]]);
      return 'served by node-b';
    }],
    [`the cart is in Redis under "${PREFIX}" and expires with the session`, async () => {
      const s = new Shopper();
      await s.add(p.a, 'p10', 1);
      const keys = await p.probe.run((c) => c.keys(`${PREFIX}*`));
      if (keys.length === 0) throw notYet(`no key starting with "${PREFIX}" in Redis`, 'use options.prefix for every key');
      const ttls = await Promise.all(keys.map((k) => p.probe.run((c) => c.ttl(k))));
      const forever = keys.filter((_, i) => (ttls[i] ?? -1) < 0);
      if (forever.length > 0) throw notYet(`these keys never expire: ${forever.slice(0, 3).join(', ')}`, 'EXPIRE the cart key after each change (options.idleSeconds)');
      return `${keys.length} keys, all with a TTL`;
    }],
  ];
}

function ok(r: Reply, status: number): Reply {
  if (r.status !== status) throw notYet(`expected ${status}, got ${r.status || r.error}: ${JSON.stringify(r.body).slice(0, 200)}`);
  return r;
}

function refused(r: Reply, code: string): void {
  const got = (r.body as { error?: { code?: string } } | undefined)?.error?.code;
  if (r.status !== 409 || got !== code) throw notYet(`expected 409 ${code}, got ${r.status} ${got ?? JSON.stringify(r.body).slice(0, 120)}`);
}

function same(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw notYet(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

function quantityOf(r: Reply, productId: string): number | undefined {
  return cartLines(r).find((l) => l.productId === productId)?.quantity;
}
