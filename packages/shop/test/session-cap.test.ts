// MAX_SESSIONS on a real stateful node: a request that would create a new session beyond the cap gets 503
// SHOP_ERR_CAPACITY (no cookie, nothing stored); shoppers who have a session keep working, writes and login included;
// /healthz shows the count and the cap. Expiry frees room (the store with a moved clock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionData } from 'express-session';
import { startRedisServer } from '@stateshift/cluster';
import { CappedMemoryStore, ShopError } from '../src/index.ts';
import { startTestShop } from './helpers/test-shop.ts';
import { Shopper } from './helpers/shopper.ts';
import { startShopProcess, stopAll, type ShopProcess } from './helpers/shop-process.ts';

const CAP = 3;

describe('session cap [stateful]', () => {
  let node: ShopProcess;
  const shoppers = Array.from({ length: CAP }, () => new Shopper());
  beforeAll(async () => {
    node = await startShopProcess('stateful', { MAX_SESSIONS: String(CAP), NODE_ID: 'capped-1' });
    for (const s of shoppers) expect((await s.add(node.url, 'p01')).status).toBe(200);
  });
  afterAll(stopAll);

  const health = async () =>
    (await new Shopper().get(node.url, '/healthz')).body as { sessions: number; maxSessions: number };

  it('session cap [stateful] › /healthz counts the sessions and shows the cap', async () => {
    expect(await health()).toMatchObject({ sessions: CAP, maxSessions: CAP });
  });

  it('session cap [stateful] › ' +
    'a new shopper beyond the cap gets 503 SHOP_ERR_CAPACITY, no cookie, nothing stored', async () => {
    for (const attempt of [
      (s: Shopper) => s.add(node.url, 'p02'),
      (s: Shopper) => s.request(node.url, 'POST', '/api/login', { name: 'Newcomer' }),
      (s: Shopper) => s.request(node.url, 'PATCH', '/api/cart/items/p02', { quantity: 3 }),
    ]) {
      const s = new Shopper();
      const r = await attempt(s);
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('SHOP_ERR_CAPACITY');
      expect(r.headers.get('x-served-by')).toBe('capped-1');
      expect(r.headers.get('set-cookie')).toBeNull();
    }
    expect((await health()).sessions).toBe(CAP);
  });

  it('session cap [stateful] › at the cap, existing shoppers still read, write, log in and check out', async () => {
    const [a, b] = shoppers as [Shopper, Shopper];
    expect((await a.add(node.url, 'p03', 2)).status).toBe(200);
    expect((await a.request(node.url, 'PATCH', '/api/cart/items/p03', { quantity: 5 })).status).toBe(200);
    const before = b.cookie;
    expect((await b.request(node.url, 'POST', '/api/login', { name: 'Bea' })).status).toBe(200);
    expect(b.cookie).not.toBe(before);
    expect((await b.add(node.url, 'p04')).status).toBe(200);
    expect((await b.request(node.url, 'POST', '/api/logout')).status).toBe(200);
    const order = await a.request(node.url, 'POST', '/api/checkout');
    expect(order.status).toBe(201);
    expect((await a.get(node.url, '/api/cart')).body.items).toEqual([]);
    expect((await new Shopper().get(node.url, '/api/cart')).status).toBe(200);
    expect(await health()).toMatchObject({ sessions: CAP, maxSessions: CAP });
  });
});

describe('session cap [store]', () => {
  const session = (expires: number) =>
    ({ cookie: { expires: new Date(expires), originalMaxAge: 1000 } }) as unknown as SessionData;
  const set = (store: CappedMemoryStore, sid: string, s: SessionData) =>
    new Promise<unknown>((resolve) => store.set(sid, s, (err) => resolve(err)));

  it('session cap [store] › an expired session frees its room; a refused save says SHOP_ERR_CAPACITY', async () => {
    let clock = 1_000_000;
    const store = new CappedMemoryStore({ maxSessions: 2, now: () => clock });
    expect(await set(store, 'a', session(clock + 1000))).toBeUndefined();
    expect(await set(store, 'b', session(clock + 5000))).toBeUndefined();
    const refused = await set(store, 'c', session(clock + 5000));
    expect(refused).toBeInstanceOf(ShopError);
    expect((refused as ShopError).code).toBe('SHOP_ERR_CAPACITY');
    expect(await set(store, 'b', session(clock + 9000))).toBeUndefined();
    clock += 2000;
    expect(await set(store, 'c', session(clock + 5000))).toBeUndefined();
    expect(store.sessionCount()).toBe(2);
  });

  it('session cap [store] › a regenerated session keeps its room even when a newcomer races for it', async () => {
    const store = new CappedMemoryStore({ maxSessions: 2 });
    const later = Date.now() + 60_000;
    expect(await set(store, 'held', session(later))).toBeUndefined();
    expect(await set(store, 'other', session(later))).toBeUndefined();
    // express-session installs generate() on its store; here it hands out a fixed new id.
    const req = { sessionID: 'held' } as unknown as Parameters<CappedMemoryStore['regenerate']>[0];
    Object.assign(store, { generate: (r: typeof req) => { r.sessionID = 'successor'; } });
    await new Promise<void>((resolve, reject) => store.regenerate(req, (err) => (err ? reject(err) : resolve())));
    expect((await set(store, 'newcomer', session(later)) as ShopError).code).toBe('SHOP_ERR_CAPACITY');
    expect(await set(store, 'successor', session(later))).toBeUndefined();
    expect(store.sessionCount()).toBe(2);
    // A regenerated id of a session the store did not hold (a cookie-less login) needs room like any new one.
    const stranger = { sessionID: 'unknown' } as unknown as typeof req;
    Object.assign(store, { generate: (r: typeof req) => { r.sessionID = 'stranger-new'; } });
    await new Promise<void>((resolve) => store.regenerate(stranger, () => resolve()));
    expect((await set(store, 'stranger-new', session(later)) as ShopError).code).toBe('SHOP_ERR_CAPACITY');
  });

  it('session cap [store] › maxSessions 0 means no cap (maxSessions null)', async () => {
    const store = new CappedMemoryStore({ maxSessions: 0 });
    for (let i = 0; i < 50; i++) expect(await set(store, `s${i}`, session(Date.now() + 60_000))).toBeUndefined();
    expect(store.sessionCount()).toBe(50);
    expect(store.maxSessions).toBeNull();
  });
});

describe('session cap [stateless]', () => {
  it('session cap [stateless] › not applicable: sessions live in Redis, ' +
    '/healthz says sessions and maxSessions null', async () => {
    const redis = await startRedisServer();
    const shop = await startTestShop({ kind: 'redis', redisUrl: redis.url }).catch(async (err: unknown) => {
      await redis.close();
      throw err;
    });
    try {
      const s = new Shopper();
      expect((await s.add(shop.url, 'p01')).status).toBe(200);
      expect((await s.get(shop.url, '/healthz')).body).toMatchObject({ carts: 1, sessions: null, maxSessions: null });
    } finally {
      await shop.close();
      await redis.close();
    }
  });
});
