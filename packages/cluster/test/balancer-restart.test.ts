// restartBalancer() and startExtraBalancer() on a real stateful cluster: the balancer comes back on the same
// port with the run's affinity secret (a signed pin survives it, a table pin does not), a second balancer with
// the same secret routes every shopper as the first does, and close() leaves no process behind.
import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../src/index.ts';
import { running, waitGone } from './helpers/pids.ts';

let cluster: Cluster | undefined;
afterEach(async () => { await cluster?.close(); cluster = undefined; });

interface Pinned { cookie: string; node: string }

async function get(url: string, cookie?: string): Promise<{ node: string; setCookie: string | undefined }> {
  const res = await fetch(new URL('/healthz', url), cookie ? { headers: { cookie } } : {});
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  return {
    node: res.headers.get('x-served-by') ?? '',
    setCookie: res.headers.getSetCookie().find((c) => c.startsWith('ss_lb='))?.split(';')[0],
  };
}

async function pin(url: string, n: number): Promise<Pinned[]> {
  const out: Pinned[] = [];
  for (let i = 0; i < n; i++) {
    const r = await get(url);
    out.push({ cookie: r.setCookie as string, node: r.node });
  }
  return out;
}

describe('cluster balancer faults [stateful]', () => {
  it('restartBalancer: same port, new pid, every node up again; signed pins all survive', async () => {
    cluster = await startCluster({ variant: 'stateful', nodes: 2, affinity: 'signed', nodeEnv: { LOG_LEVEL: 'warn' } });
    const shoppers = await pin(cluster.balancerUrl, 20);
    const oldPid = cluster.pids().balancer;
    const event = await cluster.restartBalancer(100);
    expect(event.type).toBe('balancer-restart');
    expect(event.doneAt - event.t).toBeGreaterThanOrEqual(100);
    expect(await waitGone([oldPid], 5_000)).toEqual([]);
    expect(cluster.pids().balancer).not.toBe(oldPid);
    expect(running(cluster.pids().balancer)).toBe(true);
    expect(cluster.nodes().map((n) => n.balancer)).toEqual(['up', 'up']);
    for (const s of shoppers) {
      expect(await get(cluster.balancerUrl, s.cookie)).toEqual({ node: s.node, setCookie: undefined });
    }
  }, 60_000);

  it('restartBalancer with --affinity table: every pin is unknown to the new balancer', async () => {
    cluster = await startCluster({ variant: 'stateful', nodes: 2, affinity: 'table', nodeEnv: { LOG_LEVEL: 'warn' } });
    const shoppers = await pin(cluster.balancerUrl, 10);
    await cluster.restartBalancer(0);
    for (const s of shoppers) expect((await get(cluster.balancerUrl, s.cookie)).setCookie).toMatch(/^ss_lb=/);
    const view = await (await fetch(new URL('/nodes', cluster.adminUrl), {
      headers: { authorization: `Bearer ${cluster.adminToken}` },
    })).json() as { affinity: { invalid: { unknown: number } } };
    expect(view.affinity.invalid.unknown).toBe(10);
  }, 60_000);

  it('startExtraBalancer: a second balancer with the run\'s secret agrees with the first; ' +
    'close() stops both', async () => {
    cluster = await startCluster({ variant: 'stateful', nodes: 2, nodeEnv: { LOG_LEVEL: 'warn' } });
    const extra = await cluster.startExtraBalancer();
    expect(extra.url).not.toBe(cluster.balancerUrl);
    expect(cluster.events.at(-1)?.type).toBe('balancer-start');
    const shoppers = await pin(cluster.balancerUrl, 20);
    for (const s of shoppers) {
      expect(await get(extra.url, s.cookie)).toEqual({ node: s.node, setCookie: undefined });
      expect((await get(cluster.balancerUrl, s.cookie)).node).toBe(s.node);
    }
    const pids = cluster.pids();
    expect(pids.extraBalancers).toEqual([extra.pid]);
    await cluster.close();
    expect(await waitGone([pids.balancer, extra.pid, ...Object.values(pids.nodes)], 5_000)).toEqual([]);
  }, 60_000);
});
