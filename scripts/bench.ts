// `pnpm bench <name> [flags]`: runs one benchmark script. Benchmarks print ratios measured in one run, never
// absolute pass/fail times; they are scripts, not tests. `pnpm bench <name> --help` lists that benchmark's flags.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// The root has no node_modules of its own for @stateshift/cli: import its source.
import { CliError, HELP_OPTION, helpText, pickCommand } from '../packages/cli/src/index.ts';

const benches: Record<string, string> = {
  shop: 'packages/shop/bench/shop-bench.ts',
  'shop-memory': 'packages/shop/bench/session-memory.ts',
  balancer: 'apps/balancer/bench/balancer-bench.ts',
  experiment: 'load-tests/bench/generator-bench.ts',
};
const about: Record<string, string> = {
  shop: 'each shop variant directly: req/s, p99, CPU and replication bytes per request',
  'shop-memory': 'the memory a stateful node spends per session',
  balancer: 'direct vs our balancer (each engine, round-robin and sticky) vs HAProxy when installed',
  experiment: 'how fast the load generator itself can go on this machine',
};

const names = Object.keys(benches);
const usage = helpText(`pnpm bench <${names.join('|')}> [flags]   (pnpm bench <name> --help: its flags)`, [HELP_OPTION],
  [{ title: 'benchmarks', rows: names.map((n) => [n, about[n] ?? '']) }]);

const [word, ...rest] = process.argv.slice(2);
if (word === '--help' || word === '-h') {
  console.log(usage);
  process.exit(0);
}
let name: string;
try {
  name = pickCommand(word, names, 'benchmark');
} catch (err) {
  if (!(err instanceof CliError)) throw err;
  console.error(`error: ${err.message}\n\n${usage}`);
  process.exit(2);
}
const file = benches[name]!;
const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(root + file)) {
  console.error(`benchmark "${name}" has no script yet (${file})`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--import', 'tsx', root + file, ...rest], { stdio: 'inherit', cwd: root });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
