// The session memory probe on real clusters (real shop nodes, real Redis on a free port): a measured, plausible
// figure whose session count agrees with the node's /healthz or with Redis; null, never 0, when off or refused.
// The node figure is the live heap after a full GC (asked over IPC) and repeats; RSS is kept beside it.
import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type Cluster, type NodeInfo } from '@stateshift/cluster';
import { redisKeyCount } from '../src/cost/redis-memory.ts';
import { DEFAULT_SESSION_PROBE, MIN_MEASURED_SESSIONS, PROBE_STEPS, probeSessionMemory }
  from '../src/cost/session-probe.ts';

// The heap after GC moves by ~40 KB on its own: the default 2,000 sessions (~2.5 MB) keep it far above its noise;
// RSS (±10 MB) is only checked to be read. Redis is exact (~600–700 B each).
const SESSIONS = DEFAULT_SESSION_PROBE;
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
  it('[stateful] › node heap per session (RSS beside it), counted by /healthz sessions; it repeats', async () => {
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
    expect(memory!.steps).toBe(PROBE_STEPS);
    const { node: rss, store, peerCopy, total, heap } = memory!.bytesPerSession;
    expect(heap!.node).toBeGreaterThan(PLAUSIBLE[0]);
    expect(heap!.node).toBeLessThan(PLAUSIBLE[1]);
    expect(total).toBe(heap!.node);
    expect(rss).toEqual(expect.any(Number));
    expect([store, peerCopy, heap!.peerCopy]).toEqual([null, null, null]);
    expect(memory!.growthBytes.heap!.node).toBeGreaterThan(SESSIONS * PLAUSIBLE[0]);
    // Same node, next sessions, twice: the figure repeats (RSS gave 1.6 and 4.7 KiB on two runs). Past its first
    // ~3,000 sessions a node's figure is ~1.1 KB, below them ~1.4 KB: both probes compared are past them.
    const repeat = async () => (await probeSessionMemory(cluster!, { sessions: SESSIONS, timeBoundMs: 20_000 }))
      .memory!.bytesPerSession.total!;
    const [a, b] = [await repeat(), await repeat()];
    expect(Math.abs(b - a) / a).toBeLessThan(0.1);
  }, 120_000);

  it('[stateless] › Redis used_memory per session, counted by the Redis session keys', async () => {
    cluster = await startCluster({ variant: 'stateless', nodes: 1, nodeEnv: { LOG_LEVEL: 'warn' } });
    const before = (await redisKeyCount(cluster.redisUrl!, 'shop:sess:*'))!;
    const { memory } = await probeSessionMemory(cluster, { sessions: SESSIONS, timeBoundMs: 20_000 });
    expect(memory).toMatchObject({
      requested: SESSIONS, created: SESSIONS, countedBy: 'redis-keys', stoppedEarly: null,
    });
    expect(await redisKeyCount(cluster.redisUrl!, 'shop:sess:*')).toBe(before + SESSIONS);
    const { store, total, heap } = memory!.bytesPerSession;
    expect(store).toBeGreaterThan(PLAUSIBLE[0]);
    expect(store).toBeLessThan(PLAUSIBLE[1]);
    expect(total).toBe(store);
    expect(memory!.growthBytes.store).toBeGreaterThan(0);
    // The control: a stateless node keeps no session, only its id in the touch memory of
    // packages/shop/src/redis/session-store.ts (at most 10,000): a few hundred bytes.
    expect(heap!.node).toBeLessThan(1_024);
  }, 60_000);

  it('[replicated] › the writer\'s heap and each peer\'s copy; every peer holds every session', async () => {
    cluster = await startCluster({ variant: 'replicated', nodes: 2, nodeEnv: { LOG_LEVEL: 'warn' } });
    const [writer, peer] = cluster.nodes() as [NodeInfo, NodeInfo];
    const { memory } = await probeSessionMemory(cluster, { sessions: 2_000, timeBoundMs: 20_000 });
    expect(memory).toMatchObject({ node: writer.id, created: 2_000, countedBy: 'healthz', peers: 1 });
    expect((await healthz(peer.port)).sessions).toBe((await healthz(writer.port)).sessions);
    const { growthBytes: g, bytesPerSession: b } = memory!;
    expect(b.peerCopy).not.toBeNull();
    expect(g.node! + g.peers!).toEqual(expect.any(Number));
    expect(b.heap!.node).toBeGreaterThan(PLAUSIBLE[0]);
    expect(b.heap!.peerCopy).toBeGreaterThan(PLAUSIBLE[0]);
    expect(b.total).toBe(b.heap!.node! + b.heap!.peerCopy!);
  }, 60_000);

  it('is null, not 0: probe off; a node at its session cap refuses (SHOP_ERR_CAPACITY)', async () => {
    cluster = await startCluster({ variant: 'stateful', nodes: 1, nodeEnv: { LOG_LEVEL: 'warn', MAX_SESSIONS: '20' } });
    expect(await probeSessionMemory(cluster, { sessions: 0 })).toEqual({ memory: null, note: null });
    const { memory } = await probeSessionMemory(cluster, { sessions: 200 });
    expect(memory!.created).toBe(20);
    expect(memory!.created).toBe((await healthz(cluster.nodes()[0]!.port)).sessions);
    expect(memory!.stoppedEarly).toMatch(/SHOP_ERR_CAPACITY after 20 2xx answers/);
    expect(memory!.bytesPerSession).toEqual({
      node: null, store: null, peerCopy: null, total: null, heap: { node: null, peerCopy: null },
    });
    // At the cap from the first request on: nothing created, nothing measured.
    const { memory: refused } = await probeSessionMemory(cluster, { sessions: 200 });
    expect(refused).toMatchObject({
      created: 0, stoppedEarly: expect.stringMatching(/^HTTP 503 SHOP_ERR_CAPACITY after 0 2xx answers/),
    });
    expect(refused!.bytesPerSession.total).toBeNull();
    expect(MIN_MEASURED_SESSIONS).toBeGreaterThan(20);
  }, 60_000);
});
