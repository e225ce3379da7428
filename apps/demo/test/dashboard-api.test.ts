// The dashboard's API and SSE stream over HTTP, against a real demo: 2 stateful + 2 stateless nodes, real
// balancers, a real Redis, background shoppers judged by the load-tests checker.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startDemo, type ColumnView, type DashboardState, type Demo, type HistoryPoint, type TrafficCounters,
} from '../src/index.ts';
import { getJson, postJson, type ErrorBody } from './helpers/http.ts';
import { openSse, type SseClient, type SseEvent } from './helpers/sse-client.ts';

let demo: Demo;
let sse: SseClient;
let base: string;
let work: string;

const stateOf = (e: SseEvent): DashboardState | undefined => (e.data as { state?: DashboardState }).state;
const whenState = (match: (s: DashboardState) => boolean, label: string): Promise<unknown> =>
  sse.waitFor((e) => { const s = stateOf(e); return s !== undefined && match(s); }, label);
const node = (c: ColumnView | undefined, id: string) => c?.nodes.find((n) => n.id === id);
const T = (s: DashboardState, id: string): TrafficCounters => s.traffic.columns[id] as TrafficCounters;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'demo-api-'));
  mkdirSync(join(work, 'reports', 'run-1'), { recursive: true });
  writeFileSync(join(work, 'reports', 'run-1', 'report.md'), '# a report\n');
  writeFileSync(join(work, 'reports', '.hidden'), 'no');
  writeFileSync(join(work, 'secret.txt'), 'outside the reports folder');
  demo = await startDemo({
    port: 0, statefulPort: 0, statelessPort: 0, nodes: 2, traffic: true, rate: 3, reportsDir: join(work, 'reports'),
  });
  base = demo.dashboardUrl.replace('localhost', '127.0.0.1');
  sse = await openSse(`${base}/api/events`);
}, 60_000);

afterAll(async () => {
  sse?.close();
  await demo?.close();
  rmSync(work, { recursive: true, force: true });
}, 30_000);

