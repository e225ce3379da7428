// `pnpm bench balancer`: the same autocannon load (fixed connections and duration) against (a) one node direct,
// (b) our balancer round-robin, (c) ours sticky, (d) HAProxy round-robin; prints req/s, p50/p99, b/d and c/d.
// Runs over two minimal node:http servers, then over two real stateful shop nodes. A script, not a test.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { call } from '../test/helpers/balancer.ts';
import { load, type LoadResult } from './load.ts';
import { forkReady, haproxyBinary, startHaproxy, type Proc } from './processes.ts';

const { values } = parseArgs({ options: {
  connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '8' }, backends: { type: 'string', default: 'minimal,shop' },
  path: { type: 'string' }, engines: { type: 'string', default: 'http-proxy,native' }, strategies: { type: 'string', default: 'round-robin,sticky' },
  'no-haproxy': { type: 'boolean' }, 'cpu-prof': { type: 'string' },
} });
const connections = Number(values.connections);
const duration = Number(values.duration);
const engines = values.engines.split(',');
const strategies = values.strategies.split(',');
// --cpu-prof DIR: each balancer process writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
const lbExecArgv = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : [];
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const LB = here('../src/main.ts');
const SHOP = here('../../shop-stateful/src/main.ts');

async function backends(kind: string): Promise<Proc[]> {
  if (kind === 'minimal') return Promise.all(['m1', 'm2'].map((id) => forkReady(here('./minimal-node.ts'), [id])));
  return Promise.all(['stateful-1', 'stateful-2'].map((id) => forkReady(SHOP, [], { PORT: '0', NODE_ID: id, LOG_LEVEL: 'warn' })));
}

async function runSuite(kind: string, path: string): Promise<void> {
  const nodes = await backends(kind);
  const started: Proc[] = [...nodes];
  const results: [string, LoadResult | undefined][] = [];
  try {
    const upstreams = nodes.flatMap((n, i) => ['--upstream', `n${i + 1}=http://127.0.0.1:${n.port}`]);
    const base = ['--port', '0', '--admin-port', '0', '--log-level', 'warn', ...upstreams];
    results.push(['a direct (one node)', await load(nodes[0]!.port, nodes[0]!.pid, path, connections, duration)]);
    for (const engine of engines) {
      for (const strategy of strategies) {
        const lb = await forkReady(LB, [...base, '--strategy', strategy, '--engine', engine], {}, lbExecArgv);
        started.push(lb);
        await waitUp(lb.adminPort!, nodes.length);
        const cookies = strategy === 'sticky' ? await stickyCookies(lb.port, path, connections) : undefined;
        const label = strategy === 'sticky' ? 'c ours sticky' : `b ours ${strategy}`;
        results.push([`${label} [${engine}]`, await load(lb.port, lb.pid, path, connections, duration, cookies)]);
        await lb.stop();
      }
    }
    const binary = values['no-haproxy'] ? undefined : haproxyBinary();
    if (binary) {
      const ha = await startHaproxy(binary, nodes.map((n) => n.port));
      started.push(ha);
      results.push(['d haproxy round-robin', await load(ha.port, ha.pid, path, connections, duration)]);
    } else results.push(['d haproxy (not installed)', undefined]);
  } finally {
    await Promise.all(started.map((p) => p.stop()));
  }
  print(kind, path, results);
}

/** One affinity cookie per connection, as real browsers would hold, spread over the nodes. */
async function stickyCookies(port: number, path: string, n: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < n; i++) {
    const reply = await call(port, { path });
    const pair = reply.headers['set-cookie']?.[0]?.split(';')[0];
    if (pair) cookies.push(pair);
  }
  return cookies;
}

async function waitUp(adminPort: number, count: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const view = (await call(adminPort, { path: '/nodes' })).json<{ nodes: { state: string }[] }>();
    if (view.nodes.filter((n) => n.state === 'up').length === count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('balancer nodes never came up');
}

function print(kind: string, path: string, results: [string, LoadResult | undefined][]): void {
  console.log(`\n## backends: ${kind} (GET ${path}, ${connections} connections, ${duration} s each)\n`);
  console.log('| run | req/s | p50 ms | p99 ms | non-2xx | errors | CPU µs/req (server process) |\n|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, r] of results) {
    console.log(r ? `| ${name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} | ${r.cpuUsPerReq.toFixed(0)} |` : `| ${name} | - | - | - | - | - | - |`);
  }
  const get = (prefix: string) => results.find(([n]) => n.startsWith(prefix))?.[1];
  const d = get('d haproxy round');
  const ratio = (x: LoadResult | undefined) => (x && d ? (x.rps / d.rps).toFixed(2) : 'n/a');
  const cpu = (x: LoadResult | undefined) => (x && d ? (d.cpuUsPerReq / x.cpuUsPerReq).toFixed(2) : 'n/a');
  console.log('');
  for (const engine of engines) {
    const b = get(`b ours round-robin [${engine}]`);
    const c = get(`c ours sticky [${engine}]`);
    console.log(`[${engine}] throughput b/d = ${ratio(b)}  c/d = ${ratio(c)} (goal ≥ 0.80); CPU per request, haproxy ÷ ours: b ${cpu(b)}  c ${cpu(c)}`);
  }
}

for (const kind of values.backends.split(',')) {
  if (kind === 'shop' && !existsSync(SHOP)) {
    console.log('\n(shop nodes skipped: apps/shop-stateful/src/main.ts is missing)');
    continue;
  }
  await runSuite(kind, values.path ?? (kind === 'shop' ? '/healthz' : '/'));
}
