// Restart balancer through the dashboard's API, against real processes: `stateful-table` (pins in the balancer's
// memory) next to `stateful` (signed cookie), 3+3 nodes, background shoppers on. The same button SIGKILLs each
// column's balancer and starts a new one on the same port: with signed affinity the presenter's cart is intact
// and no background cart is lost; with the table, the new balancer knows no pin and the checker counts lost carts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type ColumnView, type DashboardState, type Demo, type TrafficCounters } from '../src/index.ts';
import { getJson, postJson } from './helpers/http.ts';
import { openSse, type SseClient } from './helpers/sse-client.ts';

const TABLE = 'stateful-table';
const SIGNED = 'stateful';
let demo: Demo;
let sse: SseClient;
let base: string;

const T = (s: DashboardState, id: string): TrafficCounters => s.traffic.columns[id] as TrafficCounters;

async function whenState(
  match: (s: DashboardState) => boolean, label: string, timeoutMs = 30_000,
): Promise<DashboardState> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: not within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const data = await Promise.race([sse.waitFor<{ state: DashboardState }>((e) => {
      const s = (e.data as { state?: DashboardState }).state;
      return s !== undefined && match(s);
    }, label), late]);
    return data.state;
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  demo = await startDemo({
    port: 0, statefulPort: 0, statelessPort: 0, nodes: 3, traffic: true, rate: 4, columns: [TABLE, SIGNED],
  });
  base = demo.dashboardUrl.replace('localhost', '127.0.0.1');
  sse = await openSse(`${base}/api/events`);
}, 90_000);

afterAll(async () => {
  sse?.close();
  await demo?.close();
}, 30_000);

describe('Restart balancer [stateful-table | stateful, 3+3 nodes, traffic on]', () => {
  it('each column shows its balancer\'s affinity mode and offers Restart balancer', async () => {
    const { body } = await getJson<DashboardState>(`${base}/api/state`);
    expect(body.columns[TABLE]?.status.affinity).toBe('table');
    expect(body.columns[SIGNED]?.status.affinity).toBe('signed');
    for (const c of [TABLE, SIGNED]) expect(body.columns[c]?.descriptor.columnButtons).toContain('restart-balancer');
    expect(body.labels.column['restart-balancer']?.label).toBe('Restart balancer');
  });

  it('after a restart: signed keeps the presenter\'s cart and every background cart; '
    + 'the table loses carts', async () => {
    for (const c of [TABLE, SIGNED]) {
      const add = await postJson(`${base}/api/columns/${c}/presenter/add`, { productId: 'p03' });
      expect(add.status).toBe(200);
    }
    await whenState(
      (s) => [TABLE, SIGNED].every((c) => s.columns[c]?.presenter.verdict === 'intact' && T(s, c).checked >= 3),
      'carts judged before',
    );
    const before = (await getJson<DashboardState>(`${base}/api/state`)).body;
    const pidsBefore = (await getJson<{ columns: Record<string, number[]> }>(`${base}/api/pids`)).body.columns;
    const restarted = await Promise.all([TABLE, SIGNED].map((c) => postJson<{
      event: { type: string; detail?: string }; column: ColumnView;
    }>(`${base}/api/columns/${c}/restart-balancer`)));
    for (const r of restarted) {
      expect(r.status).toBe(200);
      expect(r.body.event.type).toBe('balancer-restart');
      expect(r.body.column.nodes.every((n) => n.state === 'up')).toBe(true);
    }
    const pidsAfter = (await getJson<{ columns: Record<string, number[]> }>(`${base}/api/pids`)).body.columns;
    for (const c of [TABLE, SIGNED]) {
      expect(pidsAfter[c]?.[0], `${c}: a new balancer process`).not.toBe(pidsBefore[c]?.[0]);
    }
    const at = Date.now();
    // The balancers' event streams were reopened: per-node traffic flows again in both columns.
    await whenState(
      (s) => s.t > at && [TABLE, SIGNED].every((c) => (s.columns[c]?.nodes ?? []).some((n) => n.rps > 0)),
      'traffic after the restart',
    );
    const after = await whenState((s) => s.t > at + 2000 && T(s, TABLE).verdicts.lost > T(before, TABLE).verdicts.lost
      && T(s, SIGNED).checked >= T(before, SIGNED).checked + 5, 'table carts lost, signed carts checked', 40_000);
    expect(T(after, SIGNED).verdicts.lost, 'signed affinity: no background cart lost by the restart').toBe(0);
    expect(after.columns[SIGNED]?.presenter).toMatchObject({ verdict: 'intact', items: 1, readError: null });
  }, 90_000);
});
