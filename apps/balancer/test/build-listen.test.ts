// buildBalancer returns a balancer that holds no socket and has sent no health check; listen() starts it and
// resolves with the bound ports, once the first round of health checks has ended.
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { buildTestBalancer, call } from './helpers/balancer.ts';
import { startNode, type LocalNode } from './helpers/nodes.ts';

let lb: Balancer | undefined;
let nodes: LocalNode[] = [];

afterEach(async () => {
  await lb?.close();
  await Promise.all(nodes.map((n) => n.close()));
  lb = undefined;
  nodes = [];
});

describe('buildBalancer and listen()', () => {
  it('built › nothing listens and no node is checked; listen() › the node is up before the ports open', async () => {
    const node = await startNode('n1');
    nodes = [node];
    let connections = 0;
    node.server.on('connection', () => connections++);
    lb = buildTestBalancer(['--health-interval', '60000', '--upstream', `n1=${node.url}`]);
    expect(() => lb!.port).toThrow(/not listening yet/);
    expect(() => lb!.adminPort).toThrow(/not listening yet/);
    // A health check sent at build would have connected before this request of ours.
    await call(Number(new URL(node.url).port), { path: '/readyz' });
    expect(connections).toBe(1);
    expect(lb.pool.get('n1')).toMatchObject({ healthy: false, lastHealth: null });

    const listening = lb.listen();
    expect(lb.listen()).toBe(listening);
    const ports = await listening;
    expect(ports).toEqual({ port: lb.port, adminPort: lb.adminPort });
    expect(lb.pool.get('n1')).toMatchObject({ healthy: true, lastHealth: { ok: true } });
    expect((await call(lb.port, { path: '/x' })).headers['x-served-by']).toBe('n1');
    expect((await call(lb.adminPort, { path: '/nodes' })).status).toBe(200);
  });

  it('a balancer built and never started closes cleanly', async () => {
    lb = buildTestBalancer(['--health-interval', '1000', '--upstream', 'n1=http://127.0.0.1:9']);
    await lb.close();
    expect(lb.pool.get('n1')?.lastHealth).toBeNull();
  });
});
