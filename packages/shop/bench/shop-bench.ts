// `pnpm bench shop [--duration 10] [--connections 20] [--warmup 2] [--rounds 4]`: each variant as its own child
// process (no balancer), driven by autocannon on a cart workload (add an item, read the cart) with one session cookie
// per connection. The measured time is split into rounds that alternate the variants (AB BA AB ...), so a change in
// the machine's background load hits both alike. Prints req/s and p99 per variant and the stateless/stateful ratio.
// Two more contenders run in the same rounds: stateless over Sentinel (a primary, a replica, three sentinels), without
// and with REDIS_WAIT=1:100; their CPU counts the node and every redis-server of the topology.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startRedisHa, startRedisServer } from '@stateshift/cluster';
import { PRODUCT_IDS } from '../src/index.ts';

const { values } = parseArgs({ options: {
  duration: { type: 'string', default: '10' },
  connections: { type: 'string', default: '20' },
  warmup: { type: 'string', default: '2' },
  rounds: { type: 'string', default: '4' },
} });
const rounds = Math.round(positive('rounds', values.rounds));
const duration = positive('duration', values.duration);
const connections = positive('connections', values.connections);
const warmup = Number(values.warmup) >= 0 ? Number(values.warmup) : positive('warmup', values.warmup);

const ENTRIES = {
  stateful: fileURLToPath(new URL('../../../apps/shop-stateful/src/main.ts', import.meta.url)),
  stateless: fileURLToPath(new URL('../../../apps/shop-stateless/src/main.ts', import.meta.url)),
} as const;
type Variant = keyof typeof ENTRIES;
/** Contenders: the two variants, and stateless over Sentinel without and with WAIT. */
type Contender = Variant | 'stateless-sentinel' | 'stateless-sentinel-wait';
const CONTENDERS: readonly Contender[] = ['stateful', 'stateless', 'stateless-sentinel', 'stateless-sentinel-wait'];

interface Figures { variant: Contender; rps: number; p99: number; non2xx: number; errors: number; requests: number; cpuUsPerRequest: number }

/** A connection's context: its session cookie and how many adds it made in that session. */
interface Ctx { cookie?: string; adds?: number }
/** Below 20 products × 99 units, so the workload never hits the quantity limit: a new session before that. */
const ADDS_PER_SESSION = 1900;

function workload(url: string, seconds: number): autocannon.Options {
  const withCookie = (req: autocannon.Request, ctx: Ctx) => ({ ...req, headers: { ...req.headers, ...(ctx.cookie ? { cookie: ctx.cookie } : {}) } });
  const keepCookie = (_s: number, _b: string, context: object, headers: Record<string, unknown> | undefined) => {
    const ctx = context as Ctx;
    const set = headers?.['Set-Cookie'] ?? headers?.['set-cookie'];
    const first = Array.isArray(set) ? set[0] : set;
    if (typeof first === 'string') ctx.cookie = first.split(';')[0];
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
      { method: 'GET', path: '/api/cart', setupRequest: (req, context) => withCookie(req, context as Ctx), onResponse: keepCookie },
    ],
  };
}

