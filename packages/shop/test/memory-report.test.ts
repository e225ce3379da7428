// The memory request over IPC on a real stateful node (a child of @stateshift/cluster's startShopNode): the parent
// asks, the node runs a full GC and answers with its live heap, which grows by about the sessions' size when
// sessions are added. Nothing reachable over HTTP asks for it: plausible paths answer 404 and run no GC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopNode, type ShopNode } from '@stateshift/cluster';
import { isMemoryRequest } from '../src/memory-report.ts';

let node: ShopNode;
beforeAll(async () => {
  node = await startShopNode({ variant: 'stateful', id: 'memory-1', env: { LOG_LEVEL: 'warn' } });
});
afterAll(async () => { await node?.stop(3_000); });

/** `count` new sessions with one cart line each, 8 at a time (cookie-less POST /api/cart/items). */
async function addSessions(count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next++ < count) {
      const res = await fetch(`${node.url}/api/cart/items`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ productId: 'p01', quantity: 1 }),
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

const sessions = async () => ((await (await fetch(`${node.url}/healthz`)).json()) as { sessions: number }).sessions;
const heap = async () => {
  const m = await node.memory();
  expect(m).not.toBeNull();
  return m!.heapUsedAfterGc - m!.codeAfterGc;
};

describe('memory report over IPC [stateful node]', () => {
  it('answers with the heap after a full GC, RSS and external; repeated asks agree within 100 KB', async () => {
    const m = await node.memory();
    expect(m).toEqual({ heapUsedAfterGc: expect.any(Number), codeAfterGc: expect.any(Number),
      rss: expect.any(Number), external: expect.any(Number) });
    expect(m!.heapUsedAfterGc).toBeGreaterThan(m!.codeAfterGc);
    expect(m!.rss).toBeGreaterThan(m!.heapUsedAfterGc);
    const [a, b] = [await heap(), await heap()];
    expect(Math.abs(b - a)).toBeLessThan(100 * 1024);
  });

  it('the heap grows by about sessions × their size (0.5–4 KB each for one cart line)', async () => {
    await addSessions(300); // warm-up: JIT and the stores' first table sizes
    const [countBefore, heapBefore] = [await sessions(), await heap()];
    await addSessions(1_500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [countAfter, heapAfter] = [await sessions(), await heap()];
    expect(countAfter - countBefore).toBe(1_500);
    const perSession = (heapAfter - heapBefore) / 1_500;
    expect(perSession).toBeGreaterThan(500);
    expect(perSession).toBeLessThan(4_096);
  }, 60_000);

  it('nothing over HTTP triggers it: plausible paths answer 404 (POST / 405), never a memory figure', async () => {
    for (const [method, path] of [['GET', '/memory'], ['POST', '/memory'], ['GET', '/api/memory'],
      ['POST', '/api/memory'], ['GET', '/gc'], ['POST', '/gc'], ['POST', '/admin/gc'], ['GET', '/debug/memory'],
      ['GET', '/healthz/memory'], ['POST', '/']] as const) {
      const res = await fetch(`${node.url}${path}`, {
        method, headers: { 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ type: 'memory', id: 1 }) } : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(path === '/' ? 405 : 404);
      expect(await res.text()).not.toMatch(/heapUsed|rss/i);
    }
    // The request is recognised only in its exact IPC shape.
    expect(isMemoryRequest({ type: 'memory', id: 1 })).toBe(true);
    expect([{ type: 'memory' }, { type: 'memory', id: '1' }, null, 'memory'].some(isMemoryRequest)).toBe(false);
  });

  it('a node that is gone answers null, after no wait', async () => {
    const other = await startShopNode({ variant: 'stateful', id: 'memory-2', env: { LOG_LEVEL: 'warn' } });
    await other.stop(3_000);
    const started = Date.now();
    expect(await other.memory()).toBeNull();
    expect(Date.now() - started).toBeLessThan(1_000);
  }, 30_000);

  it('a frozen node (SIGSTOP) answers null after the timeout', async () => {
    const frozen = await startShopNode({ variant: 'stateful', id: 'memory-3', env: { LOG_LEVEL: 'warn' } });
    try {
      frozen.freeze();
      expect(await frozen.memory(300)).toBeNull();
      frozen.thaw();
      // The late answer to the timed-out request is ignored; a new request gets its own.
      expect(await frozen.memory()).not.toBeNull();
    } finally {
      await frozen.stop(3_000);
    }
  }, 30_000);
});
