// Forks one TypeScript entry under tsx, waits for its IPC ready message (never a sleep), and stops it with
// SIGTERM then SIGKILL. The child stays on our IPC channel: when we die, it notices and exits.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ClusterError } from './errors.ts';
import type { IpcChannel } from './node-memory.ts';
import { tailOutput, type OutputListener } from './output-tail.ts';
import { REPO_ROOT } from './paths.ts';
import { reapOnExit } from './reaper.ts';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ForkOptions<M> {
  /** For messages: "shop node stateful-1", "balancer". */
  name: string;
  file: string;
  args?: string[];
  env: Record<string, string>;
  startTimeoutMs: number;
  /** Returns the ready message when this IPC message is it, else undefined. */
  readyMessage: (message: unknown) => M | undefined;
  onOutput?: OutputListener;
}

export interface ManagedChild {
  readonly pid: number;
  readonly exited: Promise<ChildExit>;
  alive(): boolean;
  /** Sends a signal; false when the process is already gone. */
  signal(signal: NodeJS.Signals): boolean;
  /** SIGTERM (plus SIGCONT, so a frozen child can act on it), SIGKILL after timeoutMs. */
  stop(timeoutMs?: number): Promise<ChildExit>;
  /** The last lines it wrote. */
  output(): string[];
  /** Its IPC channel, for requests after the ready message (node-memory.ts). */
  readonly ipc: IpcChannel;
}

const DEFAULT_STOP_TIMEOUT_MS = 6_000;

export async function forkReady<M>(options: ForkOptions<M>): Promise<{ child: ManagedChild; ready: M }> {
  if (!existsSync(options.file)) {
    throw new ClusterError('CLUSTER_ERR_CHILD_START', `${options.name}: entry file not found: ${options.file}`);
  }
  const proc = fork(options.file, options.args ?? [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const tail = tailOutput(proc.stdout, proc.stderr, 40, options.onOutput);
  // A failed kill() or IPC hiccup must never crash the controller; start failures are handled in waitReady.
  proc.on('error', () => {});
  const closed = new Promise<void>((resolve) => proc.once('close', () => resolve()));
  let exit: ChildExit | undefined;
  const exited = new Promise<ChildExit>((resolve) => {
    proc.once('exit', (code, signal) => { exit = { code, signal }; untrack(); resolve(exit); });
  });
  const child: ManagedChild = {
    pid: proc.pid ?? -1,
    exited,
    alive: () => exit === undefined && proc.pid !== undefined,
    signal: (signal) => exit === undefined && proc.kill(signal),
    stop: (timeoutMs = DEFAULT_STOP_TIMEOUT_MS) => stopChild(proc, exited, () => exit, timeoutMs),
    output: tail.lines,
    ipc: proc,
  };
  const untrack = reapOnExit({ killNow: () => { proc.kill('SIGKILL'); }, close: async () => { await child.stop(); } });
  try {
    const ready = await waitReady(proc, options);
    return { child, ready };
  } catch (why) {
    proc.kill('SIGKILL');
    // Let the pipes drain so the message carries the child's last words (a stack trace, EADDRINUSE...).
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    throw new ClusterError('CLUSTER_ERR_CHILD_START',
      `${options.name} (pid ${proc.pid}) did not start: ${(why as Error).message}\n` +
      `--- last output of ${options.name} ---\n${tail.text()}`);
  }
}

function waitReady<M>(proc: ChildProcess, options: ForkOptions<M>): Promise<M> {
  return new Promise<M>((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const ready = options.readyMessage(message);
      if (ready !== undefined) { cleanup(); resolve(ready); }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup(); reject(new Error(`exited before it was ready (code ${code}, signal ${signal})`));
    };
    const onError = (err: Error) => { cleanup(); reject(err); };
    const timer = setTimeout(() => {
      cleanup(); reject(new Error(`no ready message within ${options.startTimeoutMs} ms`));
    }, options.startTimeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      proc.off('message', onMessage);
      proc.off('exit', onExit);
      proc.off('error', onError);
    };
    proc.on('message', onMessage);
    proc.once('exit', onExit);
    proc.once('error', onError);
  });
}

async function stopChild(proc: ChildProcess, exited: Promise<ChildExit>, current: () => ChildExit | undefined,
  timeoutMs: number): Promise<ChildExit> {
  const done = current();
  if (done) return done;
  proc.kill('SIGTERM');
  proc.kill('SIGCONT');
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  const result = await exited;
  clearTimeout(timer);
  return result;
}
