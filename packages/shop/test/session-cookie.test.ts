// SESSION_COOKIE renames the session cookie, so two shops on one host name (the demo's two columns) keep
// separate sessions: browsers scope cookies by host, not by port.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestShop, type TestShop } from './helpers/test-shop.ts';

let shop: TestShop;
beforeAll(async () => { shop = await startTestShop({ kind: 'memory', sessionCookie: 'stateful.sid' }); });
afterAll(async () => { await shop.close(); });

it('session cookie › a shop configured with another name sets and reads that cookie, not shop.sid', async () => {
  const add = await fetch(`${shop.url}/api/cart/items`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ productId: 'p01', quantity: 2 }),
  });
  expect(add.status).toBe(200);
  const setCookie = add.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/^stateful\.sid=/);
  expect(setCookie).not.toContain('shop.sid');
  const cookie = setCookie.split(';')[0] ?? '';
  const cart = await (await fetch(`${shop.url}/api/cart`, { headers: { cookie } })).json() as {
    items: { quantity: number }[];
  };
  expect(cart.items.map((i) => i.quantity)).toEqual([2]);
  const renamed = await (await fetch(`${shop.url}/api/cart`, {
    headers: { cookie: cookie.replace('stateful.sid', 'shop.sid') },
  })).json() as { items: unknown[] };
  expect(renamed.items).toEqual([]);
});
