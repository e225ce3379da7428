// The stateless shop over Sentinel, with real processes: a primary, a replica and three sentinels (startRedisHa),
// and the real stateless entry as one child process that is never restarted. SIGKILL of the primary: the node
// follows the promotion; REDIS_WAIT keeps acknowledged writes; a frozen replica makes WAIT answer INDETERMINATE.
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { startRedisHa, startShopNode, type RedisHa, type ShopNode } from '@stateshift/cluster';
import { Shopper, type Reply } from './helpers/shopper.ts';

const BOUND = 90_000;
let ha: RedisHa | undefined;
let node: ShopNode | undefined;
afterEach(async () => {
  await node?.stop(2000);
  node = undefined;
  await ha?.close();
  ha = undefined;
});

async function startNode(env: Record<string, string>): Promise<ShopNode> {
  const base = { ...process.env } as Record<string, string>;
  delete base.REDIS_URL;
  return startShopNode({ variant: 'stateless', id: 'stateless-ha', baseEnv: base,
    env: { LOG_LEVEL: 'silent', REDIS_SENTINELS: ha!.sentinelList, ...env } });
}

/** Reads a data node directly (not through Sentinel): every cart hash it holds, product → quantity. */
async function cartsOn(port: number): Promise<Map<string, Record<string, string>>> {
  const c = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false } });
  await c.connect();
  try {
    const carts = new Map<string, Record<string, string>>();
    for (const key of await c.keys('shop:cart:*')) carts.set(key, await c.hGetAll(key));
    return carts;
  } finally {
    c.destroy();
  }
}

async function timed(f: () => Promise<Reply>): Promise<Reply & { ms: number }> {
  const t = performance.now();
  const r = await f();
  return { ...r, ms: performance.now() - t };
}

function promotion(h: RedisHa): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    void h.watch((e) => { if (e.type === '+switch-master') resolve(); }).catch(reject);
  });
}

describe('stateless shop over Sentinel', () => {
  it('SIGKILL of the primary: within 10 s the same node answers writes with 2xx, ' +
    'no request hangs > 1.5 s, reads match the new primary', async () => {
    ha = await startRedisHa();
    node = await startNode({});
    const shopper = new Shopper();
    expect((await shopper.add(node.url, 'p01')).status).toBe(200);
    expect((await shopper.get(node.url, '/healthz')).body.primary).toBe(`127.0.0.1:${ha.ports['redis-1']}`);
    const pid = node.pid;
    const killedAt = Date.now();
    ha.kill('redis-1');
    const answers: Array<{ status: number; ms: number; code?: string }> = [];
    let back = false;
    while (!back && Date.now() - killedAt < 15_000) {
      const r = await timed(() => shopper.add(node!.url, 'p02'));
      answers.push({ status: r.status, ms: r.ms, code: r.body?.error?.code });
      back = r.status === 200;
    }
    expect(back, JSON.stringify(answers.slice(-5))).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(node.pid).toBe(pid);
    expect(node.alive()).toBe(true);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1500);
    for (const a of answers.filter((x) => x.status !== 200)) {
      expect(a.status).toBe(503);
      expect(['SHOP_ERR_STORE_UNAVAILABLE', 'SHOP_ERR_STORE_INDETERMINATE']).toContain(a.code);
    }
    expect((await shopper.get(node.url, '/healthz')).body.primary).toBe(`127.0.0.1:${ha.ports['redis-2']}`);
    const cart = await shopper.get(node.url, '/api/cart');
    expect(cart.status).toBe(200);
    const [held] = [...(await cartsOn(ha.ports['redis-2'])).values()];
    const shown = Object.fromEntries((cart.body.items as Array<{ productId: string; quantity: number }>)
      .map((i) => [i.productId, String(i.quantity)]));
    expect(shown).toEqual(held);
    expect(shown['p02']).toBeDefined();
  }, BOUND);

  it('REDIS_WAIT=1:100: 200 acknowledged adds, ' +
    'SIGKILL of the primary right after the last: all 200 are on the promoted replica', async () => {
    ha = await startRedisHa();
    node = await startNode({ REDIS_WAIT: '1:100' });
    const shoppers = Array.from({ length: 20 }, () => new Shopper());
    // 200 acknowledged adds. Under a loaded machine the replica may miss WAIT's 100 ms now and then: that add is 503
    // SHOP_ERR_STORE_INDETERMINATE (on the primary, not known to be replicated), counted apart, never as acknowledged.
    let acked = 0;
    let indeterminate = 0;
    for (let round = 0; acked < 200 && round < 30; round++) {
      const replies = await Promise.all(shoppers.map((s) => s.add(node!.url, `p0${1 + (round % 5)}`)));
      for (const r of replies) {
        if (r.status === 200) acked++;
        else expect([r.status, r.body.error?.code]).toEqual([503, 'SHOP_ERR_STORE_INDETERMINATE']);
        if (r.status !== 200) indeterminate++;
      }
    }
    expect(acked).toBeGreaterThanOrEqual(200);
    expect(indeterminate).toBeLessThan(acked / 4);
    const promoted = promotion(ha);
    ha.kill('redis-1');
    await promoted;
    const carts = [...(await cartsOn(ha.ports['redis-2'])).values()];
    const units = carts.flatMap((c) => Object.values(c)).reduce((sum, q) => sum + Number(q), 0);
    expect(carts.length).toBe(20);
    // Every acknowledged unit is on the promoted replica; the indeterminate ones may or may not be.
    expect(units).toBeGreaterThanOrEqual(acked);
    expect(units).toBeLessThanOrEqual(acked + indeterminate);
  }, BOUND);

  it('REDIS_WAIT=1:100 with the replica frozen: ' +
    'a write answers 503 SHOP_ERR_STORE_INDETERMINATE within 100 ms + 1 s', async () => {
    ha = await startRedisHa();
    node = await startNode({ REDIS_WAIT: '1:100' });
    const shopper = new Shopper();
    // A replica fresh from its first sync may miss WAIT's 100 ms on a busy machine: wait (bounded) for one write
    // it acknowledges in time, so the frozen replica below is the only reason for the 503.
    let first = await shopper.add(node.url, 'p01');
    for (const t0 = Date.now(); first.status !== 200 && Date.now() - t0 < 10_000;) {
      first = await shopper.add(node.url, 'p01');
    }
    expect(first.status).toBe(200);
    ha.freeze('redis-2');
    try {
      const r = await timed(() => shopper.add(node!.url, 'p01'));
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('SHOP_ERR_STORE_INDETERMINATE');
      expect(r.ms).toBeLessThan(1100);
    } finally {
      ha.thaw('redis-2');
    }
  }, BOUND);

  it('/readyz is 503 while the sentinels know no primary, 200 once they do', async () => {
    ha = await startRedisHa();
    node = await startNode({});
    const shopper = new Shopper();
    expect((await shopper.get(node.url, '/readyz')).status).toBe(200);
    ha.kill('redis-1');
    let unready: Reply | undefined;
    const killed = Date.now();
    while (!unready && Date.now() - killed < 5000) {
      const r = await shopper.get(node.url, '/readyz');
      if (r.status === 503) unready = r;
    }
    if (!unready) throw new Error('/readyz never answered 503 after the primary died');
    expect(unready.body.error.code).toBe('SHOP_ERR_STORE_UNAVAILABLE');
    const t = Date.now();
    while ((await shopper.get(node.url, '/readyz')).status !== 200) expect(Date.now() - t).toBeLessThan(10_000);
  }, BOUND);
});
