// Bad input, table-driven, against every cart store: each case gets its status and code and changes nothing.
// The shops here allow 3 lines per cart (instead of 50) so that "cart full" is reachable with the 20 products.
import { beforeEach, expect, it } from 'vitest';
import { describeMatrix } from './helpers/matrix.ts';
import { Shopper } from './helpers/shopper.ts';

interface Case {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly status: number;
  readonly code: string;
}

const big = JSON.stringify({ productId: 'p01', quantity: 1, pad: 'x'.repeat(17 * 1024) });
const add = (body: unknown, status: number, code: string, name: string): Case =>
  ({ name, method: 'POST', path: '/api/cart/items', body, status, code });
const patch = (path: string, body: unknown, status: number, code: string, name: string): Case =>
  ({ name, method: 'PATCH', path: `/api/cart/items/${path}`, body, status, code });

const CASES: Case[] = [
  add('{"productId": "p01", ', 400, 'SHOP_ERR_BAD_JSON', 'malformed JSON'),
  add('"p01"', 400, 'SHOP_ERR_BAD_JSON', 'a JSON string instead of an object'),
  add(big, 413, 'SHOP_ERR_BODY_TOO_LARGE', 'a body over 16 KiB'),
  add([{ productId: 'p01' }], 400, 'SHOP_ERR_INVALID_INPUT', 'an array body'),
  { name: 'a non-JSON content type', method: 'POST', path: '/api/cart/items', body: 'productId=p01',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 400, code: 'SHOP_ERR_INVALID_INPUT' },
  add({ quantity: 1 }, 400, 'SHOP_ERR_INVALID_INPUT', 'a missing productId'),
  add({ productId: 7 }, 400, 'SHOP_ERR_INVALID_INPUT', 'a numeric productId'),
  ...[0, -1, 100, 1.5, '2', null, true, 1e308].map((q) =>
    add({ productId: 'p01', quantity: q }, 400, 'SHOP_ERR_INVALID_QUANTITY', `POST quantity ${JSON.stringify(q)}`)),
  ...[-1, 100, 2.5, '3', null].map((q) =>
    patch('p01', { quantity: q }, 400, 'SHOP_ERR_INVALID_QUANTITY', `PATCH quantity ${JSON.stringify(q)}`)),
  patch('p01', {}, 400, 'SHOP_ERR_INVALID_QUANTITY', 'PATCH without quantity'),
  patch('p01', '{oops', 400, 'SHOP_ERR_BAD_JSON', 'PATCH malformed JSON'),
  add({ productId: 'p01', quantity: 98 }, 409, 'SHOP_ERR_QUANTITY_LIMIT', 'more than 99 of one product (POST)'),
  patch('p02', { quantity: 99 }, 200, '', 'PATCH to exactly 99 is fine (control case)'),
  add({ productId: 'p04', quantity: 1 }, 409, 'SHOP_ERR_CART_FULL', 'more lines than the limit'),
  patch('p05', { quantity: 1 }, 409, 'SHOP_ERR_CART_FULL', 'more lines than the limit (PATCH)'),
  ...['p99', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'P01', ''].map((id) =>
    add({ productId: id, quantity: 1 }, id === '' ? 400 : 404,
      id === '' ? 'SHOP_ERR_INVALID_INPUT' : 'SHOP_ERR_PRODUCT_NOT_FOUND', `unknown product ${JSON.stringify(id)}`)),
  add(JSON.parse('{"productId":"p06","__proto__":{"polluted":true}}') as unknown, 409, 'SHOP_ERR_CART_FULL',
    'a __proto__ key in the body'),
  patch('__proto__', { quantity: 1 }, 404, 'SHOP_ERR_PRODUCT_NOT_FOUND', 'PATCH of __proto__'),
  { name: 'DELETE of constructor', method: 'DELETE', path: '/api/cart/items/constructor',
    status: 404, code: 'SHOP_ERR_PRODUCT_NOT_FOUND' },
  { name: 'GET product __proto__', method: 'GET', path: '/api/products/__proto__',
    status: 404, code: 'SHOP_ERR_PRODUCT_NOT_FOUND' },
  { name: 'unknown route', method: 'GET', path: '/api/nothing-here', status: 404, code: 'SHOP_ERR_NOT_FOUND' },
  { name: 'unknown route (POST)', method: 'POST', path: '/admin', body: {}, status: 404, code: 'SHOP_ERR_NOT_FOUND' },
  { name: 'wrong method on the cart', method: 'PUT', path: '/api/cart', body: {},
    status: 405, code: 'SHOP_ERR_METHOD_NOT_ALLOWED' },
  { name: 'wrong method on checkout', method: 'GET', path: '/api/checkout',
    status: 405, code: 'SHOP_ERR_METHOD_NOT_ALLOWED' },
  { name: 'wrong method on products', method: 'DELETE', path: '/api/products',
    status: 405, code: 'SHOP_ERR_METHOD_NOT_ALLOWED' },
  { name: 'an over-long Idempotency-Key', method: 'POST', path: '/api/checkout',
    headers: { 'idempotency-key': 'k'.repeat(129) }, status: 400, code: 'SHOP_ERR_INVALID_IDEMPOTENCY_KEY' },
];

describeMatrix('bad input', ({ shop }) => {
  let s: Shopper;
  let before: unknown;
  beforeEach(async () => {
    s = new Shopper();
    await s.add(shop().url, 'p01', 2);
    await s.add(shop().url, 'p02', 1);
    before = (await s.add(shop().url, 'p03', 1)).body;
  });

  for (const c of CASES) {
    it(`${c.name} → ${c.status} ${c.code}`, async () => {
      const r = await s.request(shop().url, c.method, c.path, c.body, c.headers);
      expect(r.status).toBe(c.status);
      expect(r.headers.get('x-served-by')).toBe(shop().nodeId);
      if (c.status === 200) return;
      expect(r.body).toEqual({ error: { code: c.code, message: expect.any(String) } });
      if (c.status === 405) expect(r.headers.get('allow')).toBeTruthy();
      expect((await s.get(shop().url, '/api/cart')).body).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(Object.prototype)).toEqual([]);
    });
  }

  it('the node still serves after all of it', async () => {
    expect((await s.get(shop().url, '/healthz')).status).toBe(200);
  });
}, { limits: { maxLines: 3, maxQuantity: 99 } });
