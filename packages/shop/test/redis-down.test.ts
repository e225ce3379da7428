// Redis stopped under a running node: fail fast with 503, /readyz 503, no crash, and recovery without a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '@stateshift/cluster';
import { startTestShop, type TestShop } from './helpers/test-shop.ts';
import { Shopper } from './helpers/shopper.ts';

/** The bound: a cart request answers within 1.5 s while Redis is down. */
const FAIL_FAST_MS = 1500;

for (const kind of ['redis', 'session'] as const) {
  describe(`redis down [${kind}]`, () => {
    let redis: RedisServer;
    let shop: TestShop;
    beforeAll(async () => {
      redis = await startRedisServer();
      shop = await startTestShop({ kind, redisUrl: redis.url });
    });
    afterAll(async () => {
      await shop?.close();
      await redis?.close();
    });

    const bounded = (s: Shopper, method: string, path: string, body?: unknown) => {
      const started = performance.now();
      return s.request(shop.url, method, path, body, {}).then((r) => ({ ...r, ms: performance.now() - started }));
    };

    it(`redis down [${kind}] › cart requests answer 503 fast, ` +
      'readyz 503, healthz 200; recovery without restart', async () => {
      const s = new Shopper();
      expect((await s.add(shop.url, 'p01', 1)).status).toBe(200);
      await redis.stop();

      for (const [method, path, body] of [['GET', '/api/cart'], ['POST', '/api/cart/items', { productId: 'p02' }],
        ['POST', '/api/checkout'], ['GET', '/cart']] as const) {
        const r = await bounded(s, method, path, body);
        expect(r.status, `${method} ${path}`).toBe(503);
        expect(r.ms, `${method} ${path} answered after ${Math.round(r.ms)} ms`).toBeLessThan(FAIL_FAST_MS);
        if (path.startsWith('/api')) expect(r.body.error.code).toBe('SHOP_ERR_STORE_UNAVAILABLE');
        expect(r.headers.get('x-served-by')).toBe(shop.nodeId);
      }
      const fresh = await bounded(new Shopper(), 'POST', '/api/cart/items', { productId: 'p03' });
      expect(fresh.status).toBe(503);
      const ready = await s.get(shop.url, '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.error.code).toBe('SHOP_ERR_STORE_UNAVAILABLE');
      expect((await s.get(shop.url, '/healthz')).status).toBe(200);

      await redis.start();
      await shop.redis!.whenReady();
      expect((await s.get(shop.url, '/readyz')).status).toBe(200);
      const after = new Shopper();
      expect((await after.add(shop.url, 'p04', 2)).status).toBe(200);
      expect((await after.get(shop.url, '/api/cart')).body.items[0].quantity).toBe(2);
    });
  });
}
