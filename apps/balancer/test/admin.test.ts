// The admin plane: GET never mutates, the token guards everything, coded errors, the traffic port never reaches
// it, scale-out through POST /nodes, drain/undrain, SSE events and Prometheus metrics.
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { adminCall, call, ENGINES, startTestBalancer } from './helpers/balancer.ts';
import { startNode, type LocalNode } from './helpers/nodes.ts';
import { openEvents, waitForState } from './helpers/wait.ts';

let lb: Balancer | undefined;
let nodes: LocalNode[] = [];
let closers: (() => void)[] = [];

afterEach(async () => {
  closers.forEach((c) => c());
  await lb?.close();
  await Promise.all(nodes.map((n) => n.close()));
  lb = undefined;
  nodes = [];
  closers = [];
});

async function setup(flags: string[] = [], count = 1): Promise<Balancer> {
  nodes = await Promise.all(Array.from({ length: count }, (_, i) => startNode(`n${i + 1}`)));
  lb = await startTestBalancer([...flags, ...nodes.flatMap((n) => ['--upstream', `${n.id}=${n.url}`])]);
  return lb;
}

describe('admin API', () => {
  it('refuses a mutation by GET (405) and changes nothing', async () => {
    const { adminPort } = await setup(['--health-interval', '0']);
    for (const path of ['/nodes/n1/drain', '/nodes/n1/undrain']) {
      const r = await call(adminPort, { path });
      expect(r.status).toBe(405);
      expect(r.headers['x-lb-error']).toBe('LB_ERR_ADMIN_METHOD');
      expect(r.json()).toMatchObject({ error: { code: 'LB_ERR_ADMIN_METHOD' } });
    }
    const view = (await call(adminPort, { path: '/nodes' })).json<{ nodes: { state: string }[] }>();
    expect(view.nodes[0]?.state).toBe('up');
  });

  it('with --admin-token refuses calls without or with a wrong token (401), accepts the right one', async () => {
    const { adminPort } = await setup(['--health-interval', '0', '--admin-token', 's3cret-token']);
    const none = await adminCall(adminPort, { method: 'POST', path: '/nodes/n1/drain' });
    const wrong = await adminCall(adminPort, {
      method: 'POST', path: '/nodes/n1/drain', headers: { authorization: 'Bearer nope-nope' },
    });
    for (const r of [none, wrong]) {
      expect(r.status).toBe(401);
      expect(r.headers['x-lb-error']).toBe('LB_ERR_ADMIN_UNAUTHORIZED');
    }
    expect(lb!.pool.get('n1')?.draining).toBe(false);
    const ok = await adminCall(adminPort, {
      method: 'POST', path: '/nodes/n1/drain', headers: { authorization: 'Bearer s3cret-token' },
    });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ id: 'n1', state: 'draining' });
  });

  it('answers coded errors for bad bodies, unknown nodes, duplicates and unknown routes', async () => {
    const { adminPort } = await setup(['--health-interval', '0']);
    const cases: [Parameters<typeof call>[1], number, string][] = [
      [{ method: 'POST', path: '/nodes', body: '{nope' }, 400, 'LB_ERR_ADMIN_BAD_REQUEST'],
      [{ method: 'POST', path: '/nodes', body: JSON.stringify({ url: 'ftp://x' }) }, 400, 'LB_ERR_ADMIN_BAD_REQUEST'],
      [
        { method: 'POST', path: '/nodes', body: JSON.stringify({ url: nodes[0]!.url }) }, 409,
        'LB_ERR_ADMIN_DUPLICATE_NODE',
      ],
      [{ method: 'POST', path: '/nodes/ghost/drain' }, 404, 'LB_ERR_ADMIN_UNKNOWN_NODE'],
      [{ method: 'DELETE', path: '/nodes/ghost' }, 404, 'LB_ERR_ADMIN_UNKNOWN_NODE'],
      [{ path: '/nope' }, 404, 'LB_ERR_ADMIN_NOT_FOUND'],
    ];
    for (const [opts, status, code] of cases) {
      const r = await adminCall(adminPort, opts);
      expect([r.status, r.headers['x-lb-error']]).toEqual([status, code]);
      expect(r.json()).toMatchObject({ error: { code } });
    }
  });
});

