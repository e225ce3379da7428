// The flood the table could not take: 300,000 cookie-less requests (one keep-alive loop, bounded in count and
// time) through a --affinity signed balancer process. Every shopper pinned before it stays where it was, and the
// balancer's resident memory does not grow with the flood (it keeps no pins to grow).
import autocannon from 'autocannon';
import { afterEach, describe, expect, it } from 'vitest';
import { call, cookieFrom } from './helpers/balancer.ts';
import { forkBalancer, forkMinimalNode, rssKib, stopChildren } from './helpers/balancer-child.ts';

afterEach(stopChildren);

const FLOOD = 300_000;
const WARM_UP = 30_000;
/** Far below what the table costs: the same flood with --affinity table grew the balancer's RSS by ~160 MiB
 *  (about 600 B a pin; measured once by hand, 122 → 286 MiB). Signed moves by a few MiB with GC timing, either way. */
const MAX_GROWTH_KIB = 16 * 1024;

async function flood(port: number, amount: number): Promise<number> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/`, connections: 16, pipelining: 1, amount, timeout: 10,
    // Bounded in time too: a stuck run ends here and fails the count below.
    duration: 240,
  });
  return result['2xx'];
}

describe('--affinity signed under a flood of new clients (real balancer process)', () => {
  it(`${FLOOD.toLocaleString('en')} cookie-less requests: earlier shoppers stay pinned; ` +
    `the balancer's RSS does not grow`, async () => {
    const nodes = await Promise.all([1, 2, 3].map((i) => forkMinimalNode(`shop-node-${i}`)));
    // raw: the fastest engine, so the bounded loop ends sooner; the affinity code is the same for every engine.
    const lb = await forkBalancer(['--port', '0', '--strategy', 'sticky', '--engine', 'raw', '--health-interval', '0',
      '--affinity-secret', 'flood-test-secret-0123456789', ...nodes.flatMap((n, i) => ['--upstream', `shop-node-${i + 1}=http://127.0.0.1:${n.port}`])]);
    const shoppers: { cookie: string; node: string }[] = [];
    for (let i = 0; i < 60; i++) {
      const r = await call(lb.port, { path: '/' });
      shoppers.push({ cookie: cookieFrom(r) as string, node: String(r.headers['x-served-by']) });
    }
    expect(await flood(lb.port, WARM_UP)).toBe(WARM_UP);
    const before = rssKib(lb.pid);
    expect(await flood(lb.port, FLOOD - WARM_UP)).toBe(FLOOD - WARM_UP);
    const after = rssKib(lb.pid);
    console.log(`balancer RSS after ${WARM_UP} requests: ${before} KiB; after ${FLOOD}: ${after} KiB ` +
      `(${after - before >= 0 ? '+' : ''}${after - before} KiB)`);
    expect(after - before).toBeLessThan(MAX_GROWTH_KIB);
    for (const s of shoppers) {
      const r = await call(lb.port, { path: '/', headers: { cookie: s.cookie } });
      expect([r.status, r.headers['x-served-by'], r.headers['set-cookie']]).toEqual([200, s.node, undefined]);
    }
    const metrics = (await call(lb.adminPort, { path: '/metrics' })).body;
    expect(metrics).toContain(`lb_affinity_issued_total{mode="signed"} ${60 + FLOOD}`);
  }, 600_000);
});
