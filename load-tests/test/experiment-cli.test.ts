// Runs `pnpm experiment` as a real child process: a mistyped experiment or flag exits 2 naming the closest one,
// before anything starts; --help prints the flag table and exits 0.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

type Run = { code: number; stdout: string; stderr: string };
function experiment(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const argv = ['--import', 'tsx', 'load-tests/src/experiment-cli.ts', ...args];
    execFile(process.execPath, argv, { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('pnpm experiment (real process)', () => {
  it('kil-node › exits 2: unknown experiment, did you mean kill-node', async () => {
    const r = await experiment('kil-node');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown experiment "kil-node" (did you mean kill-node?)');
  });

  it('a mistyped flag › exits 2 naming it and the closest flag', async () => {
    const r = await experiment('kill-node', '--nodse', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown flag "--nodse" (did you mean --nodes?)');
  });

  it('--help › exits 0 and lists every experiment and flag with its accepted values', async () => {
    const r = await experiment('--help');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('usage: pnpm experiment <name> [flags]');
    expect(r.stdout).toMatch(/^ {2}kill-node +SIGKILL one node/m);
    expect(r.stdout).toMatch(/--engine <e> +the balancer's engine: http-proxy \| native \| raw \(default raw\)/);
  });
});
