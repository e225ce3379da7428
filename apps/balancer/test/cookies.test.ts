// The affinity cookie: opaque, HttpOnly, SameSite=Lax, Path=/; garbage, forged and stale values are ignored
// and replaced, never trusted.
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { call, cookieFrom, ENGINES, startTestBalancer, type Engine } from './helpers/balancer.ts';
import { startNode, type LocalNode } from './helpers/nodes.ts';

let balancers: Balancer[] = [];
let nodes: LocalNode[] = [];

afterEach(async () => {
  await Promise.all(balancers.map((b) => b.close()));
  await Promise.all(nodes.map((n) => n.close()));
  balancers = [];
  nodes = [];
});

async function setup(engine: Engine): Promise<Balancer> {
  if (nodes.length === 0) nodes = await Promise.all([startNode('a'), startNode('b')]);
  const lb = await startTestBalancer(['--engine', engine, '--strategy', 'sticky', '--health-interval', '0', ...nodes.flatMap((n) => ['--upstream', `${n.id}=${n.url}`])]);
  balancers.push(lb);
  return lb;
}

describe.each(ENGINES)('affinity cookie [%s]', (engine) => {
  it('is opaque and carries HttpOnly, SameSite=Lax, Path=/', async () => {
    const lb = await setup(engine);
    const r = await call(lb.port, { path: '/x' });
    const set = r.headers['set-cookie']?.[0] ?? '';
    expect(set).toMatch(/^ss_lb=[0-9a-f-]{36}; Path=\/; HttpOnly; SameSite=Lax$/);
    for (const n of nodes) {
      expect(set).not.toContain(new URL(n.url).port);
      expect(set).not.toMatch(new RegExp(`=${n.id}(;|$)`)); // the whole value, not a UUID that happens to start with a node id
    }
    expect(r.headers['cache-control']).toBe('private');
  });

  it('garbage and forged values are ignored and replaced with a fresh cookie', async () => {
    const lb = await setup(engine);
    const real = cookieFrom(await call(lb.port, { path: '/x' })) as string;
    const tampered = real.slice(0, -1) + (real.endsWith('0') ? '1' : '0');
    const forged = ['ss_lb=garbage', 'ss_lb=a', 'ss_lb=00000000-0000-4000-8000-000000000000', tampered, 'ss_lb=' + 'x'.repeat(4000)];
    for (const cookie of forged) {
      const r = await call(lb.port, { path: '/x', headers: { cookie } });
      expect(r.status).toBe(200);
      const fresh = cookieFrom(r);
      expect(fresh).toMatch(/^ss_lb=[0-9a-f-]{36}$/);
      expect(fresh).not.toBe(cookie);
    }
  });

  it('a stale value (from an earlier balancer) is replaced', async () => {
    const old = await setup(engine);
    const stale = cookieFrom(await call(old.port, { path: '/x' })) as string;
    const lb = await setup(engine);
    const r = await call(lb.port, { path: '/x', headers: { cookie: stale } });
    expect(r.status).toBe(200);
    expect(cookieFrom(r)).not.toBe(stale);
  });

  it('a valid value is not re-sent', async () => {
    const lb = await setup(engine);
    const cookie = cookieFrom(await call(lb.port, { path: '/x' })) as string;
    expect((await call(lb.port, { path: '/x', headers: { cookie } })).headers['set-cookie']).toBeUndefined();
  });
});
