// Two stateless nodes sharing one Redis: any node serves any shopper, and the race between them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '@stateshift/cluster';
import { PRODUCT_IDS, type CartStoreKind } from '../src/index.ts';
import { startTestShop, type TestShop } from './helpers/test-shop.ts';
import { Shopper, type Reply } from './helpers/shopper.ts';

let redis: RedisServer;
beforeAll(async () => { redis = await startRedisServer(); });
afterAll(async () => { await redis?.close(); });

function twoNodes(kind: CartStoreKind): { nodes: () => [TestShop, TestShop] } {
  const nodes: TestShop[] = [];
  beforeAll(async () => {
    nodes.push(await startTestShop({ kind, redisUrl: redis.url, nodeId: `${kind}-a` }));
    nodes.push(await startTestShop({ kind, redisUrl: redis.url, nodeId: `${kind}-b` }));
  });
  afterAll(async () => { await Promise.all(nodes.map((n) => n.close())); });
  return { nodes: () => [nodes[0]!, nodes[1]!] };
}

const quantityOf = (r: Reply): number => r.body.items.reduce((n: number, i: { quantity: number }) => n + i.quantity, 0);

async function race(a: TestShop, b: TestShop, requests: number): Promise<{ acked: number; final: number }> {
  const s = new Shopper();
  await s.add(a.url, 'p01', 1);
  const replies = await Promise.all(Array.from({ length: requests }, (_, i) =>
    s.add(i % 2 === 0 ? a.url : b.url, PRODUCT_IDS[i % PRODUCT_IDS.length]!, 1)));
  const acked = 1 + replies.filter((r) => r.status === 200).length;
  return { acked, final: quantityOf(await s.get(b.url, '/api/cart')) };
}

describe('two nodes [redis]', () => {
  const { nodes } = twoNodes('redis');
  it('two nodes [redis] › a cart written through one node is read through the other', async () => {
    const [a, b] = nodes();
    const s = new Shopper();
    await s.add(a.url, 'p07', 3);
    const r = await s.get(b.url, '/api/cart');
    expect(r.headers.get('x-served-by')).toBe('redis-b');
    expect(r.body.items).toEqual([{ productId: 'p07', name: 'Avocado', quantity: 3, priceCents: 179 }]);
    const order = await s.request(b.url, 'POST', '/api/checkout', undefined, { 'idempotency-key': 'x' });
    const retry = await s.request(a.url, 'POST', '/api/checkout', undefined, { 'idempotency-key': 'x' });
    expect(retry.body).toEqual(order.body);
    expect((await s.get(a.url, `/api/orders/${order.body.orderId}`)).status).toBe(200);
  });

  it('two nodes [redis] › ' +
    'the session and the cart expire together after the idle timeout (TTL set on write)', async () => {
    const [a] = nodes();
    const s = new Shopper();
    await s.add(a.url, 'p05', 1);
    const client = a.redis!.client;
    const sid = decodeURIComponent(s.cookie!.slice('shop.sid='.length)).slice(2).split('.')[0];
    const [cartKey] = await client.keys('shop:cart:*');
    const ttls = [await client.ttl(`sess:${sid}`), await client.ttl(cartKey!)];
    for (const ttl of ttls) expect(ttl).toBeGreaterThan(1700);
    for (const ttl of ttls) expect(ttl).toBeLessThanOrEqual(1800);
  });

  it('the race [redis] › 200 concurrent adds alternating between nodes lose nothing', async () => {
    const [a, b] = nodes();
    const { acked, final } = await race(a, b, 200);
    expect(acked).toBe(201);
    expect(final).toBe(acked);
  });

  it('the race [redis] › concurrent adds of one product never pass 99', async () => {
    const [a, b] = nodes();
    const s = new Shopper();
    await s.add(a.url, 'p02', 1);
    const replies = await Promise.all(Array.from({ length: 60 }, (_, i) => s.add(i % 2 ? a.url : b.url, 'p02', 2)));
    const ok = replies.filter((r) => r.status === 200).length;
    expect(replies.every((r) => r.status === 200 || r.body.error?.code === 'SHOP_ERR_QUANTITY_LIMIT')).toBe(true);
    expect(ok).toBe(49);
    expect(quantityOf(await s.get(b.url, '/api/cart'))).toBe(99);
  });
});

describe('two nodes [session]', () => {
  const { nodes } = twoNodes('session');
  it('two nodes [session] › a cart written through one node is read through the other', async () => {
    const [a, b] = nodes();
    const s = new Shopper();
    await s.add(a.url, 'p08', 2);
    expect((await s.get(b.url, '/api/cart')).body.items)
      .toEqual([{ productId: 'p08', name: 'Cheddar, 200 g', quantity: 2, priceCents: 520 }]);
  });

  it('the race [session] › ' +
    '200 concurrent adds alternating between nodes: last write wins (lost updates printed)', async () => {
    const [a, b] = nodes();
    const { acked, final } = await race(a, b, 200);
    console.log(`the race [session]: ${acked} adds acknowledged, ${final} in the cart, ${acked - final} lost updates`);
    expect(final).toBeLessThanOrEqual(acked);
    expect(final).toBeGreaterThan(0);
  });
});
