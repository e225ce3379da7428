// The affinity cookie in both modes: HttpOnly, SameSite=Lax, Path=/; garbage, forged and stale values are
// ignored and replaced, never trusted. (The sealed route's own properties: affinity-signed.test.ts.)
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

const MODES = ['table', 'signed'] as const;
const SHAPE = { table: /^ss_lb=[0-9a-f-]{36}$/, signed: /^ss_lb=[A-Za-z0-9_-]{54}$/ } as const;

async function setup(engine: Engine, mode: (typeof MODES)[number]): Promise<Balancer> {
  if (nodes.length === 0) nodes = await Promise.all([startNode('a'), startNode('b')]);
  const lb = await startTestBalancer([
    '--engine', engine, '--strategy', 'sticky', '--affinity', mode, '--health-interval', '0',
    ...nodes.flatMap((n) => ['--upstream', `${n.id}=${n.url}`]),
  ]);
  balancers.push(lb);
  return lb;
}

describe.each(ENGINES)('affinity cookie [%s]', (engine) => {
  describe.each(MODES)('--affinity %s', (mode) => {
    it('is opaque and carries HttpOnly, SameSite=Lax, Path=/', async () => {
      const lb = await setup(engine, mode);
      const r = await call(lb.port, { path: '/x' });
      const set = r.headers['set-cookie']?.[0] ?? '';
      expect(set).toMatch(/^ss_lb=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
      expect(set.split(';')[0]).toMatch(SHAPE[mode]);
      for (const n of nodes) {
        expect(set).not.toContain(new URL(n.url).port);
        // the whole value, not one that happens to start with a node id
        expect(set).not.toMatch(new RegExp(`=${n.id}(;|$)`));
      }
      expect(r.headers['cache-control']).toBe('private');
    });

    it('garbage and forged values are ignored and replaced with a fresh cookie', async () => {
      const lb = await setup(engine, mode);
      const real = cookieFrom(await call(lb.port, { path: '/x' })) as string;
      // One character in the middle: the last base64url character also carries padding bits, so changing it may
      // decode to the very same bytes (not a forgery; a flaky test).
      const at = Math.floor(real.length / 2);
      const tampered = real.slice(0, at) + (real[at] === 'A' ? 'B' : 'A') + real.slice(at + 1);
      const forged = [
        'ss_lb=garbage', 'ss_lb=a', 'ss_lb=00000000-0000-4000-8000-000000000000', tampered, 'ss_lb=' + 'x'.repeat(4000),
      ];
      for (const cookie of forged) {
        const r = await call(lb.port, { path: '/x', headers: { cookie } });
        expect(r.status).toBe(200);
        const fresh = cookieFrom(r);
        expect(fresh).toMatch(SHAPE[mode]);
        expect(fresh).not.toBe(cookie);
      }
    });

    it('a valid value is not re-sent', async () => {
      const lb = await setup(engine, mode);
      const cookie = cookieFrom(await call(lb.port, { path: '/x' })) as string;
      const r = await call(lb.port, { path: '/x', headers: { cookie } });
      expect(r.status).toBe(200);
      expect(r.headers['set-cookie']).toBeUndefined();
    });
  });

  it('--affinity table › a value from an earlier balancer is unknown: replaced', async () => {
    const old = await setup(engine, 'table');
    const stale = cookieFrom(await call(old.port, { path: '/x' })) as string;
    const lb = await setup(engine, 'table');
    const r = await call(lb.port, { path: '/x', headers: { cookie: stale } });
    expect(r.status).toBe(200);
    expect(cookieFrom(r)).toMatch(SHAPE.table);
    expect(cookieFrom(r)).not.toBe(stale);
  });
});
