// The replicated column through the dashboard's API, against real processes: `replicated` (sync) next to
// `replicated-async`, 3+3 nodes of apps/shop-replicated behind real balancers, background shoppers on. Each node
// card carries the node's own /healthz figures: peers up of known, and in async mode the replication lag. Kill the
// node that stored the presenter's cart: the cart survives (the balancer re-pins to a peer holding a copy), the
// verdict counts no lost cart, and the survivors see one peer fewer up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type DashboardState, type Demo, type TrafficCounters } from '../src/index.ts';
import { getJson, postJson } from './helpers/http.ts';
import { openSse, type SseClient } from './helpers/sse-client.ts';

const SYNC = 'replicated';
const ASYNC = 'replicated-async';
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
    port: 0, statefulPort: 0, statelessPort: 0, nodes: 3, traffic: true, rate: 3, columns: [SYNC, ASYNC],
  });
  base = demo.dashboardUrl.replace('localhost', '127.0.0.1');
  sse = await openSse(`${base}/api/events`);
}, 90_000);

afterAll(async () => {
  sse?.close();
  await demo?.close();
}, 30_000);

describe('replicated columns [replicated | replicated-async, 3+3 nodes, traffic on]', () => {
  it('node cards show peers 2/2 on every node, and the async nodes their lag', async () => {
    const s = await whenState(
      (st) => [SYNC, ASYNC].every((c) => st.columns[c]?.nodes.every((n) => n.peers?.known === 2 && n.peers.up === 2)),
      'peers 2/2',
    );
    expect(s.columns[SYNC])
      .toMatchObject({ variant: 'replicated', strategy: 'sticky', status: { affinity: 'signed' } });
    expect(s.columns[SYNC]?.descriptor).toMatchObject({ lostWithNode: false, deadNote: 'copies on its peers' });
    expect(s.columns[SYNC]?.nodes.every((n) => n.lag === null)).toBe(true);
    const lagged = await whenState(
      (st) => st.columns[ASYNC]?.nodes.every((n) => n.lag !== null) ?? false, 'async lag on every card',
    );
    for (const n of lagged.columns[ASYNC]?.nodes ?? []) {
      expect(n.lag?.queued).toBeGreaterThanOrEqual(0);
      expect(n.lag?.oldestMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('Kill the node that stored the presenter\'s cart [sync]: the cart is intact on a peer, no cart lost, '
    + 'survivors see one peer fewer up', async () => {
    const add = await postJson<{ presenter: { storedBy: string | null } }>(
      `${base}/api/columns/${SYNC}/presenter/add`, { productId: 'p04' },
    );
    expect(add.status).toBe(200);
    const stored = (await whenState(
      (s) => s.columns[SYNC]?.presenter.verdict === 'intact' && s.columns[SYNC]?.presenter.storedBy !== null,
      'stored',
    )).columns[SYNC]?.presenter.storedBy as string;
    await whenState(
      (s) => (s.columns[SYNC]?.nodes.find((n) => n.id === stored)?.carts ?? 0) > 0, 'the node counts carts',
    );
    const killed = await postJson<{ event: { type: string; node: string } }>(
      `${base}/api/columns/${SYNC}/nodes/${stored}/kill`,
    );
    expect(killed.body.event).toMatchObject({ type: 'kill', node: stored });
    const at = Date.now();
    const after = await whenState(
      (s) => s.t > at + 2500 && s.columns[SYNC]?.presenter.readError === null
        && s.columns[SYNC]?.nodes.filter((n) => n.alive).every((n) => n.peers?.up === 1) === true,
      'read back after the kill, peers 1 up',
    );
    expect(after.columns[SYNC]?.presenter).toMatchObject({ verdict: 'intact', items: 1, lostCarts: 0 });
    const card = after.columns[SYNC]?.nodes.find((n) => n.id === stored);
    expect(card).toMatchObject({ state: 'down', alive: false });
    expect(card?.carts).toBeGreaterThan(0);
    const checked = T(after, SYNC).checked;
    const later = await whenState((s) => T(s, SYNC).checked >= checked + 5, '5 more carts checked after the kill');
    expect(T(later, SYNC).verdicts.lost, 'sync replication: no background cart lost by the kill').toBe(0);
  }, 60_000);

  it('/api/pids lists every node and balancer of both columns', async () => {
    const { body } = await getJson<{ columns: Record<string, number[]> }>(`${base}/api/pids`);
    expect(body.columns[SYNC]?.length).toBe(1 + 2);
    expect(body.columns[ASYNC]?.length).toBe(1 + 3);
  });
});