// What the admin plane does to traffic through the traffic port, on every engine.
describe.each(ENGINES)('admin API [%s]', (engine) => {
  it('is not reachable through the traffic port, and listens on 127.0.0.1 only', async () => {
    const { port } = await setup(['--engine', engine, '--health-interval', '0']);
    const r = await call(port, { path: '/nodes' });
    expect(r.headers['x-served-by']).toBe('n1');
    expect(r.body).not.toContain('"strategy"');
    expect(nodes[0]?.seen.map((s) => s.url)).toEqual(['/nodes']);
  });

  it('scale-out › a node added at run time is down until its first check passes, then takes traffic', async () => {
    const { adminPort, port } = await setup(['--engine', engine, '--health-interval', '200']);
    await waitForState(lb!, 'n1', 'up');
    const events = openEvents(adminPort);
    closers.push(events.close);
    await events.next((e) => e.event === 'snapshot');
    const late = await startNode('late');
    nodes.push(late);
    const up = waitForState(lb!, 'late', 'up');
    const added = await adminCall(adminPort, {
      method: 'POST', path: '/nodes', body: JSON.stringify({ url: late.url, id: 'late' }),
    });
    expect(added.status).toBe(201);
    expect(added.json()).toMatchObject({
      id: 'late', url: late.url, state: 'down', lastHealth: null, inFlight: 0, requests: 0,
    });
    await up;
    const served = new Set<string>();
    for (let i = 0; i < 4; i++) served.add(String((await call(port, { path: '/x' })).headers['x-served-by']));
    expect(served).toEqual(new Set(['n1', 'late']));
    expect((await events.next((e) => e.event === 'state' && e.data.node === 'late' && e.data.from === null)).data)
      .toMatchObject({ to: 'down' });
    expect((await events.next((e) => e.event === 'state' && e.data.node === 'late' && e.data.to === 'up')).data)
      .toMatchObject({ from: 'down' });
    const traffic = await events.next(
      (e) => e.event === 'traffic' && typeof (e.data.nodes as Record<string, unknown>)?.late === 'object',
    );
    expect(traffic.data.t).toEqual(expect.any(Number));
  });

  it('DELETE removes a node (state event "removed") and it gets no more traffic', async () => {
    const { adminPort, port } = await setup(['--engine', engine, '--health-interval', '0'], 2);
    const events = openEvents(adminPort);
    closers.push(events.close);
    const r = await adminCall(adminPort, { method: 'DELETE', path: '/nodes/n2' });
    expect(r.json()).toMatchObject({ id: 'n2' });
    expect((await events.next((e) => e.event === 'state' && e.data.node === 'n2')).data)
      .toMatchObject({ from: 'up', to: 'removed' });
    for (let i = 0; i < 4; i++) expect((await call(port, { path: '/x' })).headers['x-served-by']).toBe('n1');
  });

  it('GET /metrics renders Prometheus text with requests, retries, ejections, misses, ' +
    'in-flight and latency', async () => {
    const { adminPort, port } = await setup(['--engine', engine, '--health-interval', '0']);
    await call(port, { path: '/x' });
    const text = (await call(adminPort, { path: '/metrics' })).body;
    expect(text).toContain('lb_requests_total{node="n1",class="2xx"} 1');
    for (const name of [
      'lb_retries_total', 'lb_ejections_total', 'lb_sticky_misses_total{policy="reject"}', 'lb_in_flight{node="n1"} 0',
      'lb_request_duration_seconds_count 1',
    ]) {
      expect(text).toContain(name);
    }
  });
});
