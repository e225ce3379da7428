// The session memory probe: after the load and the read-back (it must not touch the carts the checker reads),
// creates N fresh sessions with one cart line each on one live node, in a few equal steps, and divides the memory
// growth where the variant keeps them by the sessions it created: the live JS heap after a full GC of the node and
// of every replicated peer (asked over IPC, heap-steps.ts), Redis used_memory (stateless). The nodes' RSS growth
// is kept as a second figure: it is what the OS sees, allocator slack and GC headroom included, and it is noisy.
// Bounded in count and time; every figure it cannot measure honestly is null.
import type { Cluster, NodeInfo } from '@stateshift/cluster';
import type { SessionMemory } from '../session-memory-schema.ts';
import { heapFigures, heapOf, type Checkpoint } from './heap-steps.ts';
import { readRssBytes } from './proc-reader.ts';
import { redisKeyCount, redisUsedMemory } from './redis-memory.ts';
import { createSessions } from './session-creator.ts';

/** Sessions the experiments create unless --session-probe says otherwise (0 turns the probe off). */
export const DEFAULT_SESSION_PROBE = 2_000;
/** Equal steps the sessions are created in; the node figure is the median step (heap-steps.ts). */
export const PROBE_STEPS = 5;
/** Fewer sessions than this and the heap's own ±40 KB (and RSS's ±10 MB) weigh too much: no figure. */
export const MIN_MEASURED_SESSIONS = 500;
/** connect-redis's keys, as packages/shop/src/redis/session-store.ts names them. */
const SESSION_KEYS = 'shop:sess:*';

/** 10 s, or 5 ms a session for a larger probe (100,000: 500 s): the count, not the clock, should end it (2,000
 *  sessions take about 1 s on an idle node; the bound is for a machine busy with something else). */
const timeBoundFor = (sessions: number): number => Math.max(10_000, sessions * 5);

export interface SessionProbeOptions {
  sessions: number;
  /** No new request starts after this long; default timeBoundFor(sessions). */
  timeBoundMs?: number;
  concurrency?: number;
}

/** `memory` null: the probe was off or could not run, `note` says why (null when it was off). */
export interface SessionProbeOutcome { memory: SessionMemory | null; note: string | null }

interface Created { ok: number; stoppedEarly: string | null; durationMs: number }

export async function probeSessionMemory(cluster: Cluster, options: SessionProbeOptions): Promise<SessionProbeOutcome> {
  if (options.sessions <= 0) return { memory: null, note: null };
  const live = cluster.nodes().filter((n) => n.state === 'running');
  const target = live[0];
  if (!target) return { memory: null, note: 'the session memory probe found no running node' };
  const productId = await firstProductId(target.port);
  if (!productId) return { memory: null, note: `the session memory probe could not read the products of ${target.id}` };
  const peers = cluster.variant === 'replicated' ? live.slice(1) : [];
  const nodes = [target, ...peers];
  const redisUrl = cluster.variant === 'stateless' ? cluster.redisUrl : undefined;
  const countSessions = () => (redisUrl ? redisKeyCount(redisUrl, SESSION_KEYS) : healthSessions(target.port));
  const checkpoint = async (): Promise<Checkpoint> => {
    const count = [await countSessions(), ...await Promise.all(peers.map((p) => healthSessions(p.port)))];
    return { count, heap: await heapOf(cluster, nodes) };
  };

  const points = [await checkpoint()];
  const before = { rss: await settledRss(nodes), store: await usedMemory(redisUrl) };
  const made: Created = { ok: 0, stoppedEarly: null, durationMs: 0 };
  const okAt = [0];
  const boundMs = options.timeBoundMs ?? timeBoundFor(options.sessions);
  const deadline = Date.now() + boundMs;
  for (let step = 1; step <= PROBE_STEPS && made.stoppedEarly === null; step++) {
    const count = stepEnd(options.sessions, step) - stepEnd(options.sessions, step - 1);
    if (count <= 0) continue;
    const concurrency = options.concurrency ?? 8;
    const run = await createSessions({ port: target.port, productId, count, concurrency, deadline, boundMs });
    made.ok += run.ok;
    made.stoppedEarly = run.stoppedEarly;
    made.durationMs += run.durationMs;
    // Asynchronous replication ships every 100 ms: wait, bounded, for each peer to hold its copies.
    const last = points.at(-1);
    const writer = await countSessions();
    const grown = writer !== null && last?.count[0] != null ? writer - last.count[0] : run.ok;
    await Promise.all(peers.map((p, i) => peerCopies(p.port, last?.count[i + 1] ?? null, grown)));
    points.push(await checkpoint());
    okAt.push(made.ok);
  }
  const after = { rss: await settledRss(nodes), store: await usedMemory(redisUrl) };
  const counted = points.every((p) => p.count[0] !== null);
  // Uncountable (no /healthz sessions, Redis silent): the node's 2xx answers are the count.
  if (!counted) points.forEach((p, i) => { p.count[0] = okAt[i] ?? null; });
  const first = points[0]?.count ?? [];
  const final = points.at(-1)?.count ?? [];
  const created = Math.max(0, (final[0] ?? 0) - (first[0] ?? 0));
  const copies = peers.map((_, i) => {
    const [b, a] = [first[i + 1], final[i + 1]];
    return b == null || a == null ? null : a - b;
  });
  const countedBy = counted ? (redisUrl ? 'redis-keys' : 'healthz') : 'answers';
  const heap = heapFigures(points, nodes.length);
  const { variant } = cluster;
  const memory = figures({ variant, target, peers, options, made, created, copies, before, after, countedBy, heap });
  return { memory, note: null };
}

