// The session memory probe: after the load and the read-back (it must not touch the carts the checker reads),
// creates N fresh sessions with one cart line each on one live node and divides the memory growth where the
// variant keeps them (node RSS, Redis used_memory, every replicated peer's RSS) by the sessions it created.
// Bounded in count and time; every figure it cannot measure honestly is null.
import type { Cluster, NodeInfo } from '@stateshift/cluster';
import type { SessionMemory } from '../session-memory-schema.ts';
import { readRssBytes } from './proc-reader.ts';
import { redisKeyCount, redisUsedMemory } from './redis-memory.ts';
import { createSessions, type CreatedSessions } from './session-creator.ts';

/** Sessions the experiments create unless --session-probe says otherwise (0 turns the probe off). */
export const DEFAULT_SESSION_PROBE = 10_000;
/** Fewer sessions than this and RSS's own noise (±10 MB: GC, allocator) swamps the growth: no figure. */
export const MIN_MEASURED_SESSIONS = 500;
/** connect-redis's keys, as packages/shop/src/redis/session-store.ts names them. */
const SESSION_KEYS = 'shop:sess:*';

/** 5 s, or 0.5 ms a session for a larger probe (100,000: 50 s): the count, not the clock, should end it. */
export const timeBoundFor = (sessions: number): number => Math.max(5_000, Math.round(sessions / 2));

export interface SessionProbeOptions {
  sessions: number;
  /** No new request starts after this long; default timeBoundFor(sessions). */
  timeBoundMs?: number;
  concurrency?: number;
}

/** `memory` null: the probe was off or could not run, `note` says why (null when it was off). */
export interface SessionProbeOutcome { memory: SessionMemory | null; note: string | null }

export async function probeSessionMemory(cluster: Cluster, options: SessionProbeOptions): Promise<SessionProbeOutcome> {
  if (options.sessions <= 0) return { memory: null, note: null };
  const live = cluster.nodes().filter((n) => n.state === 'running');
  const target = live[0];
  if (!target) return { memory: null, note: 'the session memory probe found no running node' };
  const productId = await firstProductId(target.port);
  if (!productId) return { memory: null, note: `the session memory probe could not read the products of ${target.id}` };
  const peers = cluster.variant === 'replicated' ? live.slice(1) : [];
  const redisUrl = cluster.variant === 'stateless' ? cluster.redisUrl : undefined;
  const countSessions = () => (redisUrl ? redisKeyCount(redisUrl, SESSION_KEYS) : healthSessions(target.port));

  const countBefore = await countSessions();
  const before = { rss: await settledRss([target, ...peers]), store: await usedMemory(redisUrl) };
  const peerCountsBefore = await Promise.all(peers.map((p) => healthSessions(p.port)));
  const made = await createSessions({
    port: target.port, productId, count: options.sessions, concurrency: options.concurrency ?? 8,
    deadline: Date.now() + (options.timeBoundMs ?? timeBoundFor(options.sessions)),
  });
  const countAfter = await countSessions();
  const counted = countBefore !== null && countAfter !== null;
  const created = countBefore !== null && countAfter !== null ? Math.max(0, countAfter - countBefore) : made.ok;
  // Asynchronous replication ships every 100 ms: wait, bounded, for each peer to hold its copies.
  const copies = await Promise.all(peers.map((p, i) => peerCopies(p.port, peerCountsBefore[i] ?? null, created)));
  const after = { rss: await settledRss([target, ...peers]), store: await usedMemory(redisUrl) };
  const countedBy = counted ? (redisUrl ? 'redis-keys' : 'healthz') : 'answers';
  const { variant } = cluster;
  const memory = figures({ variant, target, peers, options, made, created, copies, before, after, countedBy });
  return { memory, note: null };
}

interface Readings {
  variant: Cluster['variant']; target: NodeInfo; peers: NodeInfo[]; options: SessionProbeOptions;
  made: CreatedSessions; created: number; copies: (number | null)[]; countedBy: SessionMemory['countedBy'];
  before: { rss: (number | null)[]; store: number | null }; after: { rss: (number | null)[]; store: number | null };
}

const perSession = (bytes: number | null, n: number | null) =>
  bytes === null || n === null || n < MIN_MEASURED_SESSIONS ? null : Math.round(bytes / n);
const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

function figures(r: Readings): SessionMemory {
  const growth = (i: number) => {
    const [b, a] = [r.before.rss[i], r.after.rss[i]];
    return b == null || a == null ? null : a - b;
  };
  const node = growth(0);
  const store = r.before.store !== null && r.after.store !== null ? r.after.store - r.before.store : null;
  const peerGrowth = r.peers.map((_, i) => growth(i + 1));
  const peers = r.peers.length && !peerGrowth.includes(null) ? sum(peerGrowth as number[]) : null;
  const perCopy = r.peers.map((_, i) => perSession(peerGrowth[i] ?? null, r.copies[i] ?? null));
  const peerCopy = perCopy.length && !perCopy.includes(null)
    ? Math.round(sum(perCopy as number[]) / perCopy.length) : null;
  const each = { node: perSession(node, r.created), store: perSession(store, r.created), peerCopy };
  // Every copy, where the variant keeps them: Redis (stateless), the node (stateful), the node and each peer.
  const allPeers = node !== null && peers !== null && peerCopy !== null;
  const total = r.variant === 'stateless' ? each.store : !r.peers.length ? each.node
    : allPeers ? perSession(node + peers, r.created) : null;
  const tooFew = r.created < MIN_MEASURED_SESSIONS
    ? `${r.created} sessions created, a figure needs ${MIN_MEASURED_SESSIONS}` : null;
  return {
    node: r.target.id, requested: r.options.sessions, created: r.created, countedBy: r.countedBy,
    stoppedEarly: [r.made.stoppedEarly, tooFew].filter(Boolean).join('; ') || null, durationMs: r.made.durationMs,
    peers: r.peers.length, bytesPerSession: { ...each, total }, growthBytes: { node, store, peers },
  };
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
