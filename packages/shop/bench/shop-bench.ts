// `pnpm bench shop [--duration 10] [--connections 20] [--warmup 2]`: each variant as its own child process
// (no balancer), driven by autocannon on a cart workload (add an item, read the cart) with one session cookie per
// connection. Prints req/s and p99 per variant and the stateless/stateful ratio measured in this same run.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startRedisServer } from '@stateshift/cluster';
import { PRODUCT_IDS } from '../src/index.ts';

const { values } = parseArgs({ options: {
  duration: { type: 'string', default: '10' },
  connections: { type: 'string', default: '20' },
  warmup: { type: 'string', default: '2' },
} });
const duration = positive('duration', values.duration);
const connections = positive('connections', values.connections);
const warmup = Number(values.warmup) >= 0 ? Number(values.warmup) : positive('warmup', values.warmup);

const ENTRIES = {
  stateful: fileURLToPath(new URL('../../../apps/shop-stateful/src/main.ts', import.meta.url)),
  stateless: fileURLToPath(new URL('../../../apps/shop-stateless/src/main.ts', import.meta.url)),
} as const;
type Variant = keyof typeof ENTRIES;

interface Figures { variant: Variant; rps: number; p99: number; non2xx: number; errors: number; requests: number }

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

async function startNode(variant: Variant, redisUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(ENTRIES[variant], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, PORT: '0', NODE_ID: `${variant}-bench`, REDIS_URL: redisUrl, LOG_LEVEL: 'error', SESSION_SECRET: 'bench' } });
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

async function measure(variant: Variant, redisUrl: string): Promise<Figures> {
  const node = await startNode(variant, redisUrl);
  try {
    if (warmup > 0) await autocannon(workload(node.url, warmup));
    const r = await autocannon(workload(node.url, duration));
    return { variant, rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, requests: r.requests.total };
  } finally {
    await stopNode(node.child);
  }
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
try {
  console.log(`shop bench: ${connections} connections, ${duration} s per variant (+${warmup} s warm-up), add/read cart, one cookie per connection`);
  const results: Figures[] = [];
  for (const variant of ['stateful', 'stateless'] as const) {
    const f = await measure(variant, redis.url);
    results.push(f);
    console.log(`${variant.padEnd(10)} ${f.rps.toFixed(0).padStart(7)} req/s   p99 ${String(f.p99).padStart(4)} ms   ` +
      `${f.requests} requests, ${f.non2xx} non-2xx, ${f.errors} errors`);
  }
  const [sf, sl] = results as [Figures, Figures];
  const ratio = sl.rps / sf.rps;
  console.log(`ratio stateless/stateful: ${ratio.toFixed(2)} (target >= 0.85) ${ratio >= 0.85 ? 'MET' : 'MISSED'}`);
} finally {
  await redis.close();
}
