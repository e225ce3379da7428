// `pnpm demo --redis ha` through the dashboard's API, against real processes: the stateless column on a primary,
// a replica and three sentinels (real redis-servers on free ports). Kill primary → the column's primary changes
// within 10 s (read from the sentinels), the nodes' fail-fast 5xx show on their cards meanwhile, the presenter's
// cart is still judged; Freeze/Thaw primary; Bring back killed and fail over again; every process (the five Redis
// members included) ends with the demo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoConfig, startDemo, type ColumnView, type DashboardState, type Demo } from '../src/index.ts';
import { getJson, postJson, type ErrorBody } from './helpers/http.ts';
import { running, waitGone } from './helpers/pids.ts';
import { openSse, type SseClient, type SseEvent } from './helpers/sse-client.ts';

const HA = 'stateless-ha';
let demo: Demo;
let sse: SseClient;
let base: string;

const column = (e: SseEvent): ColumnView | undefined => (e.data as { state?: DashboardState }).state?.columns[HA];
async function whenColumn(
  match: (c: ColumnView) => boolean, label: string, timeoutMs = 20_000,
): Promise<{ state: DashboardState }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: not within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([sse.waitFor<{ state: DashboardState }>((e) => {
      const c = column(e);
      return c !== undefined && match(c);
    }, label), late]);
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  const config = loadDemoConfig(['--redis', 'ha'], {});
  demo = await startDemo({
    port: 0, statefulPort: 0, statelessPort: 0, nodes: 2, traffic: true, rate: 4, columns: config.columns,
  });
  base = demo.dashboardUrl.replace('localhost', '127.0.0.1');
  sse = await openSse(`${base}/api/events`);
}, 90_000);

afterAll(async () => {
  sse?.close();
  await demo?.close();
}, 30_000);

