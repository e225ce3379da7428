// `pnpm bench <name>`: runs one benchmark script. Benchmarks print ratios measured in one run, never
// absolute pass/fail times; they are scripts, not tests.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benches: Record<string, string> = {
  shop: 'packages/shop/bench/shop-bench.ts',
  'shop-memory': 'packages/shop/bench/session-memory.ts',
  balancer: 'apps/balancer/bench/balancer-bench.ts',
  experiment: 'load-tests/bench/generator-bench.ts',
};

const [name, ...rest] = process.argv.slice(2);
const file = name ? benches[name] : undefined;
if (!name || !file) {
  console.error(`usage: pnpm bench <${Object.keys(benches).join('|')}> [options]` + (name ? `\nunknown benchmark "${name}"` : ''));
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(root + file)) {
  console.error(`benchmark "${name}" has no script yet (${file})`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--import', 'tsx', root + file, ...rest], { stdio: 'inherit', cwd: root });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
