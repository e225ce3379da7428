// Distribution under each strategy, stickiness across 100 requests, least-connections avoiding a busy node.
import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { call, cookieFrom, ENGINES, startTestBalancer, type Engine } from './helpers/balancer.ts';
import { startNode, type LocalNode } from './helpers/nodes.ts';

let lb: Balancer | undefined;
let nodes: LocalNode[] = [];
const agent = new Agent({ keepAlive: true });

afterEach(async () => {
  await lb?.close();
  await Promise.all(nodes.map((n) => n.close()));
  lb = undefined;
  nodes = [];
});

async function setup(engine: Engine, strategy: string, count = 3, extra: string[] = []): Promise<Balancer> {
  nodes = await Promise.all(Array.from({ length: count }, (_, i) => startNode(`n${i + 1}`)));
  lb = await startTestBalancer([
    '--engine', engine, '--strategy', strategy, '--health-interval', '0', ...extra,
    ...nodes.flatMap((n) => ['--upstream', `${n.id}=${n.url}`]),
  ]);
  return lb;
}

async function servedBy(
  port: number, n: number, headers: Record<string, string> = {},
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const r = await call(port, { path: '/x', headers, agent });
    expect(r.status).toBe(200);
    const id = String(r.headers['x-served-by']);
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

describe.each(ENGINES)('strategies [%s]', (engine) => {
  it('round-robin › spreads 30 requests evenly over 3 nodes', async () => {
    const { port } = await setup(engine, 'round-robin');
    expect(await servedBy(port, 30)).toEqual({ n1: 10, n2: 10, n3: 10 });
  });

  it('least-connections › spreads evenly when idle and avoids the node with a request in flight', async () => {
    const { port } = await setup(engine, 'least-connections');
    expect(await servedBy(port, 30)).toEqual({ n1: 10, n2: 10, n3: 10 });
    const busy = nodes[0] as LocalNode;
    const held = new Promise((r) => busy.server.once('held', r));
    const pending = call(port, { path: '/hold', headers: { 'x-pin': '1' } });
    await held;
    const counts = await servedBy(port, 20);
    expect(counts[busy.id]).toBeUndefined();
    busy.held.forEach((res) => res.end('done'));
    expect((await pending).status).toBe(200);
  });

  it('sticky › a client holding the cookie stays on its node for 100 requests', async () => {
    const { port } = await setup(engine, 'sticky', 2);
    const first = await call(port, { path: '/x', agent });
    const cookie = cookieFrom(first) as string;
    expect(cookie).toMatch(/^ss_lb=/);
    const counts = await servedBy(port, 100, { cookie });
    expect(counts).toEqual({ [String(first.headers['x-served-by'])]: 100 });
  });

  // The per-node pin count exists only where the balancer holds the pins (--affinity table; signed reports null).
  it('sticky › new clients are spread over the nodes and get a cookie each (table: 10 pins per node)', async () => {
    const { port } = await setup(engine, 'sticky', 2, ['--affinity', 'table']);
    const counts: Record<string, number> = {};
    const cookies = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const r = await call(port, { path: '/x', agent });
      cookies.add(cookieFrom(r) as string);
      const id = String(r.headers['x-served-by']);
      counts[id] = (counts[id] ?? 0) + 1;
    }
    expect(counts).toEqual({ n1: 10, n2: 10 });
    expect(cookies.size).toBe(20);
    const view = (await call(lb!.adminPort, { path: '/nodes' })).json<{ nodes: { stickySessions: number }[] }>();
    expect(view.nodes.map((n) => n.stickySessions)).toEqual([10, 10]);
  });
});
