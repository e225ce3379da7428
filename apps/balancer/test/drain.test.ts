// Drain semantics: round-robin sends a draining node nothing new; sticky keeps its existing sessions there and
// pins new ones elsewhere; in-flight requests finish; undrain returns the node to service.
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { adminCall, call, cookieFrom, ENGINES, startTestBalancer, type Engine } from './helpers/balancer.ts';
import { startNode, type LocalNode } from './helpers/nodes.ts';

let lb: Balancer | undefined;
let nodes: LocalNode[] = [];

afterEach(async () => {
  await lb?.close();
  await Promise.all(nodes.map((n) => n.close()));
  lb = undefined;
  nodes = [];
});

async function setup(engine: Engine, strategy: string): Promise<{ lb: Balancer; a: LocalNode; b: LocalNode }> {
  nodes = await Promise.all([startNode('a'), startNode('b')]);
  const [a, b] = nodes as [LocalNode, LocalNode];
  lb = await startTestBalancer([
    '--engine', engine, '--strategy', strategy, '--health-interval', '0', '--upstream', `a=${a.url}`,
    '--upstream', `b=${b.url}`,
  ]);
  return { lb, a, b };
}

const admin = (lb: Balancer, path: string) => adminCall(lb.adminPort, { method: 'POST', path });

describe.each(ENGINES)('drain [%s]', (engine) => {
  it('round-robin › a draining node gets nothing new, ' +
    'its in-flight request finishes, undrain restores it', async () => {
    const { lb, a } = await setup(engine, 'round-robin');
    const held = new Promise((r) => a.server.once('held', r));
    const inFlight = call(lb.port, { path: '/hold' });
    await held;
    expect((await admin(lb, '/nodes/a/drain')).json()).toMatchObject({ state: 'draining', inFlight: 1 });
    for (let i = 0; i < 6; i++) expect((await call(lb.port, { path: '/x' })).headers['x-served-by']).toBe('b');
    a.held.forEach((res) => res.end('finished'));
    const done = await inFlight;
    expect([done.status, done.body]).toEqual([200, 'finished']);
    await admin(lb, '/nodes/a/undrain');
    const served = new Set<string>();
    for (let i = 0; i < 4; i++) served.add(String((await call(lb.port, { path: '/x' })).headers['x-served-by']));
    expect(served).toEqual(new Set(['a', 'b']));
  });

  it('sticky › existing sessions keep reaching a draining node, new sessions go elsewhere', async () => {
    const { lb } = await setup(engine, 'sticky');
    let first = await call(lb.port, { path: '/x' });
    if (first.headers['x-served-by'] !== 'a') first = await call(lb.port, { path: '/x' });
    const pinned = cookieFrom(first) as string;
    await admin(lb, '/nodes/a/drain');
    for (let i = 0; i < 5; i++) {
      expect((await call(lb.port, { path: '/x', headers: { cookie: pinned } })).headers['x-served-by']).toBe('a');
    }
    for (let i = 0; i < 5; i++) expect((await call(lb.port, { path: '/x' })).headers['x-served-by']).toBe('b');
    await admin(lb, '/nodes/a/undrain');
    const fresh = new Set<string>();
    for (let i = 0; i < 4; i++) fresh.add(String((await call(lb.port, { path: '/x' })).headers['x-served-by']));
    expect(fresh).toEqual(new Set(['a', 'b']));
  });
});
