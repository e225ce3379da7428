// A store failure says what is known: 503 SHOP_ERR_STORE_UNAVAILABLE when the request certainly changed nothing
// (a read failed, or Redis was down so the write was never sent), SHOP_ERR_STORE_INDETERMINATE when a write was sent.
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '@stateshift/cluster';
import type { RedisConnection } from '../src/index.ts';
import { startTestShop, type TestShop } from './helpers/test-shop.ts';
import { Shopper } from './helpers/shopper.ts';

/** Resolves once node-redis noticed that its Redis is gone (so the next command is refused, not sent). */
async function offline(conn: RedisConnection | undefined): Promise<void> {
  if (conn?.client.isReady) await once(conn.client, 'error');
}

/** Runs `body` with redis-server stopped by SIGSTOP (it accepts bytes and never answers); SIGCONT always follows. */
async function frozen<T>(redis: RedisServer, body: () => Promise<T>): Promise<T> {
  const pid = redis.pid();
  if (pid === undefined) throw new Error('redis-server is not running');
  process.kill(pid, 'SIGSTOP');
  try {
    return await body();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

const code = (r: { body: { error?: { code?: string } } }) => r.body.error?.code;

describe('store failure [redis]', () => {
  let sessions: RedisServer | undefined;
  let carts: RedisServer | undefined;
  let shop: TestShop | undefined;
  beforeEach(async () => {
    sessions = await startRedisServer();
    carts = await startRedisServer();
    shop = await startTestShop({ kind: 'redis', redisUrl: sessions.url, cartsRedisUrl: carts.url });
  });
  afterEach(async () => {
    await shop?.close();
    await Promise.all([sessions?.close(), carts?.close()]);
  });

  it('store failure [redis] › carts Redis stopped: ' +
    'a cart write refused unsent is 503 SHOP_ERR_STORE_UNAVAILABLE, unless a session write came first', async () => {
    const s = new Shopper();
    expect((await s.add(shop!.url, 'p01', 1)).status).toBe(200);
    await carts!.stop();
    await offline(shop!.cartsRedis);

    const write = await s.add(shop!.url, 'p02', 1);
    expect([write.status, code(write)]).toEqual([503, 'SHOP_ERR_STORE_UNAVAILABLE']);
    const read = await s.get(shop!.url, '/api/cart');
    expect([read.status, code(read)]).toEqual([503, 'SHOP_ERR_STORE_UNAVAILABLE']);
    // A new shopper's add stores its session first (that write is acknowledged), so the request did change something.
    const fresh = await new Shopper().add(shop!.url, 'p03', 1);
    expect([fresh.status, code(fresh)]).toEqual([503, 'SHOP_ERR_STORE_INDETERMINATE']);
  });

  it('store failure [redis] › carts Redis frozen: ' +
    'a cart write sent and never answered is 503 SHOP_ERR_STORE_INDETERMINATE, a read SHOP_ERR_STORE_UNAVAILABLE; ' +
    'after the thaw the cart holds the write or not, nothing else', async () => {
    const s = new Shopper();
    expect((await s.add(shop!.url, 'p01', 1)).status).toBe(200);

    const [write, read] = await frozen(carts!, async () => [
      await s.add(shop!.url, 'p01', 2), await s.get(shop!.url, '/api/cart'),
    ]);
    expect([write!.status, code(write!)]).toEqual([503, 'SHOP_ERR_STORE_INDETERMINATE']);
    expect([read!.status, code(read!)]).toEqual([503, 'SHOP_ERR_STORE_UNAVAILABLE']);

    await shop!.cartsRedis!.whenReady();
    const after = await s.get(shop!.url, '/api/cart');
    expect(after.status).toBe(200);
    expect(after.body.items.map((i: { productId: string }) => i.productId)).toEqual(['p01']);
    expect([1, 3]).toContain(after.body.items[0].quantity);
  });
});

describe('store failure [session]', () => {
  let redis: RedisServer | undefined;
  let shop: TestShop | undefined;
  beforeEach(async () => {
    redis = await startRedisServer();
    shop = await startTestShop({ kind: 'session', redisUrl: redis.url });
  });
  afterEach(async () => {
    await shop?.close();
    await redis?.close();
  });

  it('store failure [session] › Redis stopped: ' +
    'a session load and a new session save refused unsent are 503 SHOP_ERR_STORE_UNAVAILABLE', async () => {
    const s = new Shopper();
    expect((await s.add(shop!.url, 'p01', 1)).status).toBe(200);
    await redis!.stop();
    await offline(shop!.redis);

    const known = await s.add(shop!.url, 'p02', 1);
    expect([known.status, code(known)]).toEqual([503, 'SHOP_ERR_STORE_UNAVAILABLE']);
    const fresh = await new Shopper().add(shop!.url, 'p03', 1);
    expect([fresh.status, code(fresh)]).toEqual([503, 'SHOP_ERR_STORE_UNAVAILABLE']);
    const checkout = await s.request(shop!.url, 'POST', '/api/checkout');
    expect([checkout.status, code(checkout)]).toEqual([503, 'SHOP_ERR_STORE_UNAVAILABLE']);
  });

  it('store failure [session] › Redis frozen: a new shopper\'s session save sent and never answered is 503 ' +
    'SHOP_ERR_STORE_INDETERMINATE; after the thaw the session exists or not, its cart empty', async () => {
    const s = new Shopper();
    const write = await frozen(redis!, () => s.add(shop!.url, 'p01', 1));
    expect([write.status, code(write)]).toEqual([503, 'SHOP_ERR_STORE_INDETERMINATE']);

    await shop!.redis!.whenReady();
    expect([0, 1]).toContain((await shop!.redis!.client.keys('sess:*')).length);
    const after = await s.get(shop!.url, '/api/cart');
    expect([after.status, after.body.items]).toEqual([200, []]);
  });
});
