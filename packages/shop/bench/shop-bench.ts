// `pnpm bench shop [--duration 10] [--connections 20] [--warmup 2] [--rounds 4] [--no-replicated]`: each variant as
// its own child process (no balancer), driven by autocannon on a cart workload (add an item, read the cart) with one
// session cookie per connection. Contenders: stateful, stateless, stateless over Sentinel (a primary, a replica, three
// sentinels) without and with REDIS_WAIT=1:100 (their CPU counts the node and every redis-server of the topology), and
// the replicated variant as groups of 2 and 3 nodes (sync and async), load on the first node, the others receiving its
// replication. The measured time is split into rounds that rotate the contenders, so a change in the machine's
// background load hits all alike. Prints req/s, p99, CPU and replication bytes per request, and the ratios the targets
// are stated in.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { parseSetCookie, stringifyCookie } from 'cookie';
import { startRedisHa, startRedisServer } from '@stateshift/cluster';
// A relative import: the benchmarks are scripts, not part of the package, which does not depend on @stateshift/cli.
import { HELP_OPTION, defineOptions, intIn, numberWhere, readFlagsOrExit } from '../../cli/src/index.ts';
import { PRODUCT_IDS } from '../src/index.ts';
import { startReplicatedGroup } from './replicated-group.ts';

const FLAGS = defineOptions([
  { name: '--duration', type: 'string', schema: numberWhere('a number of seconds above 0', (n) => n > 0), default: 10,
    placeholder: 's', description: 'measured seconds per contender, split into the rounds' },
  { name: '--connections', type: 'string', schema: intIn(1, 10_000), default: 20, placeholder: 'n',
    description: 'autocannon connections, one session cookie each' },
  { name: '--warmup', type: 'string', schema: numberWhere('a number of seconds, 0 or more', (n) => n >= 0), default: 2,
    placeholder: 's', description: 'seconds of load before measuring each contender' },
  { name: '--rounds', type: 'string', schema: intIn(1, 100), default: 4, placeholder: 'n',
    description: 'rounds that rotate the contenders' },
  { name: '--no-replicated', type: 'boolean', description: 'skip the replicated groups' },
  HELP_OPTION,
]);
const values = readFlagsOrExit(process.argv.slice(2), FLAGS, 'pnpm bench shop [flags]');
const { rounds, duration, connections, warmup } = values;

const ENTRIES = {
  stateful: fileURLToPath(new URL('../../../apps/shop-stateful/src/main.ts', import.meta.url)),
  stateless: fileURLToPath(new URL('../../../apps/shop-stateless/src/main.ts', import.meta.url)),
} as const;
type Variant = keyof typeof ENTRIES;

interface Figures {
  variant: string; rps: number; p99: number; non2xx: number; errors: number; requests: number; cpuUsPerRequest: number;
  replBytesPerRequest: number | null;
}

/** One contender: where to send load, whose CPU to count, and (replicated) the replication byte counter. */
interface Contender {
  name: string; url: string; pids: () => Array<number | undefined>; replBytes?: () => Promise<number>; note: string;
}

/** A connection's context: its session cookie and how many adds it made in that session. */
interface Ctx { cookie?: string; adds?: number }
/** Below 20 products × 99 units, so the workload never hits the quantity limit: a new session before that. */
const ADDS_PER_SESSION = 1900;
const asSent = (value: string): string => value;

