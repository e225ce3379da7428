// A real 2-node cluster of each variant: real shop nodes, the real balancer, real Redis. Every operation is
// checked against the balancer's own GET /nodes and against the processes themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterError, startCluster, VARIANTS, type Cluster, type ClusterEvent } from '../src/index.ts';
import { getNodes, stateOf, waitForState } from './helpers/balancer-state.ts';
import { running, waitGone } from './helpers/pids.ts';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  return err instanceof ClusterError ? err.code : `not a ClusterError: ${String(err)}`;
}

function everyPid(cluster: Cluster): number[] {
  const p = cluster.pids();
  return [p.balancer, ...Object.values(p.nodes), p.redis, p.redisGuard].filter((x): x is number => x !== undefined);
}

describe.each(VARIANTS)('cluster [%s]', (variant) => {
  let cluster: Cluster;
  const pids = new Set<number>();
  const emitted: ClusterEvent[] = [];
  const id = (n: number) => `${variant}-${n}`;

  beforeAll(async () => {
    cluster = await startCluster({ variant, nodes: 2, nodeEnv: { LOG_LEVEL: 'warn' } });
    cluster.on('event', (e: ClusterEvent) => emitted.push(e));
    for (const pid of everyPid(cluster)) pids.add(pid);
  }, 60_000);
  afterAll(async () => { await cluster?.close(); });

  it('starts <variant>-1..2 behind the balancer, every node up, with the default strategy', async () => {
    expect(cluster.nodes().map((n) => [n.id, n.state])).toEqual([[id(1), 'running'], [id(2), 'running']]);
    const snapshot = await getNodes(cluster.adminUrl, cluster.adminToken);
    expect(snapshot.strategy).toBe(variant === 'stateless' ? 'round-robin' : 'sticky');
    expect(snapshot.nodes.map((n) => [n.id, n.url, n.state]).sort())
      .toEqual(cluster.nodes().map((n) => [n.id, n.url, 'up']));
    const res = await fetch(new URL('/healthz', cluster.balancerUrl));
    expect([id(1), id(2)]).toContain(res.headers.get('x-served-by'));
    expect(cluster.redisUrl === undefined).toBe(variant !== 'stateless');
  });

  it('freeze stops the process and the balancer marks it down; thaw brings it back up', async () => {
    await cluster.freeze(id(2));
    expect(cluster.nodes()[1]?.state).toBe('frozen');
    await waitForState(cluster.adminUrl, id(2), 'down', undefined, cluster.adminToken);
    expect(await stateOf(cluster.adminUrl, id(2), cluster.adminToken)).toBe('down');
    await cluster.thaw(id(2));
    expect(cluster.nodes()[1]?.state).toBe('running');
    await waitForState(cluster.adminUrl, id(2), 'up', undefined, cluster.adminToken);
    expect(await stateOf(cluster.adminUrl, id(2), cluster.adminToken)).toBe('up');
  });

  it('drain and undrain show in GET /nodes', async () => {
    await cluster.drain(id(1));
    expect(await stateOf(cluster.adminUrl, id(1), cluster.adminToken)).toBe('draining');
    expect(cluster.nodes()[0]?.state).toBe('draining');
    await cluster.undrain(id(1));
    await waitForState(cluster.adminUrl, id(1), 'up', undefined, cluster.adminToken);
    expect(cluster.nodes()[0]?.state).toBe('running');
  });

  it('add starts <variant>-3 and returns once the balancer has it up; remove ends it', async () => {
    const added = await cluster.add();
    expect(added).toMatchObject({ type: 'add', node: id(3) });
    const third = cluster.nodes().find((n) => n.id === id(3));
    expect(third?.state).toBe('running');
    pids.add(third!.pid);
    const listed = (await getNodes(cluster.adminUrl, cluster.adminToken)).nodes.find((n) => n.id === id(3));
    expect(listed).toMatchObject({ url: third?.url, state: 'up' });
    await cluster.remove(id(3));
    expect((await getNodes(cluster.adminUrl, cluster.adminToken)).nodes.map((n) => n.id)).not.toContain(id(3));
    expect(cluster.nodes().map((n) => n.id)).toEqual([id(1), id(2)]);
    expect(await waitGone([third!.pid])).toEqual([]);
  });

  it('kill ends the process at once and the balancer marks it down', async () => {
    const pid = cluster.nodes()[0]!.pid;
    const event = await cluster.kill(id(1));
    expect(running(pid)).toBe(false);
    expect(cluster.nodes()[0]?.state).toBe('killed');
    await waitForState(cluster.adminUrl, id(1), 'down', undefined, cluster.adminToken);
    expect(event.t).toBeLessThanOrEqual(event.doneAt);
  });

  it('unknown or dead nodes fail with a code and change nothing', async () => {
    expect(await codeOf(cluster.kill('nope'))).toBe('CLUSTER_ERR_UNKNOWN_NODE');
    expect(await codeOf(cluster.drain('stateless-99'))).toBe('CLUSTER_ERR_UNKNOWN_NODE');
    expect(await codeOf(cluster.freeze(id(1)))).toBe('CLUSTER_ERR_NODE_STATE');
    expect(cluster.nodes().map((n) => n.state)).toEqual(['killed', 'running']);
  });

  if (variant === 'stateless') {
    it('stopRedis makes cart writes fail, startRedis brings them back on the same URL', async () => {
      const redisPid = cluster.pids().redis!;
      await cluster.stopRedis();
      expect(running(redisPid)).toBe(false);
      expect((await addToCart(cluster.balancerUrl)).ok).toBe(false);
      await cluster.startRedis();
      expect(await untilCartWriteSucceeds(cluster.balancerUrl)).toBe(true);
      pids.add(cluster.pids().redis!);
    });
  } else {
    it('has no Redis of its own: stopRedis/startRedis fail with CLUSTER_ERR_REDIS_NOT_MANAGED', async () => {
      expect(await codeOf(cluster.stopRedis())).toBe('CLUSTER_ERR_REDIS_NOT_MANAGED');
      expect(await codeOf(cluster.startRedis())).toBe('CLUSTER_ERR_REDIS_NOT_MANAGED');
    });
  }

  it('records every operation as a timestamped event, in order, and emits it', () => {
    const types = ['freeze', 'thaw', 'drain', 'undrain', 'add', 'remove', 'kill',
      ...(variant === 'stateless' ? ['redis-stop', 'redis-start'] : [])];
    expect(cluster.events.map((e) => e.type)).toEqual(types);
    expect(emitted).toEqual(cluster.events);
    for (const e of cluster.events) expect(e.t).toBeGreaterThan(Date.now() - 300_000);
  });

  it('close() leaves no process behind', async () => {
    await cluster.close();
    expect(await waitGone([...pids])).toEqual([]);
    expect(await codeOf(cluster.add())).toBe('CLUSTER_ERR_CLOSED');
  });
});

function addToCart(balancerUrl: string): Promise<Response> {
  return fetch(new URL('/api/cart/items', balancerUrl), {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ productId: 'p01', quantity: 1 }),
  });
}

/** The node's Redis client reconnects by itself with backoff: poll a bounded number of writes. */
async function untilCartWriteSucceeds(balancerUrl: string, bound = 15_000): Promise<boolean> {
  const deadline = Date.now() + bound;
  while (Date.now() < deadline) {
    if ((await addToCart(balancerUrl)).ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