async function startNode(variant: Variant, redisEnv: Record<string, string>, id: string = variant): Promise<{ child: ChildProcess; url: string }> {
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

interface Round { requests: number; seconds: number; p99: number; non2xx: number; errors: number; cpuMs: number }

/** CPU time (user + system) a process used so far, in ms; 0 where /proc is missing. Robust to a busy machine. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

async function round(url: string, seconds: number, pids: () => Array<number | undefined>): Promise<Round> {
  const cpu = () => pids().reduce<number>((n, pid) => n + cpuMs(pid), 0);
  const before = cpu();
  const r = await autocannon(workload(url, seconds));
  return { requests: r.requests.total, seconds: r.duration, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts,
    cpuMs: cpu() - before };
}

function summarize(variant: Contender, rs: Round[]): Figures {
  const sum = (f: (r: Round) => number) => rs.reduce((n, r) => n + f(r), 0);
  const p99s = rs.map((r) => r.p99).sort((a, b) => a - b);
  return { variant, rps: sum((r) => r.requests) / sum((r) => r.seconds), p99: p99s[Math.floor(p99s.length / 2)] ?? 0,
    non2xx: sum((r) => r.non2xx), errors: sum((r) => r.errors), requests: sum((r) => r.requests),
    cpuUsPerRequest: (sum((r) => r.cpuMs) * 1000) / Math.max(1, sum((r) => r.requests)) };
}

function positive(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} must be a positive number (got ${JSON.stringify(raw)})`);
    process.exit(2);
  }
  return n;
}

const redis = await startRedisServer();
const ha = await startRedisHa();
const nodes: ChildProcess[] = [];
try {
  console.log(`shop bench: ${connections} connections, ${duration} s per variant in ${rounds} alternating rounds ` +
    `(+${warmup} s warm-up), add/read cart, one cookie per connection`);
  const urls = {} as Record<Contender, string>;
  const pids = {} as Record<Contender, () => Array<number | undefined>>;
  const measured: Record<Contender, Round[]> = { stateful: [], stateless: [], 'stateless-sentinel': [], 'stateless-sentinel-wait': [] };
  const sentinels = { REDIS_SENTINELS: ha.sentinelList };
  const redisEnv: Record<Contender, Record<string, string>> = {
    stateful: { REDIS_URL: redis.url }, stateless: { REDIS_URL: redis.url },
    'stateless-sentinel': sentinels, 'stateless-sentinel-wait': { ...sentinels, REDIS_WAIT: '1:100' },
  };
  for (const contender of CONTENDERS) {
    const node = await startNode(contender === 'stateful' ? 'stateful' : 'stateless', redisEnv[contender], contender);
    nodes.push(node.child);
    urls[contender] = node.url;
    pids[contender] = () => contender === 'stateful' ? [node.child.pid]
      : contender === 'stateless' ? [node.child.pid, redis.pid()] : [node.child.pid, ...Object.values(ha.pids())];
    if (warmup > 0) await autocannon(workload(node.url, warmup));
  }
  for (let i = 0; i < rounds; i++) {
    // Each round starts one contender later (ABCD BCDA CDAB ...) so no one always runs first or last.
    const order = CONTENDERS.map((_, k) => CONTENDERS[(i + k) % CONTENDERS.length]!);
    for (const c of order) measured[c].push(await round(urls[c], duration / rounds, pids[c]));
  }
  const figures = CONTENDERS.map((c) => summarize(c, measured[c]));
  const cpuOf: Record<Contender, string> = { stateful: 'node', stateless: 'node + redis-server',
    'stateless-sentinel': 'node + primary, replica, 3 sentinels', 'stateless-sentinel-wait': 'node + primary, replica, 3 sentinels' };
  for (const f of figures) {
    console.log(`${f.variant.padEnd(24)} ${f.rps.toFixed(0).padStart(7)} req/s   p99 ${String(f.p99).padStart(4)} ms (median of rounds)   ` +
      `${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors, ` +
      `CPU ${f.cpuUsPerRequest.toFixed(0)} µs/request (${cpuOf[f.variant]})`);
  }
  const [sf, sl, sn, sw] = figures as [Figures, Figures, Figures, Figures];
  const ratio = sl.rps / sf.rps;
  console.log(`ratio stateless/stateful: ${ratio.toFixed(2)} (target >= 0.85) ${ratio >= 0.85 ? 'MET' : 'MISSED'}; ` +
    `CPU per request stateful/stateless: ${(sf.cpuUsPerRequest / sl.cpuUsPerRequest).toFixed(2)}`);
  console.log(`over Sentinel / one Redis: req/s ${(sn.rps / sl.rps).toFixed(2)} without WAIT, ${(sw.rps / sl.rps).toFixed(2)} with WAIT 1:100; ` +
    `p99 ${sn.p99} and ${sw.p99} ms vs ${sl.p99} ms`);
} finally {
  await Promise.all(nodes.map(stopNode));
  await redis.close();
  await ha.close();
}