function workload(url: string, seconds: number): autocannon.Options {
  const withCookie = (req: autocannon.Request, ctx: Ctx) => ({
    ...req, headers: { ...req.headers, ...(ctx.cookie ? { cookie: ctx.cookie } : {}) },
  });
  const keepCookie = (_s: number, _b: string, context: object, headers: Record<string, unknown> | undefined) => {
    const ctx = context as Ctx;
    const set = headers?.['Set-Cookie'] ?? headers?.['set-cookie'];
    const first = Array.isArray(set) ? set[0] : set;
    if (typeof first !== 'string') return;
    const { name, value } = parseSetCookie(first, { decode: asSent });
    ctx.cookie = stringifyCookie({ [name]: value }, { encode: asSent });
  };
  return {
    url, connections, duration: seconds,
    requests: [
      { method: 'POST', path: '/api/cart/items', headers: { 'content-type': 'application/json' },
        setupRequest: (req, context) => {
          const ctx = context as Ctx;
          ctx.adds = (ctx.adds ?? 0) + 1;
          if (ctx.adds > ADDS_PER_SESSION) { ctx.adds = 1; delete ctx.cookie; }
          const productId = PRODUCT_IDS[ctx.adds % PRODUCT_IDS.length];
          return withCookie({ ...req, body: JSON.stringify({ productId, quantity: 1 }) }, ctx);
        },
        onResponse: keepCookie },
      { method: 'GET', path: '/api/cart', setupRequest: (req, context) => withCookie(req, context as Ctx),
        onResponse: keepCookie },
    ],
  };
}

async function startNode(
  variant: Variant, redisEnv: Record<string, string>, id: string = variant,
): Promise<{ child: ChildProcess; url: string }> {
  const base = { ...process.env };
  delete base.REDIS_URL;
  const child = fork(ENTRIES[variant], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...base, PORT: '0', NODE_ID: `${id}-bench`, ...redisEnv, LOG_LEVEL: 'error', SESSION_SECRET: 'bench' } });
  const msg = await new Promise<{ port: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number }));
    child.once('exit', (code) => reject(new Error(`${variant} exited (${code}) before ready`)));
  });
  return { child, url: `http://127.0.0.1:${msg.port}` };
}

