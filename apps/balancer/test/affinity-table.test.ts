// --affinity table with real balancer processes: the pins live in the balancer, so a restart loses every one of
// them (the lesson, asserted), and past --affinity-capacity the least recently used pin goes first, counted.
import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { call, cookieFrom } from './helpers/balancer.ts';
import { forkBalancer, forkMinimalNode, stopChildren, type Child } from './helpers/balancer-child.ts';

afterEach(stopChildren);
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

async function setup(extra: string[] = [], port = 0, list?: Child[]) {
  const nodes = list ?? await Promise.all([forkMinimalNode('shop-node-1'), forkMinimalNode('shop-node-2')]);
  const lb = await forkBalancer([
    '--port', String(port), '--strategy', 'sticky', '--affinity', 'table', '--health-interval', '0', ...extra,
    ...nodes.flatMap((n, i) => ['--upstream', `shop-node-${i + 1}=http://127.0.0.1:${n.port}`]),
  ]);
  return { nodes, lb };
}

async function get(port: number, cookie?: string) {
  const r = await call(port, { path: '/', agent, ...(cookie ? { headers: { cookie } } : {}) });
  expect(r.status).toBe(200);
  return { node: String(r.headers['x-served-by']), setCookie: cookieFrom(r) };
}

async function view(adminPort: number) {
  return (await call(adminPort, { path: '/nodes' })).json<{
    affinity: {
      pins: number; capacity: number; evictions: number; issued: number; idleEnded: number;
      invalid: Record<string, number>;
    };
  }>().affinity;
}

describe('--affinity table (real balancer processes)', () => {
  it('a SIGKILL and restart loses every pin: 100 of 100 shoppers come back unknown and get a new cookie', async () => {
    const { nodes, lb } = await setup();
    const shoppers: { cookie: string }[] = [];
    for (let i = 0; i < 100; i++) shoppers.push({ cookie: (await get(lb.port)).setCookie as string });
    expect((await view(lb.adminPort)).pins).toBe(100);
    await lb.kill();
    const again = (await setup([], lb.port, nodes)).lb;
    for (const s of shoppers) {
      const r = await get(again.port, s.cookie);
      expect(r.setCookie).toMatch(/^ss_lb=[0-9a-f-]{36}$/);
      expect(r.setCookie).not.toBe(s.cookie);
    }
    const after = await view(again.adminPort);
    expect(after.invalid.unknown).toBe(100);
    expect(after.pins).toBe(100);
  });

  it('eviction is least recently used: a pin looked up during a flood outlives older pins that were not; ' +
    'every eviction counted', async () => {
    const { lb } = await setup(['--affinity-capacity', '50']);
    const kept = await get(lb.port);
    const dropped = await get(lb.port);
    for (let i = 0; i < 500; i++) {
      await get(lb.port);
      if (i % 20 === 0) expect((await get(lb.port, kept.setCookie)).setCookie).toBeUndefined();
    }
    expect(await get(lb.port, kept.setCookie)).toEqual({ node: kept.node, setCookie: undefined });
    const before = await view(lb.adminPort);
    expect(before.pins).toBe(50);
    expect(before.evictions).toBe(before.issued - 50);
    expect(before.evictions).toBeGreaterThanOrEqual(452);
    const lost = await get(lb.port, dropped.setCookie);
    expect(lost.setCookie).toMatch(/^ss_lb=/);
    expect((await view(lb.adminPort)).invalid.unknown).toBe(1);
    const metrics = (await call(lb.adminPort, { path: '/metrics' })).body;
    expect(metrics).toContain(`lb_affinity_evictions_total{mode="table"} ${before.evictions + 1}`);
    expect(metrics).toContain('lb_affinity_pins{mode="table"} 50');
  });
});
