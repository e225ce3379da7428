// The session memory probe on real clusters (real shop nodes, real Redis on a free port): a measured, plausible
// figure whose session count agrees with the node's /healthz or with Redis; null, never 0, when off or refused.
import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type Cluster, type NodeInfo } from '@stateshift/cluster';
import { redisKeyCount } from '../src/cost/redis-memory.ts';
import { MIN_MEASURED_SESSIONS, probeSessionMemory } from '../src/cost/session-probe.ts';

// RSS moves by ±10 MB on its own (GC, allocator): 2,000 sessions (~10 MB) measured 7–16 KB each on a young
// node, so 5,000 (~25 MB) keep the node's figure clear of its noise; Redis is exact (~600–700 B each).
const SESSIONS = 5_000;
// Plausible per session: its JSON is ~200 B; the key, the cart line and V8's or Redis' overhead add to it.
const PLAUSIBLE = [300, 100 * 1024] as const;

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

type Health = { sessions: number | null; maxSessions: number | null };
async function healthz(port: number): Promise<Health> {
  return (await fetch(`http://127.0.0.1:${port}/healthz`)).json() as Promise<Health>;
}

describe('cost › session memory probe (real nodes)', () => {
  it('[stateful] › node RSS per session, counted by /healthz sessions', async () => {
    cluster = await startCluster({ variant: 'stateful', nodes: 1, nodeEnv: { LOG_LEVEL: 'warn' } });
    const node = cluster.nodes()[0]!;
    // The first sessions also warm the node up (JIT, heap): an experiment probes a node its load warmed.
    await probeSessionMemory(cluster, { sessions: 500 });
    const before = (await healthz(node.port)).sessions!;
    const { memory, note } = await probeSessionMemory(cluster, { sessions: SESSIONS, timeBoundMs: 20_000 });
    expect(note).toBeNull();
    expect(memory).toMatchObject({ node: node.id, requested: SESSIONS, countedBy: 'healthz', peers: 0 });
    expect(memory!.created).toBe((await healthz(node.port)).sessions! - before);
    expect(memory!.created).toBe(SESSIONS);
    const { node: perNode, store, peerCopy, total } = memory!.bytesPerSession;
    expect(perNode).toBeGreaterThan(PLAUSIBLE[0]);
    expect(perNode).toBeLessThan(PLAUSIBLE[1]);
    expect(total).toBe(perNode);
    expect([store, peerCopy]).toEqual([null, null]);
  }, 60_000);

  it('[stateless] › Redis used_memory per session, counted by the Redis session keys', async () => {
    cluster = await startCluster({ variant: 'stateless', nodes: 1, nodeEnv: { LOG_LEVEL: 'warn' } });
    const before = (await redisKeyCount(cluster.redisUrl!, 'shop:sess:*'))!;
    const { memory } = await probeSessionMemory(cluster, { sessions: SESSIONS, timeBoundMs: 20_000 });
    expect(memory).toMatchObject({
      requested: SESSIONS, created: SESSIONS, countedBy: 'redis-keys', stoppedEarly: null,
    });
    expect(await redisKeyCount(cluster.redisUrl!, 'shop:sess:*')).toBe(before + SESSIONS);
    const { store, total } = memory!.bytesPerSession;
    expect(store).toBeGreaterThan(PLAUSIBLE[0]);
    expect(store).toBeLessThan(PLAUSIBLE[1]);
    expect(total).toBe(store);
    expect(memory!.growthBytes.store).toBeGreaterThan(0);
  }, 60_000);

  it('[replicated] › the writer\'s RSS and each peer\'s copy; every peer holds every session', async () => {
    cluster = await startCluster({ variant: 'replicated', nodes: 2, nodeEnv: { LOG_LEVEL: 'warn' } });
    const [writer, peer] = cluster.nodes() as [NodeInfo, NodeInfo];
    const { memory } = await probeSessionMemory(cluster, { sessions: 2_000, timeBoundMs: 20_000 });
    expect(memory).toMatchObject({ node: writer.id, created: 2_000, countedBy: 'healthz', peers: 1 });
    expect((await healthz(peer.port)).sessions).toBe((await healthz(writer.port)).sessions);
    const { growthBytes: g, bytesPerSession: b } = memory!;
    expect(b.peerCopy).not.toBeNull();
    expect(b.total).toBe(Math.round((g.node! + g.peers!) / 2_000));
  }, 60_000);

  it('is null, not 0: probe off; a node at its session cap refuses (SHOP_ERR_CAPACITY)', async () => {
    cluster = await startCluster({ variant: 'stateful', nodes: 1, nodeEnv: { LOG_LEVEL: 'warn', MAX_SESSIONS: '20' } });
    expect(await probeSessionMemory(cluster, { sessions: 0 })).toEqual({ memory: null, note: null });
    const { memory } = await probeSessionMemory(cluster, { sessions: 200 });
    expect(memory!.created).toBe(20);
    expect(memory!.created).toBe((await healthz(cluster.nodes()[0]!.port)).sessions);
    expect(memory!.stoppedEarly).toMatch(/SHOP_ERR_CAPACITY after 20 2xx answers/);
    expect(memory!.bytesPerSession).toEqual({ node: null, store: null, peerCopy: null, total: null });
    // At the cap from the first request on: nothing created, nothing measured.
    const { memory: refused } = await probeSessionMemory(cluster, { sessions: 200 });
    expect(refused).toMatchObject({
      created: 0, stoppedEarly: expect.stringMatching(/^HTTP 503 SHOP_ERR_CAPACITY after 0 2xx answers/),
    });
    expect(refused!.bytesPerSession.total).toBeNull();
    expect(MIN_MEASURED_SESSIONS).toBeGreaterThan(20);
  }, 60_000);
});