async function stopNode(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

interface Round {
  requests: number; seconds: number; p99: number; non2xx: number; errors: number; cpuMs: number;
  replBytes: number | null;
}

/** CPU time (user + system) a process used so far, in ms; 0 where /proc is missing. Robust to a busy machine. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

async function round(c: Contender, seconds: number): Promise<Round> {
  const cpu = () => c.pids().reduce<number>((n, pid) => n + cpuMs(pid), 0);
  const before = cpu();
  const bytesBefore = await c.replBytes?.();
  const r = await autocannon(workload(c.url, seconds));
  const cpuAfter = cpu();
  const bytesAfter = await c.replBytes?.();
  return {
    requests: r.requests.total, seconds: r.duration, p99: r.latency.p99, non2xx: r.non2xx,
    errors: r.errors + r.timeouts, cpuMs: cpuAfter - before,
    replBytes: bytesBefore === undefined || bytesAfter === undefined ? null : bytesAfter - bytesBefore,
  };
}

function summarize(variant: string, rs: Round[]): Figures {
  const sum = (f: (r: Round) => number) => rs.reduce((n, r) => n + f(r), 0);
  const p99s = rs.map((r) => r.p99).sort((a, b) => a - b);
  return { variant, rps: sum((r) => r.requests) / sum((r) => r.seconds), p99: p99s[Math.floor(p99s.length / 2)] ?? 0,
    non2xx: sum((r) => r.non2xx), errors: sum((r) => r.errors), requests: sum((r) => r.requests),
    cpuUsPerRequest: (sum((r) => r.cpuMs) * 1000) / Math.max(1, sum((r) => r.requests)),
    replBytesPerRequest: rs.every((r) => r.replBytes !== null)
      ? sum((r) => r.replBytes ?? 0) / Math.max(1, sum((r) => r.requests))
      : null };
}

const redis = await startRedisServer();
const ha = await startRedisHa();
const nodes: ChildProcess[] = [];
try {
  console.log(`shop bench: ${connections} connections, ${duration} s per variant in ${rounds} alternating rounds ` +
    `(+${warmup} s warm-up), add/read cart, one cookie per connection`);
  const contenders: Contender[] = [];
  const sentinels = { REDIS_SENTINELS: ha.sentinelList };
  const singles: ReadonlyArray<{
    name: string; variant: Variant; env: Record<string, string>; note: string; pids: () => Array<number | undefined>;
  }> = [
    { name: 'stateful', variant: 'stateful', env: { REDIS_URL: redis.url }, note: 'node', pids: () => [] },
    { name: 'stateless', variant: 'stateless', env: { REDIS_URL: redis.url }, note: 'node + redis-server',
      pids: () => [redis.pid()] },
    { name: 'stateless-sentinel', variant: 'stateless', env: sentinels, note: 'node + primary, replica, 3 sentinels',
      pids: () => Object.values(ha.pids()) },
    { name: 'stateless-sentinel-wait', variant: 'stateless', env: { ...sentinels, REDIS_WAIT: '1:100' },
      note: 'node + primary, replica, 3 sentinels', pids: () => Object.values(ha.pids()) },
  ];
  for (const c of singles) {
    const node = await startNode(c.variant, c.env, c.name);
    nodes.push(node.child);
    contenders.push({ name: c.name, url: node.url, note: c.note, pids: () => [node.child.pid, ...c.pids()] });
  }
  if (!values['no-replicated']) {
    for (const size of [2, 3]) {
      for (const mode of ['sync', 'async'] as const) {
        const group = await startReplicatedGroup(mode, size);
        nodes.push(...group.children);
        contenders.push({
          name: `replicated ${mode} x${size}`, url: group.url, pids: group.pids, replBytes: group.replicationBytes,
          note: `${size} nodes`,
        });
      }
    }
  }
  if (warmup > 0) for (const c of contenders) await autocannon(workload(c.url, warmup));
  const measured = new Map<string, Round[]>(contenders.map((c) => [c.name, []]));
  for (let i = 0; i < rounds; i++) {
    // Each round starts one contender later, so none is always measured first or last.
    const order = contenders.map((_, k) => contenders[(k + i) % contenders.length]!);
    for (const c of order) measured.get(c.name)!.push(await round(c, duration / rounds));
  }
  const figures = contenders.map((c) => summarize(c.name, measured.get(c.name)!));
  for (const [k, f] of figures.entries()) {
    console.log(`${f.variant.padEnd(24)} ${f.rps.toFixed(0).padStart(7)} req/s   ` +
      `p99 ${String(f.p99).padStart(4)} ms (median of rounds)   ` +
      `${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors, ` +
      `CPU ${f.cpuUsPerRequest.toFixed(0)} µs/request (${contenders[k]!.note})` +
      (f.replBytesPerRequest === null ? '' : `, replication ${f.replBytesPerRequest.toFixed(0)} B/request`));
  }
  const [sf, sl] = [figures[0]!, figures[1]!];
  const ratio = sl.rps / sf.rps;
  console.log(`ratio stateless/stateful: ${ratio.toFixed(2)} (target >= 0.85) ${ratio >= 0.85 ? 'MET' : 'MISSED'}; ` +
    `CPU per request stateful/stateless: ${(sf.cpuUsPerRequest / sl.cpuUsPerRequest).toFixed(2)}`);
  const [sn, sw] = [figures[2]!, figures[3]!];
  console.log(`over Sentinel / one Redis: req/s ${(sn.rps / sl.rps).toFixed(2)} without WAIT, ` +
    `${(sw.rps / sl.rps).toFixed(2)} with WAIT 1:100; ` +
    `p99 ${sn.p99} and ${sw.p99} ms vs ${sl.p99} ms`);
  for (const f of figures.slice(4)) {
    if (f.variant.includes('async')) {
      const r = f.rps / sf.rps;
      console.log(`${f.variant}: throughput / stateful ${r.toFixed(2)} (target >= 0.8) ${r >= 0.8 ? 'MET' : 'MISSED'}`);
    } else {
      const r = f.p99 / Math.max(1, sf.p99);
      console.log(`${f.variant}: p99 / stateful ${r.toFixed(2)} (target <= 2) ${r <= 2 ? 'MET' : 'MISSED'}; ` +
        `p99 added ${f.p99 - sf.p99} ms`);
    }
  }
} finally {
  await Promise.all(nodes.map(stopNode));
  await redis.close();
  await ha.close();
}