/** Sessions created by the end of step `step` of PROBE_STEPS. */
const stepEnd = (sessions: number, step: number) => Math.round((sessions * step) / PROBE_STEPS);

interface Readings {
  variant: Cluster['variant']; target: NodeInfo; peers: NodeInfo[]; options: SessionProbeOptions;
  made: Created; created: number; copies: (number | null)[]; countedBy: SessionMemory['countedBy'];
  before: { rss: (number | null)[]; store: number | null }; after: { rss: (number | null)[]; store: number | null };
  heap: ReturnType<typeof heapFigures>;
}

const perSession = (bytes: number | null, n: number | null) =>
  bytes === null || n === null || n < MIN_MEASURED_SESSIONS ? null : Math.round(bytes / n);
const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
const all = (values: readonly (number | null)[]): values is number[] => values.length > 0 && !values.includes(null);

function figures(r: Readings): SessionMemory {
  const growth = (i: number) => {
    const [b, a] = [r.before.rss[i], r.after.rss[i]];
    return b == null || a == null ? null : a - b;
  };
  const node = growth(0);
  const store = r.before.store !== null && r.after.store !== null ? r.after.store - r.before.store : null;
  const peerGrowth = r.peers.map((_, i) => growth(i + 1));
  const peers = all(peerGrowth) ? sum(peerGrowth) : null;
  const perCopy = r.peers.map((_, i) => perSession(peerGrowth[i] ?? null, r.copies[i] ?? null));
  const peerCopy = all(perCopy) ? Math.round(sum(perCopy) / perCopy.length) : null;
  const each = { node: perSession(node, r.created), store: perSession(store, r.created), peerCopy };
  const heap = heapPerSession(r);
  // Every copy, where the variant keeps them: Redis (stateless), the node (stateful), the node and each peer.
  const total = r.variant === 'stateless' ? each.store : heap.total;
  const tooFew = r.created < MIN_MEASURED_SESSIONS
    ? `${r.created} sessions created, a figure needs ${MIN_MEASURED_SESSIONS}` : null;
  const peerHeap = r.heap.growth.slice(1);
  return {
    node: r.target.id, requested: r.options.sessions, created: r.created, countedBy: r.countedBy,
    stoppedEarly: [r.made.stoppedEarly, tooFew].filter(Boolean).join('; ') || null, durationMs: r.made.durationMs,
    peers: r.peers.length, steps: r.heap.steps,
    bytesPerSession: { ...each, total, heap: { node: heap.node, peerCopy: heap.peerCopy } },
    growthBytes: {
      node, store, peers, heap: { node: r.heap.growth[0] ?? null, peers: all(peerHeap) ? sum(peerHeap) : null },
    },
  };
}

/** The heap figures per session: null below MIN_MEASURED_SESSIONS, or when a peer received too few copies. */
function heapPerSession(r: Readings): { node: number | null; peerCopy: number | null; total: number | null } {
  const enough = (n: number | null) => n !== null && n >= MIN_MEASURED_SESSIONS;
  const node = enough(r.created) ? r.heap.perSession[0] ?? null : null;
  const copies = r.peers.map((_, i) => (enough(r.copies[i] ?? null) ? r.heap.perSession[i + 1] ?? null : null));
  const peerSum = all(copies) ? sum(copies) : null;
  const peerCopy = peerSum === null ? null : Math.round(peerSum / copies.length);
  const total = node === null ? null : !r.peers.length ? node : peerSum === null ? null : node + peerSum;
  return { node, peerCopy, total };
}

/** RSS of each node once two readings 100 ms apart differ by under 256 KiB, or after 1.5 s (null: gone). */
async function settledRss(nodes: readonly NodeInfo[], boundMs = 1_500): Promise<(number | null)[]> {
  const read = () => nodes.map((n) => readRssBytes(n.pid));
  const deadline = Date.now() + boundMs;
  let last = read();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = read();
    const still = now.every((b, i) => b === null || last[i] == null || Math.abs(b - (last[i] ?? 0)) < 256 * 1024);
    last = now;
    if (still) break;
  }
  return last;
}

async function peerCopies(port: number, before: number | null, created: number, boundMs = 3_000)
  : Promise<number | null> {
  if (before === null) return null;
  const deadline = Date.now() + boundMs;
  for (;;) {
    const now = await healthSessions(port);
    if (now === null) return null;
    if (now - before >= created || Date.now() >= deadline) return Math.max(0, now - before);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const usedMemory = (url: string | undefined) => (url ? redisUsedMemory(url) : Promise.resolve(null));

async function healthSessions(port: number): Promise<number | null> {
  const body = await getJson(port, '/healthz') as { sessions?: unknown } | null;
  return typeof body?.sessions === 'number' ? body.sessions : null;
}

async function firstProductId(port: number): Promise<string | null> {
  const body = await getJson(port, '/api/products') as { products?: { id?: unknown }[] } | { id?: unknown }[] | null;
  const list = Array.isArray(body) ? body : body?.products ?? [];
  const id = list.find((p) => typeof p.id === 'string')?.id;
  return typeof id === 'string' ? id : null;
}

async function getJson(port: number, path: string): Promise<unknown> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`,
      { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(2_000) });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}
