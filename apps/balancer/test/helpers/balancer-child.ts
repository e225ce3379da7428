// The balancer as a real child process (src/main.ts under tsx), for the tests that SIGKILL and restart it or
// run two of them. Resolves on its IPC ready message; every process started here is stopped by stopChildren().
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const MINIMAL_NODE = fileURLToPath(new URL('../../bench/minimal-node.ts', import.meta.url));
const running = new Set<ChildProcess>();

export interface Child {
  readonly port: number;
  readonly adminPort: number;
  readonly pid: number;
  /** SIGKILL; resolves when it is gone. */
  kill(): Promise<void>;
}

/** A balancer on `args` (add --port N to reuse a port); its stderr is kept for the dev-secret warning. */
export async function forkBalancer(
  args: string[], env: Record<string, string> = {},
): Promise<Child & { stderr: () => string }> {
  let stderr = '';
  const child = await forkReady(MAIN, ['--admin-port', '0', '--log-level', 'warn', ...args], env, (c) => {
    c.stderr?.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
  });
  return { ...child, stderr: () => stderr };
}

/** A bare node:http server answering `x-served-by: <id>` and keeping nothing (bench/minimal-node.ts). */
export function forkMinimalNode(id: string): Promise<Child> {
  return forkReady(MINIMAL_NODE, [id], {});
}

async function forkReady(
  file: string, args: string[], env: Record<string, string>, wire: (c: ChildProcess) => void = () => {},
): Promise<Child> {
  const child = fork(file, args, {
    execArgv: ['--import', 'tsx'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  wire(child);
  const exited = once(child, 'exit').then(([code]) =>
    Promise.reject(new Error(`${file} exited (code ${String(code)}) before it was ready`)));
  exited.catch(() => undefined);
  const [msg] = (await Promise.race([once(child, 'message'), exited])) as [{ port: number; adminPort?: number }];
  return { port: msg.port, adminPort: msg.adminPort ?? 0, pid: child.pid as number, kill: () => killChild(child) };
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = once(child, 'exit');
  child.kill('SIGKILL');
  await gone;
}

export async function stopChildren(): Promise<void> {
  await Promise.all([...running].map(killChild));
}

/** Resident memory of a process in KiB, from /proc (Linux). */
export function rssKib(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN);
}
