// `pnpm bench shop-memory [--sessions 50000] [--concurrency 32] [--steps 5] [--cart-store memory|session]`: the memory
// a stateful node spends per session. It starts the real stateful entry (MAX_SESSIONS=0, no cap) as a child process,
// warms it up, then creates sessions with cookie-less `POST /api/cart/items` (a new shopper with one cart line, as a
// crawler or an attacker would) and reads the child's RSS from /proc/<pid>/status at each step. Prints the RSS per
// step and the growth per session (least-squares slope over the steps). Linux only (/proc).
// Bounded: N requests, 10 min.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
// A relative import: the benchmarks are scripts, not part of the package, which does not depend on @stateshift/cli.
import { HELP_OPTION, defineOptions, intIn, oneOf, readFlagsOrExit } from '../../cli/src/index.ts';
import { PRODUCT_IDS } from '../src/index.ts';

const FLAGS = defineOptions([
  { name: '--sessions', type: 'string', schema: intIn(1, 10_000_000), default: 50_000, placeholder: 'n',
    description: 'sessions to create' },
  { name: '--concurrency', type: 'string', schema: intIn(1, 10_000), default: 32, placeholder: 'n',
    description: 'requests in flight' },
  { name: '--steps', type: 'string', schema: intIn(2, 1000), default: 5, placeholder: 'n',
    description: 'RSS readings along the way' },
  { name: '--warmup', type: 'string', schema: intIn(0, 10_000_000), default: 2000, placeholder: 'n',
    description: 'sessions created before the first reading (not counted)' },
  { name: '--cart-store', type: 'string', schema: oneOf(['memory', 'session']), default: 'memory', placeholder: 'store',
    description: 'where the node keeps carts' },
  HELP_OPTION,
]);
const { sessions, concurrency, steps, warmup, 'cart-store': cartStore } =
  readFlagsOrExit(process.argv.slice(2), FLAGS, 'pnpm bench shop-memory [flags]');
const DEADLINE_MS = 10 * 60_000;

const ENTRY = fileURLToPath(new URL('../../../apps/shop-stateful/src/main.ts', import.meta.url));


function rssBytes(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb) * 1024;
}

async function start(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(ENTRY, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, PORT: '0', NODE_ID: 'memory-bench', MAX_SESSIONS: '0', CART_STORE: cartStore,
      SESSION_SECRET: 'bench-secret', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the stateful node exited (${code}) before it was ready`)));
  });
  return { child, port };
}

/** Sends `count` cookie-less adds, `concurrency` at a time; each 200 is one new session. */
async function createSessions(port: number, agent: Agent, count: number, deadline: number): Promise<void> {
  let next = 0;
  const one = (i: number) => new Promise<void>((resolve, reject) => {
    const body = JSON.stringify({ productId: PRODUCT_IDS[i % PRODUCT_IDS.length], quantity: 1 });
    const req = request({ host: '127.0.0.1', port, agent, method: 'POST', path: '/api/cart/items',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.once('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.once('error', reject);
    req.end(body);
  });
  const worker = async () => {
    while (next < count) {
      if (Date.now() > deadline) throw new Error('time bound (10 min) reached');
      await one(next++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

async function healthSessions(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) });
  return ((await res.json()) as { sessions: number }).sessions;
}

function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxy / sxx;
}

const { child, port } = await start();
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const deadline = Date.now() + DEADLINE_MS;
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
try {
  await createSessions(port, agent, warmup, deadline);
  const points: [number, number][] = [[await healthSessions(port), rssBytes(child.pid!)]];
  console.log(`stateful node, CART_STORE=${cartStore}, ${concurrency} concurrent cookie-less POST /api/cart/items`);
  console.log(`sessions ${points[0]![0]} (warm-up)  RSS ${mb(points[0]![1])} MB`);
  for (let step = 1; step <= steps; step++) {
    const count = Math.round((sessions * step) / steps) - Math.round((sessions * (step - 1)) / steps);
    await createSessions(port, agent, count, deadline);
    const point: [number, number] = [await healthSessions(port), rssBytes(child.pid!)];
    points.push(point);
    console.log(`sessions ${point[0]}  RSS ${mb(point[1])} MB`);
  }
  const [first, last] = [points[0]!, points[points.length - 1]!];
  const endToEnd = Math.round((last[1] - first[1]) / (last[0] - first[0]));
  console.log(`RSS growth per session: ${endToEnd} bytes (end-to-end), ` +
    `${Math.round(slope(points))} bytes (least-squares slope over ${points.length} points)`);
} finally {
  agent.destroy();
  const killed = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 5000);
  await killed;
  clearTimeout(force);
}
