// A/B of two proxy builds on the same two minimal nodes: short alternating autocannon bursts (A B, B A, …), so
// a machine whose load drifts bills both alike. Prints each side's CPU µs/request (from /proc). A script, not a test.
// node --import tsx apps/balancer/bench/ab-bench.ts [--a bench/floor-proxy.ts] [--b src/main.ts] [--engine native]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { call } from '../test/helpers/balancer.ts';
import { cpuMs, forkReady, type Proc } from './processes.ts';

const { values } = parseArgs({ options: {
  a: { type: 'string', default: 'bench/floor-proxy.ts' }, b: { type: 'string', default: 'src/main.ts' },
  engine: { type: 'string', default: 'http-proxy' }, bursts: { type: 'string', default: '8' },
  seconds: { type: 'string', default: '2' }, connections: { type: 'string', default: '50' },
} });
// Paths are relative to apps/balancer, or absolute (a copy of an earlier src/, say).
const here = (p: string) => (p.startsWith('/') ? p : fileURLToPath(new URL(`../${p}`, import.meta.url)));
const seconds = Number(values.seconds);
const connections = Number(values.connections);

const nodes = await Promise.all(['m1', 'm2'].map((id) => forkReady(here('bench/minimal-node.ts'), [id])));
const args = [
  '--port', '0', '--admin-port', '0', '--log-level', 'warn', '--strategy', 'round-robin', '--engine', values.engine,
  ...nodes.flatMap((n, i) => ['--upstream', `n${i + 1}=http://127.0.0.1:${n.port}`]),
];
const sides: [string, Proc][] = [
  [values.a, await forkReady(here(values.a), args)],
  [values.b, await forkReady(here(values.b), args)],
];
const totals = sides.map(() => ({ cpu: 0, requests: 0, bursts: [] as number[] }));
try {
  for (const [, proc] of sides) await waitUp(proc.adminPort!, nodes.length);
  for (const [, proc] of sides) await burst(proc);
  for (let i = 0; i < Number(values.bursts); i++) {
    const order = i % 2 ? [1, 0] : [0, 1];
    for (const k of order) {
      const r = await burst(sides[k]![1]);
      const t = totals[k]!;
      t.cpu += r.cpu;
      t.requests += r.requests;
      t.bursts.push((r.cpu * 1000) / r.requests);
    }
  }
  sides.forEach(([name], k) => {
    const t = totals[k]!;
    const sorted = [...t.bursts].sort((x, y) => x - y);
    const cpuPerRequest = ((t.cpu * 1000) / t.requests).toFixed(0);
    const medianBurst = sorted[sorted.length >> 1]?.toFixed(0);
    const perSecond = (t.requests / (seconds * t.bursts.length)).toFixed(0);
    console.log(`${name} [${values.engine}]: ${cpuPerRequest} µs/req CPU (median burst ${medianBurst}), ` +
      `${perSecond} req/s`);
  });
} finally {
  await Promise.all([...sides.map(([, p]) => p.stop()), ...nodes.map((n) => n.stop())]);
}

async function burst(proc: Proc): Promise<{ cpu: number; requests: number }> {
  const before = cpuMs(proc.pid);
  const r = await autocannon({ url: `http://127.0.0.1:${proc.port}/`, connections, duration: seconds });
  if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx and ${r.errors} errors from port ${proc.port}`);
  return { cpu: cpuMs(proc.pid) - before, requests: Math.max(1, r.requests.total) };
}

async function waitUp(adminPort: number, count: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const view = (await call(adminPort, { path: '/nodes' })).json<{ nodes: { state: string }[] }>();
    if (view.nodes.filter((n) => n.state === 'up').length === count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('nodes never came up');
}
