// Login and logout, and the session cookie's attributes, against every cart store.
import { expect, it } from 'vitest';
import { describeMatrix } from './helpers/matrix.ts';
import { Shopper } from './helpers/shopper.ts';

describeMatrix('login', ({ shop }) => {
  it('login regenerates the session id and keeps the cart and orders', async () => {
    const s = new Shopper();
    await s.add(shop().url, 'p01', 1);
    const order = (await s.request(shop().url, 'POST', '/api/checkout')).body;
    await s.add(shop().url, 'p02', 2);
    const before = s.cookie;
    const r = await s.request(shop().url, 'POST', '/api/login', { name: 'Ada' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ name: 'Ada' });
    expect(s.cookie).toBeDefined();
    expect(s.cookie).not.toBe(before);
    expect((await s.get(shop().url, '/api/cart')).body.items)
      .toEqual([{ productId: 'p02', name: 'Green tea, 100 g', quantity: 2, priceCents: 890 }]);
    expect((await s.get(shop().url, `/api/orders/${order.orderId}`)).status).toBe(200);
    expect((await s.get(shop().url, '/')).body).toContain('id="user">Ada<');
  });

  it('the old session id no longer carries the session after login', async () => {
    const s = new Shopper();
    await s.add(shop().url, 'p03', 1);
    const old = new Shopper();
    old.cookie = s.cookie;
    await s.request(shop().url, 'POST', '/api/login', { name: 'Bob' });
    expect((await old.get(shop().url, '/api/cart')).body.items).toEqual([]);
  });

  it('logout forgets the name and keeps the cart', async () => {
    const s = new Shopper();
    await s.request(shop().url, 'POST', '/api/login', { name: 'Cy' });
    await s.add(shop().url, 'p04', 1);
    const r = await s.request(shop().url, 'POST', '/api/logout');
    expect(r.body).toEqual({ name: null });
    expect((await s.get(shop().url, '/')).body).not.toContain('id="user"');
    expect((await s.get(shop().url, '/api/cart')).body.items).toHaveLength(1);
  });

  it('the session cookie is shop.sid, HttpOnly, SameSite=Lax, Secure only behind TLS at the balancer', async () => {
    const plain = await new Shopper().add(shop().url, 'p01');
    const cookie = plain.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^shop\.sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const tls = await new Shopper().request(shop().url, 'POST', '/api/cart/items', { productId: 'p01' },
      { 'x-forwarded-proto': 'https' });
    expect(tls.headers.get('set-cookie')).toMatch(/Secure/i);
  });

  it('a login with a bad name is 400 and changes nothing', async () => {
    const s = new Shopper();
    await s.add(shop().url, 'p05');
    const before = s.cookie;
    for (const name of ['', '   ', 'x'.repeat(41), 42, null, 'a\u0000b']) {
      const r = await s.request(shop().url, 'POST', '/api/login', { name });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('SHOP_ERR_INVALID_INPUT');
    }
    expect(s.cookie).toBe(before);
  });
});
