// Runs `workshop-cli.ts` as a real child process (as `pnpm workshop ...` does) and collects its exit code and output.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

export interface CliRun { code: number; out: string }

export function runCli(args: string[], timeoutMs = 90_000): Promise<CliRun> {
  return new Promise((resolve) => {
    const options = { cwd: root, timeout: timeoutMs, killSignal: 'SIGTERM' as const };
    execFile(tsx, ['workshop/workshop-cli.ts', ...args], options, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, out: stdout + stderr });
    });
  });
}
