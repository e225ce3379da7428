// A/B of proxy builds on the same two minimal nodes. A script, not a test. Prints each side's CPU µs/request (from
// /proc) and its ratio to the first side.
//
// Two things bias a naive A/B on this machine, and both are measured here, not assumed away:
// - load drifts: short autocannon bursts in rotating order (A B C, C B A, B C A, …) bill every side alike;
// - a process's slot: with six balancers of the very same code up at once, the two warmed up last spent 10-15 % more
//   CPU per request than the other four, in every round (it follows the warm-up order, not the fork order, and we
//   have not found why). So each round forks fresh processes and rotates which side holds which slot, a side's
//   figure is over all its processes, and each process's own figure is printed with its slot.
//
// node --import tsx apps/balancer/bench/ab-bench.ts [--sides bench/floor-proxy.ts,src/main.ts] [--engine native]
// node --import tsx apps/balancer/bench/ab-bench.ts --sides /tmp/old/src/main.ts,src/main.ts [--rounds 4]
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HELP_OPTION, defineOptions, intIn, oneOf, readFlagsOrExit, textWhere } from '@stateshift/cli';
import { ENGINE_VALUES } from '../src/config/values.ts';
import { measure } from './load.ts';
import { forkReady, waitUp, type Proc } from './processes.ts';

// Paths are relative to apps/balancer, or absolute (a copy of an earlier src/, say).
const here = (p: string) => (p.startsWith('/') ? p : fileURLToPath(new URL(`../${p}`, import.meta.url)));
const paths = (raw: string) => raw.split(',').map((p) => p.trim());
const FLAGS = defineOptions([
  { name: '--sides', type: 'string', placeholder: 'files', default: ['bench/floor-proxy.ts', 'src/main.ts'],
    schema: textWhere('', (raw) => paths(raw).every((p) => p !== '' && existsSync(here(p)))).transform(paths)
      .describe('comma-separated main files that exist (relative to apps/balancer, or absolute)'),
    description: 'the builds compared, each a main.ts taking the balancer\'s flags; the first is the reference' },
  { name: '--engine', type: 'string', schema: oneOf(ENGINE_VALUES), default: 'http-proxy', placeholder: 'engine',
    description: '--engine passed to every side' },
  { name: '--rounds', type: 'string', schema: intIn(1, 100), default: 4, placeholder: 'n',
    description: 'rounds, each with fresh processes and the sides in rotated slots' },
  { name: '--bursts', type: 'string', schema: intIn(1, 100), default: 4, placeholder: 'n',
    description: 'measured bursts per side per round' },
  { name: '--seconds', type: 'string', schema: intIn(1, 60), default: 2, placeholder: 's', description: 'per burst' },
  { name: '--connections', type: 'string', schema: intIn(1, 10_000), default: 50, placeholder: 'n',
    description: 'autocannon connections' },
  HELP_OPTION,
]);
const values = readFlagsOrExit(process.argv.slice(2), FLAGS, 'node --import tsx bench/ab-bench.ts [flags]');
const { seconds, connections, rounds, bursts, engine } = values;
const names = values.sides;

const nodes = await Promise.all(['m1', 'm2'].map((id) => forkReady(here('bench/minimal-node.ts'), [id])));
const args = [
  '--port', '0', '--admin-port', '0', '--log-level', 'warn', '--strategy', 'round-robin', '--engine', engine,
  ...nodes.flatMap((n, i) => ['--upstream', `n${i + 1}=http://127.0.0.1:${n.port}`]),
];
const totals = names.map(() => ({ cpu: 0, requests: 0, perProcess: [] as string[] }));
const running = new Set<Proc>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stopAll().finally(() => process.exit(130)));
}
try {
  for (let round = 0; round < rounds; round++) {
    process.stderr.write(`round ${round + 1} of ${rounds}\n`);
    // Slot s holds side (s + round) % n this round: forks, the warm-up and the bursts go by slot, so every side
    // takes every slot once in n rounds (see the header: the slot, not the code, made a 10-15 % gap).
    const sideIn = names.map((_, slot) => (slot + round) % names.length);
    const procs: Proc[] = [];
    for (const k of sideIn) {
      const proc = await forkReady(here(names[k]!), args);
      running.add(proc);
      procs.push(proc);
    }
    for (const proc of procs) await waitUp(proc.adminPort!, nodes.length);
    for (const proc of procs) await burst(proc); // warm-up, not counted: a fresh process's JIT
    const mine = names.map(() => ({ cpu: 0, requests: 0 }));
    for (let i = 0; i < bursts; i++) {
      // Rotate the start, and reverse every other burst, so no slot always follows the same one.
      const order = procs.map((_, slot) => (slot + i) % procs.length);
      if (i % 2) order.reverse();
      for (const slot of order) {
        const r = await burst(procs[slot]!);
        const m = mine[sideIn[slot]!]!;
        m.cpu += r.cpu;
        m.requests += r.requests;
      }
    }
    mine.forEach((m, k) => {
      const t = totals[k]!;
      t.cpu += m.cpu;
      t.requests += m.requests;
      t.perProcess.push(`${((m.cpu * 1000) / m.requests).toFixed(0)}@${sideIn.indexOf(k) + 1}`);
    });
    await stopAll();
  }
  const first = (totals[0]!.cpu * 1000) / totals[0]!.requests;
  names.forEach((name, k) => {
    const t = totals[k]!;
    const cpuPerRequest = (t.cpu * 1000) / t.requests;
    const perSecond = (t.requests / (seconds * bursts * rounds)).toFixed(0);
    console.log(`${name} [${engine}]: ${cpuPerRequest.toFixed(1)} µs/req CPU ` +
      `(per process, @ its slot: ${t.perProcess.join(' ')}), ${perSecond} req/s, ` +
      `×${(cpuPerRequest / first).toFixed(3)} of the first`);
  });
} finally {
  await stopAll();
  await Promise.all(nodes.map((n) => n.stop()));
}

async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
  running.clear();
}

/** One measured burst at `proc`: its CPU time (ms) and the requests answered; any non-2xx or error stops the run. */
async function burst(proc: Proc): Promise<{ cpu: number; requests: number }> {
  const r = await measure(proc, '/', connections, seconds);
  if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx and ${r.errors} errors from port ${proc.port}`);
  return { cpu: r.cpuMs, requests: Math.max(1, r.requests) };
}