describe('dashboard API [2+2 nodes]', () => {
  it('GET /api/state shows both columns with their nodes up and the traffic on', async () => {
    const { status, body } = await getJson<DashboardState>(`${base}/api/state`);
    expect(status).toBe(200);
    expect(body.columns['stateful']).toMatchObject({
      variant: 'stateful', strategy: 'sticky', stickyMiss: 'continue', redis: 'none',
    });
    expect(body.columns['stateless']).toMatchObject({ variant: 'stateless', strategy: 'round-robin', redis: 'up' });
    expect(body.columns['stateful']?.nodes.map((n) => [n.id, n.state]))
      .toEqual([['stateful-1', 'up'], ['stateful-2', 'up']]);
    expect(body.columns['stateless']?.nodes.map((n) => [n.id, n.state]))
      .toEqual([['stateless-1', 'up'], ['stateless-2', 'up']]);
    expect(body.traffic).toMatchObject({ on: true, rate: 3 });
    expect(body.experiment.state).toBe('idle');
  });

  it('SSE › a snapshot first, then a tick a second with requests per node from the balancers', async () => {
    expect(sse.events[0]?.event).toBe('snapshot');
    expect(Array.isArray((sse.events[0]?.data as { history: unknown }).history)).toBe(true);
    const point = await sse.waitFor<{ point: HistoryPoint }>(
      (e) => e.event === 'tick'
        && Object.values((e.data as { point: HistoryPoint }).point.columns['stateless']?.rps ?? {}).some((n) => n > 0),
      'a tick with traffic',
    );
    expect(Object.keys(point.point.columns['stateful']?.rps ?? {}).sort()).toEqual(['stateful-1', 'stateful-2']);
  });

  it('SSE › the checker judges background carts in both columns', async () => {
    await whenState((s) => T(s, 'stateful').checked > 0 && T(s, 'stateless').checked > 0, 'first verdicts');
  });

  it('kill [stateful] › the node shows down, keeps its last known carts on its card, '
    + 'and the checker counts lost carts', async () => {
    await whenState((s) => (node(s.columns['stateful'], 'stateful-1')?.carts ?? 0) > 0, 'stateful-1 holds carts');
    const { status, body } = await postJson<{ event: { type: string; node: string } }>(
      `${base}/api/columns/stateful/nodes/stateful-1/kill`,
    );
    expect(status).toBe(200);
    expect(body.event).toMatchObject({ type: 'kill', node: 'stateful-1' });
    const down = await whenState(
      (s) => node(s.columns['stateful'], 'stateful-1')?.state === 'down', 'stateful-1 down',
    ) as { state: DashboardState };
    const card = node(down.state.columns['stateful'], 'stateful-1');
    expect(card?.alive).toBe(false);
    expect(card?.carts).toBeGreaterThan(0);
    await whenState((s) => T(s, 'stateful').verdicts.lost > 0, 'a lost cart on the left');
  });

  it('kill [stateless] › the node shows down and carts checked afterwards are all intact', async () => {
    await postJson(`${base}/api/columns/stateless/nodes/stateless-1/kill`);
    const at = T((await getJson<DashboardState>(`${base}/api/state`)).body, 'stateless').checked;
    await whenState((s) => node(s.columns.stateless, 'stateless-1')?.state === 'down', 'stateless-1 down');
    const later = await whenState(
      (s) => T(s, 'stateless').checked >= at + 6, '6 more carts checked',
    ) as { state: DashboardState };
    expect(T(later.state, 'stateless').verdicts.lost).toBe(0);
  });

  it('a killed node cannot be killed again: DEMO_ERR_ACTION with the cluster code', async () => {
    const { status, body } = await postJson<ErrorBody>(`${base}/api/columns/stateful/nodes/stateful-1/kill`);
    expect(status).toBe(409);
    expect(body.error.code).toBe('DEMO_ERR_ACTION');
    expect(body.error.message).toContain('CLUSTER_ERR_NODE_STATE');
  });

  it('freeze, thaw, drain and undrain [stateful-2] show in the card state', async () => {
    await postJson(`${base}/api/columns/stateful/nodes/stateful-2/freeze`);
    await whenState((s) => node(s.columns.stateful, 'stateful-2')?.state === 'frozen', 'frozen');
    await postJson(`${base}/api/columns/stateful/nodes/stateful-2/thaw`);
    await postJson(`${base}/api/columns/stateful/nodes/stateful-2/drain`);
    await whenState((s) => node(s.columns.stateful, 'stateful-2')?.state === 'draining', 'draining');
    const { body } = await postJson<{ column: ColumnView }>(`${base}/api/columns/stateful/nodes/stateful-2/undrain`);
    expect(node(body.column, 'stateful-2')?.process).toBe('running');
    await whenState((s) => node(s.columns.stateful, 'stateful-2')?.state === 'up', 'up again');
  });

  it('add [stateless] › a third node, up', async () => {
    const { status, body } = await postJson<{ column: ColumnView }>(`${base}/api/columns/stateless/add`);
    expect(status).toBe(200);
    expect(node(body.column, 'stateless-3')?.state).toBe('up');
  });

  it('Stop Redis / Start Redis [stateless] › the column says so; [stateful] has none to stop', async () => {
    expect((await postJson<{ column: ColumnView }>(`${base}/api/columns/stateless/redis-stop`)).body.column.redis)
      .toBe('down');
    expect((await postJson<{ column: ColumnView }>(`${base}/api/columns/stateless/redis-start`)).body.column.redis)
      .toBe('up');
    const refused = await postJson<ErrorBody>(`${base}/api/columns/stateful/redis-stop`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'DEMO_ERR_ACTION']);
  });

  it('traffic › rate and on/off change; bad values change nothing', async () => {
    expect((await postJson(`${base}/api/traffic`, { rate: 5 })).body).toMatchObject({ rate: 5, on: true });
    for (const bad of [{ rate: 0 }, { rate: 21 }, { rate: 2.5 }, { on: 'yes' }]) {
      const { status, body } = await postJson<ErrorBody>(`${base}/api/traffic`, bad);
      expect([status, body.error.code]).toEqual([400, 'DEMO_ERR_BAD_REQUEST']);
    }
    expect((await postJson(`${base}/api/traffic`, { on: false, rate: 2 })).body).toMatchObject({ rate: 2, on: false });
    expect((await getJson<DashboardState>(`${base}/api/state`)).body.traffic).toMatchObject({ rate: 2, on: false });
  });

  it('sticky miss [stateful] › switching sets the balancer\'s policy live: same nodes, same pids, '
    + 'the balancer reports it', async () => {
    const before = (await getJson<DashboardState>(`${base}/api/state`)).body.columns['stateful'] as ColumnView;
    const pidsBefore = (await getJson<unknown>(`${base}/api/pids`)).body;
    const { status, body } = await postJson<{ column: ColumnView }>(
      `${base}/api/columns/stateful/sticky-miss`, { policy: 'reject' },
    );
    expect(status).toBe(200);
    expect(body.column).toMatchObject({ stickyMiss: 'reject', port: before.port });
    expect(body.column.nodes.map((n) => n.id)).toEqual(before.nodes.map((n) => n.id));
    expect((await getJson<unknown>(`${base}/api/pids`)).body).toEqual(pidsBefore);
    expect((await fetch(`${body.column.balancerUrl}/api/products`)).status).toBe(200);
    await postJson(`${base}/api/columns/stateful/sticky-miss`, { policy: 'continue' });
  });

  it.each([
    ['POST', '/api/columns/stateless/sticky-miss', '{"policy":"reject"}', 409, 'DEMO_ERR_ACTION'],
    ['POST', '/api/columns/stateful/sticky-miss', '{"policy":"maybe"}', 400, 'DEMO_ERR_BAD_REQUEST'],
    ['POST', '/api/columns/stateful/add', '{not json', 400, 'DEMO_ERR_BAD_REQUEST'],
    ['POST', '/api/columns/middle/add', '{}', 404, 'DEMO_ERR_UNKNOWN_COLUMN'],
    ['POST', '/api/columns/stateful/explode', '{}', 404, 'DEMO_ERR_NOT_FOUND'],
    ['POST', '/api/columns/stateful/nodes/stateful-2/explode', '{}', 404, 'DEMO_ERR_NOT_FOUND'],
    ['POST', '/api/columns/stateful/nodes/nobody/kill', '{}', 404, 'DEMO_ERR_NOT_FOUND'],
    ['GET', '/api/columns/stateful/add', undefined, 405, 'DEMO_ERR_METHOD'],
    ['POST', '/api/state', '{}', 405, 'DEMO_ERR_METHOD'],
    ['DELETE', '/index.html', undefined, 405, 'DEMO_ERR_METHOD'],
    ['GET', '/api/nothing', undefined, 404, 'DEMO_ERR_NOT_FOUND'],
    ['POST', '/api/experiments/run', '{"name":"nope"}', 404, 'DEMO_ERR_EXPERIMENT_UNKNOWN'],
    ['POST', '/api/experiments/run', '{"name":"baseline","duration":1}', 400, 'DEMO_ERR_BAD_REQUEST'],
    ['POST', '/api/traffic', 'x'.repeat(20_000), 400, 'DEMO_ERR_BAD_REQUEST'],
    ['POST', '/api/columns/stateful/presenter/add', '{"productId":"nope"}', 400, 'DEMO_ERR_BAD_REQUEST'],
    ['POST', '/api/columns/stateful/presenter/add', '{}', 400, 'DEMO_ERR_BAD_REQUEST'],
    ['POST', '/api/columns/stateful/presenter/undo', '{}', 404, 'DEMO_ERR_NOT_FOUND'],
    ['POST', '/api/columns/middle/presenter/add', '{"productId":"p01"}', 404, 'DEMO_ERR_UNKNOWN_COLUMN'],
  ])('bad input › %s %s → %i %s', async (method, path, body, status, code) => {
    const res = await fetch(`${base}${path}`, {
      method, ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
    });
    expect(res.status).toBe(status);
    expect(((await res.json()) as ErrorBody).error.code).toBe(code);
  });

  it('the page, its assets and the reports folder are served; nothing outside it', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('dashboard.js');
    expect((await fetch(`${base}/dashboard.js`)).status).toBe(200);
    const listing = await (await fetch(`${base}/reports/`)).text();
    expect(listing).toContain('href="run-1/"');
    expect(listing).not.toContain('.hidden');
    const report = await fetch(`${base}/reports/run-1/report.md`);
    expect([report.status, await report.text()]).toEqual([200, '# a report\n']);
    for (const path of [
      '/reports/../secret.txt', '/reports/%2e%2e/secret.txt', '/reports/..%2fsecret.txt', '/reports/.hidden',
      '/reports/run-1/%00', '/reports/%E0%A4%A', '/..%2f..%2fpackage.json',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('outside');
    }
  });

  it('experiments › the list names every experiment with what it shows', async () => {
    const { body } = await getJson<{ experiments: { name: string; shows: string }[] }>(`${base}/api/experiments`);
    expect(body.experiments.map((e) => e.name))
      .toEqual(expect.arrayContaining(['baseline', 'kill-node', 'freeze-node', 'redis-outage']));
    expect(body.experiments.every((e) => e.shows.length > 0)).toBe(true);
  });

  it('GET /api/pids lists the demo and every process of both columns', async () => {
    const { body } = await getJson<{ demo: number; columns: { stateful: number[]; stateless: number[] } }>(
      `${base}/api/pids`,
    );
    expect(body.demo).toBe(process.pid);
    expect(body.columns.stateful.length).toBeGreaterThanOrEqual(2);
    expect(body.columns.stateless.length).toBeGreaterThanOrEqual(4);
  });
});
