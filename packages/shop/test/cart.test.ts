// The cart through HTTP, against every cart store.
import { expect, it } from 'vitest';
import { describeMatrix } from './helpers/matrix.ts';
import { Shopper } from './helpers/shopper.ts';

describeMatrix('cart', ({ shop }) => {
  it('an empty cart is readable without creating a session', async () => {
    const s = new Shopper();
    const r = await s.get(shop().url, '/api/cart');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ items: [], totalCents: 0 });
    expect(r.headers.get('set-cookie')).toBeNull();
    expect(r.headers.get('x-served-by')).toBe(shop().nodeId);
  });

  it('add creates the session and returns the priced cart', async () => {
    const s = new Shopper();
    const r = await s.add(shop().url, 'p03', 2);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      items: [{ productId: 'p03', name: 'Dark chocolate bar', quantity: 2, priceCents: 349 }], totalCents: 698,
    });
    expect(s.cookie).toMatch(/^shop\.sid=/);
    expect((await s.get(shop().url, '/api/cart')).body).toEqual(r.body);
  });

  it('add twice merges quantity, keeps line order', async () => {
    const s = new Shopper();
    await s.add(shop().url, 'p05', 1);
    await s.add(shop().url, 'p01', 1);
    const r = await s.add(shop().url, 'p05', 3);
    expect(r.body.items.map((i: { productId: string; quantity: number }) => [i.productId, i.quantity]))
      .toEqual([['p05', 4], ['p01', 1]]);
    expect(r.body.totalCents).toBe(4 * 990 + 1290);
  });

  it('quantity defaults to 1', async () => {
    const s = new Shopper();
    const r = await s.request(shop().url, 'POST', '/api/cart/items', { productId: 'p02' });
    expect(r.body.items[0].quantity).toBe(1);
  });

  it('PATCH sets the quantity and 0 removes the line', async () => {
    const s = new Shopper();
    await s.add(shop().url, 'p07', 2);
    await s.add(shop().url, 'p08', 1);
    expect((await s.request(shop().url, 'PATCH', '/api/cart/items/p07', { quantity: 9 })).body.items[0].quantity)
      .toBe(9);
    const r = await s.request(shop().url, 'PATCH', '/api/cart/items/p07', { quantity: 0 });
    expect(r.body.items.map((i: { productId: string }) => i.productId)).toEqual(['p08']);
  });

  it('DELETE removes the line', async () => {
    const s = new Shopper();
    await s.add(shop().url, 'p09', 2);
    const r = await s.request(shop().url, 'DELETE', '/api/cart/items/p09');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ items: [], totalCents: 0 });
    expect((await s.get(shop().url, '/api/cart')).body).toEqual({ items: [], totalCents: 0 });
  });

  it('two shoppers have separate carts', async () => {
    const a = new Shopper();
    const b = new Shopper();
    await a.add(shop().url, 'p10', 1);
    await b.add(shop().url, 'p11', 1);
    expect((await a.get(shop().url, '/api/cart')).body.items.map((i: { productId: string }) => i.productId))
      .toEqual(['p10']);
  });

  it('healthz counts carts and readyz is 200', async () => {
    const h = await new Shopper().get(shop().url, '/healthz');
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'ok', node: shop().nodeId });
    expect(['stateful', 'stateless']).toContain(h.body.variant);
    expect((await new Shopper().get(shop().url, '/readyz')).status).toBe(200);
  });

  it('pages render the variant, the node and the cart, escaped', async () => {
    const s = new Shopper();
    await s.add(shop().url, 'p12', 2);
    await s.request(shop().url, 'POST', '/api/login', { name: '<b>Eve</b>' });
    const home = await s.get(shop().url, '/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(home.body).toContain(`served by <span class="node" id="served-by">${shop().nodeId}</span>`);
    expect(home.body).toContain('&lt;b&gt;Eve&lt;/b&gt;');
    expect(home.body).not.toContain('<b>Eve</b>');
    const cart = await s.get(shop().url, '/cart');
    expect(cart.body).toContain('Strawberries, 500 g');
    expect(cart.body).toContain('value="2"');
  });
});