describe('dashboard on --redis ha [2+2 nodes, traffic on]', () => {
  it('--redis ha puts the stateless column on Redis HA: primary redis-1 named by the sentinels, '
    + 'nothing frozen', async () => {
    expect(loadDemoConfig(['--redis', 'ha'], {}).columns).toEqual(['stateful', HA]);
    const { body } = await getJson<DashboardState>(`${base}/api/state`);
    expect(body.order).toEqual(['stateful', HA]);
    expect(body.columns[HA]).toMatchObject({
      variant: 'stateless', redis: 'ha', redisUrl: null, status: { primary: 'redis-1', frozen: 'no' },
    });
    expect(body.columns[HA]?.descriptor.columnButtons).toEqual([
      'add', 'redis-kill-primary', 'redis-freeze-primary', 'redis-thaw', 'restart-balancer', 'redis-bring-back',
    ]);
    expect(body.labels.column['redis-kill-primary']).toMatchObject({ label: 'Kill primary', kill: true });
  });

  it('Thaw with nothing frozen, and Stop Redis on an HA column, are refused and change nothing', async () => {
    const thaw = await postJson<ErrorBody>(`${base}/api/columns/${HA}/redis-thaw`);
    expect([thaw.status, thaw.body.error.code]).toEqual([409, 'DEMO_ERR_ACTION']);
    const stop = await postJson<ErrorBody>(`${base}/api/columns/${HA}/redis-stop`);
    expect(stop.body.error.code).toBe('DEMO_ERR_ACTION');
    const stateful = await postJson<ErrorBody>(`${base}/api/columns/stateful/redis-kill-primary`);
    expect(stateful.body.error.message).toMatch(/--redis ha/);
    expect((await getJson<DashboardState>(`${base}/api/state`)).body.columns[HA]?.status)
      .toMatchObject({ primary: 'redis-1', frozen: 'no' });
  });

  it('Kill primary › the column\'s primary is redis-2 within 10 s, the nodes\' 5xx showed meanwhile, '
    + 'the presenter\'s cart is judged', async () => {
    await whenColumn((c) => c.nodes.every((n) => n.rps > 0), 'traffic on both nodes');
    const add = await postJson<{ presenter: { writes: number } }>(
      `${base}/api/columns/${HA}/presenter/add`, { productId: 'p01' },
    );
    expect(add.status).toBe(200);
    const from = sse.events.length;
    const killed = await postJson<{ event: { type: string; node: string } }>(
      `${base}/api/columns/${HA}/redis-kill-primary`,
    );
    expect(killed.status).toBe(200);
    expect(killed.body.event).toMatchObject({ type: 'redis-kill', node: 'redis-1' });
    const started = Date.now();
    const after = await whenColumn((c) => c.status.primary === 'redis-2', 'primary redis-2', 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(after.state.columns[HA]?.status.sentinel)
      .toMatch(/^\+(switch-master|failover-end|convert-to-slave|sdown|odown)/);
    // The nodes answered 5xx while no primary took writes (fail fast, not hang), second by second on their cards.
    const failing = sse.events.slice(from).some((e) => column(e)?.nodes.some((n) => n.errors > 0));
    expect(failing, 'a node card showed 5xx/s during the failover').toBe(true);
    // Writes work again: the presenter adds once more and reads its cart back through the balancer.
    await expect.poll(
      async () => (await postJson(`${base}/api/columns/${HA}/presenter/add`, { productId: 'p02' })).status,
      { timeout: 10_000, interval: 500 },
    ).toBe(200);
    const judged = await whenColumn(
      (c) => c.presenter.verdict !== 'empty' && c.presenter.readError === null, 'the presenter\'s cart read back',
    );
    expect(['intact', 'lost', 'indeterminate', 'excess']).toContain(judged.state.columns[HA]?.presenter.verdict);
  }, 40_000);

  it('Freeze primary › frozen: yes, a second Freeze is refused; Thaw › frozen: no', async () => {
    const frozen = await postJson<{ event: { type: string; node: string }; column: ColumnView }>(
      `${base}/api/columns/${HA}/redis-freeze-primary`,
    );
    expect(frozen.status).toBe(200);
    expect(frozen.body.event).toMatchObject({ type: 'redis-freeze', node: 'redis-2' });
    expect(frozen.body.column.status.frozen).toBe('yes');
    const again = await postJson<ErrorBody>(`${base}/api/columns/${HA}/redis-freeze-primary`);
    expect(again.body.error).toMatchObject({ code: 'DEMO_ERR_ACTION', message: expect.stringMatching(/Thaw/) });
    const thawed = await postJson<{ event: { type: string; node: string }; column: ColumnView }>(
      `${base}/api/columns/${HA}/redis-thaw`,
    );
    expect(thawed.body.event).toMatchObject({ type: 'redis-thaw', node: 'redis-2' });
    expect(thawed.body.column.status.frozen).toBe('no');
  }, 20_000);

  it('Bring back killed › redis-1 runs again, the sentinels take it back as a replica; '
    + 'a second Kill primary fails over to it', async () => {
    const from = sse.events.length;
    const back = await postJson<{ event: { type: string; node: string }; column: ColumnView }>(
      `${base}/api/columns/${HA}/redis-bring-back`,
    );
    expect(back.status).toBe(200);
    expect(back.body.event).toMatchObject({ type: 'redis-start', node: 'redis-1' });
    expect(back.body.column.status.killed).toBe('no');
    const again = await postJson<ErrorBody>(`${base}/api/columns/${HA}/redis-bring-back`);
    expect(again.body.error.code).toBe('DEMO_ERR_ACTION');
    // The sentinels notice it (no longer down, converted to a replica of redis-2): seen in their status line.
    await expect.poll(
      () => sse.events.slice(from)
        .some((e) => /^(-sdown|\+convert-to-slave) redis-1$/.test(column(e)?.status.sentinel ?? '')),
      { timeout: 15_000, interval: 200 },
    ).toBe(true);
    const killed = await postJson<{ event: { node: string } }>(`${base}/api/columns/${HA}/redis-kill-primary`);
    expect(killed.body.event.node).toBe('redis-2');
    await whenColumn((c) => c.status.primary === 'redis-1', 'primary redis-1 again', 15_000);
  }, 40_000);

  it('/api/pids lists the five Redis members and their guards; close() leaves none running', async () => {
    const { body } = await getJson<{ columns: Record<string, number[]> }>(`${base}/api/pids`);
    const pids = body.columns[HA] ?? [];
    // balancer + 2 nodes + redis-2 and three sentinels (redis-1 was killed), each with its guard.
    expect(pids.length).toBeGreaterThanOrEqual(3 + 4 * 2);
    sse.close();
    await demo.close();
    await waitGone(pids, 10_000);
    expect(pids.filter((p) => running(p))).toEqual([]);
  }, 30_000);
});
