// The stateless carts index (`shop:carts`, a sorted set scored by expiry) stays bounded by the live carts: expired
// members are trimmed by the same scripts that write, and /healthz's count() trims and counts only live ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '@stateshift/cluster';
import {
  connectRedis, createLogger, createRedisCartStore, DEFAULT_LIMITS, type RedisConnection,
} from '../src/index.ts';
import type { CartScope } from '../src/cart/cart-store.ts';
import { PRUNE_BATCH } from '../src/redis/scripts.ts';

let server: RedisServer;
let redis: RedisConnection;
beforeAll(async () => {
  server = await startRedisServer();
  redis = await connectRedis({ url: server.url, logger: createLogger({ level: 'silent', nodeId: 'index-test' }) });
});
afterAll(async () => {
  await redis?.close();
  await server?.close();
});

const scope = (shopper: string): CartScope => ({ shopper, session: {}, save: async () => undefined });

/** Resolves once Redis reported `keys` expired (keyspace notifications: an event, not a guess at timing). */
async function expiredEvents(keys: readonly string[]): Promise<{ all: Promise<void>; stop: () => Promise<void> }> {
  const sub = redis.client.duplicate();
  await sub.connect();
  await redis.client.configSet('notify-keyspace-events', 'Ex');
  const waiting = new Set(keys);
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => { done = resolve; });
  await sub.subscribe('__keyevent@0__:expired', (key) => {
    waiting.delete(key);
    if (waiting.size === 0) done();
  });
  return { all, stop: async () => { await sub.close(); } };
}

describe('carts index [redis]', () => {
  it('carts index [redis] › after the carts expire (idle 1 s), ' +
    'the next write trims the index and count() only counts live carts', async () => {
    const prefix = 'expire:';
    const carts = createRedisCartStore(redis, { idleSeconds: 1, limits: DEFAULT_LIMITS, prefix });
    const shoppers = Array.from({ length: PRUNE_BATCH + 50 }, (_, i) => `s${i}`);
    const events = await expiredEvents(shoppers.map((s) => `${prefix}cart:${s}`));
    try {
      for (const s of shoppers) await carts.add(scope(s), 'p01', 1);
      expect(await redis.client.zCard(`${prefix}carts`)).toBe(shoppers.length);
      await events.all;
      await carts.add(scope('late'), 'p02', 1);
      expect(await redis.client.zCard(`${prefix}carts`)).toBe(shoppers.length - PRUNE_BATCH + 1);
      expect(await carts.count()).toBe(1);
      expect(await redis.client.zRange(`${prefix}carts`, 0, -1)).toEqual(['late']);
    } finally {
      await events.stop();
    }
  });

  it('carts index [redis] › one new shopper per step for 400 steps: ' +
    'the index never holds more than the live carts', async () => {
    const prefix = 'churn:';
    let clock = 1_000_000;
    const idleSeconds = 60;
    const carts = createRedisCartStore(redis, { idleSeconds, limits: DEFAULT_LIMITS, prefix, now: () => clock });
    const addedAt: number[] = [];
    let largest = 0;
    for (let step = 0; step < 400; step++) {
      clock += idleSeconds * 100; // a tenth of the idle time: about ten carts are live at any step
      addedAt.push(clock);
      await carts.add(scope(`c${step}`), 'p03', 1);
      const live = addedAt.filter((t) => t + idleSeconds * 1000 > clock).length;
      const size = await redis.client.zCard(`${prefix}carts`);
      expect(size, `step ${step}`).toBe(live);
      largest = Math.max(largest, size);
    }
    expect(largest).toBeLessThan(addedAt.length / 10);
    expect(await carts.count()).toBe(await redis.client.zCard(`${prefix}carts`));
  });

  it('carts index [redis] › a read re-adds its own cart and trims the other expired members', async () => {
    const prefix = 'read:';
    let clock = 5_000_000;
    const carts = createRedisCartStore(redis, { idleSeconds: 60, limits: DEFAULT_LIMITS, prefix, now: () => clock });
    for (let i = 0; i < 5; i++) await carts.add(scope(`r${i}`), 'p04', 1);
    await carts.add(scope('keeper'), 'p04', 1);
    clock += 61_000;
    expect(await carts.read(scope('keeper'))).toEqual([{ productId: 'p04', quantity: 1 }]);
    expect(await redis.client.zRange(`${prefix}carts`, 0, -1)).toEqual(['keeper']);
  });
});
