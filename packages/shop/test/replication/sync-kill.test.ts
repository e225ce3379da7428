// REPLICATION=sync: what node A acknowledged is on node B before the 2xx, so a SIGKILL of A loses nothing.
// Also login/logout seen across nodes, and a third node joining two that hold 1,000 carts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_IDS } from '../../src/index.ts';
import { health, pool, ReplicatedNodes, type ReplicatedNode } from '../helpers/replicated-nodes.ts';
import { Shopper } from '../helpers/shopper.ts';

const nodes = new ReplicatedNodes();
/** These tests are about what a 2xx promises, not about marking slow peers down: on a busy shared machine a peer
 *  can stall past the 300 ms default, and the write would (rightly) be answered 503 instead. */
const PATIENT = { REPLICATION_TIMEOUT_MS: '3000' };
afterAll(() => nodes.stopAll());

describe('replicated [sync] › kill', () => {
  let a: ReplicatedNode;
  let b: ReplicatedNode;
  beforeAll(async () => {
    a = await nodes.start([], PATIENT);
    b = await nodes.start([a], PATIENT);
  });

  it('100 shoppers add through A, A is SIGKILLed, ' +
    'every acknowledged item is read through B with the same cookies', async () => {
    const shoppers = Array.from({ length: 100 }, () => new Shopper());
    const acked = new Map<Shopper, Map<string, number>>();
    await pool(shoppers, 20, async (s, i) => {
      const lines = new Map<string, number>();
      for (let k = 0; k < 3; k++) {
        const productId = PRODUCT_IDS[(i + k) % PRODUCT_IDS.length]!;
        const r = await s.add(a.url, productId, k + 1);
        expect(r.status).toBe(200);
        lines.set(productId, (lines.get(productId) ?? 0) + k + 1);
      }
      acked.set(s, lines);
    });
    a.kill();
    await a.exited;
    let lost = 0;
    await pool(shoppers, 20, async (s) => {
      const cart = (await s.get(b.url, '/api/cart')).body as { items: { productId: string; quantity: number }[] };
      const got = new Map(cart.items.map((i) => [i.productId, i.quantity]));
      for (const [productId, qty] of acked.get(s)!) if ((got.get(productId) ?? 0) < qty) lost++;
    });
    expect(lost).toBe(0);
    expect((await health(b)).carts).toBe(100);
  });
});

describe('replicated [sync] › sessions across nodes', () => {
  let a: ReplicatedNode;
  let b: ReplicatedNode;
  beforeAll(async () => {
    a = await nodes.start();
    b = await nodes.start([a]);
  });

  it('a login on A is read through B; a logout on B makes A forget the old session id', async () => {
    const s = new Shopper();
    await s.add(a.url, 'p01', 2);
    expect((await s.request(a.url, 'POST', '/api/login', { name: 'Ada' })).status).toBe(200);
    expect((await s.get(b.url, '/')).body).toContain('id="user">Ada<');
    const loggedIn = new Shopper();
    loggedIn.cookie = s.cookie;
    expect((await s.request(b.url, 'POST', '/api/logout')).body).toEqual({ name: null });
    expect(s.cookie).not.toBe(loggedIn.cookie);
    // The old id is gone everywhere: A starts an empty session for it, without the name or the cart.
    expect((await loggedIn.get(a.url, '/')).body).not.toContain('id="user"');
    expect((await loggedIn.get(a.url, '/api/cart')).body.items).toEqual([]);
    // The new id carries the cart on both nodes.
    expect((await s.get(a.url, '/api/cart')).body.items).toMatchObject([{ productId: 'p01', quantity: 2 }]);
  });

  it('a checkout on A is found through B, and its Idempotency-Key answers the same order there', async () => {
    const s = new Shopper();
    await s.add(a.url, 'p02', 1);
    const order = await s.request(a.url, 'POST', '/api/checkout', undefined, { 'idempotency-key': 'k-1' });
    expect(order.status).toBe(201);
    expect((await s.get(b.url, `/api/orders/${order.body.orderId}`)).status).toBe(200);
    const again = await s.request(b.url, 'POST', '/api/checkout', undefined, { 'idempotency-key': 'k-1' });
    expect(again.body.orderId).toBe(order.body.orderId);
    expect((await s.get(b.url, '/api/cart')).body.items).toEqual([]);
  });

  it('/healthz names the peers, known and up', async () => {
    expect((await health(a)).peers).toMatchObject({ known: 1, up: 1 });
    expect((await health(b)).replication).toMatchObject({ mode: 'sync' });
  });
});

describe('replicated [sync] › join', () => {
  it('a third node joining two that hold 1,000 carts serves every one of them once ready', async () => {
    const a = await nodes.start([], PATIENT);
    const b = await nodes.start([a], PATIENT);
    const shoppers = Array.from({ length: 1000 }, () => new Shopper());
    await pool(shoppers, 50, async (s, i) => {
      const r = await s.add(i % 2 === 0 ? a.url : b.url, PRODUCT_IDS[i % PRODUCT_IDS.length]!, 1 + (i % 5));
      expect(r.status).toBe(200);
    });
    const c = await nodes.start([a, b], PATIENT);
    expect((await fetch(`${c.url}/readyz`)).status).toBe(200);
    const join = (await health(c)).replication.join;
    expect(join.records).toBeGreaterThanOrEqual(2000);
    let wrong = 0;
    await pool(shoppers, 50, async (s, i) => {
      const items = (await s.get(c.url, '/api/cart')).body.items as { productId: string; quantity: number }[];
      if (items.length !== 1 || items[0]!.productId !== PRODUCT_IDS[i % PRODUCT_IDS.length]
        || items[0]!.quantity !== 1 + (i % 5)) wrong++;
    });
    expect(wrong).toBe(0);
    // The joiner is a full peer: a write through it reaches A.
    await shoppers[0]!.add(c.url, 'p20', 1);
    expect((await shoppers[0]!.get(a.url, '/api/cart')).body.items).toHaveLength(2);
    expect((await health(a)).peers).toMatchObject({ known: 2, up: 2 });
  }, 60_000);
});
