// `pnpm bench` as a real process: a mistyped benchmark exits 2 naming the closest one; `pnpm bench <name> --help`
// prints that benchmark's flags and exits 0 without starting anything; a bad flag exits 2 naming it.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function bench(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const argv = ['--import', 'tsx', 'scripts/bench.ts', ...args];
    execFile(process.execPath, argv, { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: stdout + stderr });
    });
  });
}

it('pnpm bench shp › exits 2: did you mean shop', async () => {
  const r = await bench('shp');
  expect(r.code).toBe(2);
  expect(r.out).toContain('unknown benchmark "shp" (did you mean shop?)');
});

it.each([
  ['shop', '--no-replicated'], ['shop-memory', '--cart-store <store>'], ['balancer', '--engines <list>'],
  ['experiment', '--connections <n>'],
])('pnpm bench %s --help › exits 0 listing its flags (%s)', async (name, flag) => {
  const r = await bench(name, '--help');
  expect(r.code, r.out).toBe(0);
  expect(r.out).toContain(`usage: pnpm bench ${name} [flags]`);
  expect(r.out).toContain(flag);
});

it('pnpm bench shop --duraton 3 › exits 2 naming the flag and the closest one', async () => {
  const r = await bench('shop', '--duraton', '3');
  expect(r.code).toBe(2);
  expect(r.out).toContain('unknown flag "--duraton" (did you mean --duration?)');
});
