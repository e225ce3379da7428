// Checkout and orders through HTTP, against every cart store.
import { expect, it } from 'vitest';
import { describeMatrix } from './helpers/matrix.ts';
import { Shopper } from './helpers/shopper.ts';

describeMatrix('checkout', ({ shop }) => {
  it('checkout answers 201 with the order and empties the cart', async () => {
    const s = new Shopper();
    await s.add(shop().url, 'p01', 2);
    await s.add(shop().url, 'p04', 1);
    const r = await s.request(shop().url, 'POST', '/api/checkout');
    expect(r.status).toBe(201);
    expect(r.body.orderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.items.map((i: { productId: string; quantity: number }) => [i.productId, i.quantity]))
      .toEqual([['p01', 2], ['p04', 1]]);
    expect(r.body.totalCents).toBe(2 * 1290 + 450);
    expect((await s.get(shop().url, '/api/cart')).body).toEqual({ items: [], totalCents: 0 });
    const order = await s.get(shop().url, `/api/orders/${r.body.orderId}`);
    expect(order.status).toBe(200);
    expect(order.body).toMatchObject({ orderId: r.body.orderId, totalCents: r.body.totalCents, items: r.body.items });
  });

  it('a retried checkout with the same Idempotency-Key returns the same order, never a second one', async () => {
    const s = new Shopper();
    await s.add(shop().url, 'p02', 3);
    const first = await s.request(shop().url, 'POST', '/api/checkout', undefined, { 'idempotency-key': 'k-1' });
    const again = await s.request(shop().url, 'POST', '/api/checkout', undefined, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    await s.add(shop().url, 'p03', 1);
    const other = await s.request(shop().url, 'POST', '/api/checkout', undefined, { 'idempotency-key': 'k-2' });
    expect(other.body.orderId).not.toBe(first.body.orderId);
    expect(other.body.items).toEqual([{ productId: 'p03', name: 'Dark chocolate bar', quantity: 1, priceCents: 349 }]);
  });

  it('checkout of an empty cart is 409 SHOP_ERR_CART_EMPTY', async () => {
    const s = new Shopper();
    const r = await s.request(shop().url, 'POST', '/api/checkout');
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('SHOP_ERR_CART_EMPTY');
    await s.add(shop().url, 'p01');
    await s.request(shop().url, 'POST', '/api/checkout');
    expect((await s.request(shop().url, 'POST', '/api/checkout')).body.error.code).toBe('SHOP_ERR_CART_EMPTY');
  });

  it('an order is visible only to the session that placed it', async () => {
    const owner = new Shopper();
    await owner.add(shop().url, 'p06', 1);
    const { body } = await owner.request(shop().url, 'POST', '/api/checkout');
    for (const stranger of [new Shopper(), Object.assign(new Shopper(), { cookie: undefined })]) {
      await stranger.add(shop().url, 'p01');
      const r = await stranger.get(shop().url, `/api/orders/${body.orderId}`);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('SHOP_ERR_ORDER_NOT_FOUND');
    }
    expect((await new Shopper().get(shop().url, `/api/orders/${body.orderId}`)).status).toBe(404);
    expect((await owner.get(shop().url, '/api/orders/not-a-uuid')).status).toBe(404);
  });
});
