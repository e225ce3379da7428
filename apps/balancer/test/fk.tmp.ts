import { forkReady } from '../bench/processes.ts';
import { load } from '../bench/load.ts';
import { fileURLToPath } from 'node:url';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const nodes = await Promise.all(['m1', 'm2'].map((id) => forkReady(here('../bench/minimal-node.ts'), [id])));
const extra = process.argv.slice(2);
const lb = await forkReady(here('../src/main.ts'), ['--port', '0', '--admin-port', '0', '--log-level', 'warn', ...nodes.flatMap((n, i) => ['--upstream', `n${i}=http://127.0.0.1:${n.port}`]), ...extra], process.env.PROF ? { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=/tmp/cpuprof2' } : {});
await new Promise((r) => setTimeout(r, 1200));
for (let i = 0; i < 2; i++) { const r = await load(lb.port, lb.pid, '/', 50, 4); console.log(extra.join(' '), Math.round(r.rps), r.p50, r.p99, 'cpu µs/req', r.cpuUsPerReq.toFixed(0)); }
await lb.stop(); await Promise.all(nodes.map((n) => n.stop()));
