// Child processes for the bench: forks that report { type: 'ready' } over IPC, and HAProxy run from a temp config.
// Everything started here is stopped by its own pid.
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@stateshift/cluster';
import { call } from '../test/helpers/balancer.ts';

export interface Proc {
  readonly port: number;
  readonly pid: number;
  readonly adminPort?: number;
  stop(): Promise<void>;
}

export async function forkReady(
  file: string, args: string[], env: Record<string, string> = {}, execArgv: string[] = [],
): Promise<Proc> {
  const child = fork(file, args, {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit').then(() => Promise.reject(new Error(`${file} exited before it was ready`)));
  const [msg] = (await Promise.race([once(child, 'message'), exited])) as [{ port: number; adminPort?: number }];
  exited.catch(() => undefined);
  return { port: msg.port, pid: child.pid as number, adminPort: msg.adminPort, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export function haproxyBinary(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' }).stdout.trim();
  return found || undefined;
}

/** HAProxy round-robin over `ports`, one thread (our balancer is one Node thread), keep-alive both sides. */
export async function startHaproxy(binary: string, ports: readonly number[]): Promise<Proc> {
  const dir = mkdtempSync(join(tmpdir(), 'lb-bench-haproxy-'));
  const port = await freePort();
  const servers = ports.map((p, i) => `  server n${i + 1} 127.0.0.1:${p}`).join('\n');
  const cfg = `global\n  nbthread 1\n  maxconn 4096\n` +
    `defaults\n  mode http\n  option http-keep-alive\n  http-reuse safe\n` +
    `  timeout connect 1s\n  timeout client 30s\n  timeout server 10s\n  timeout http-keep-alive 5s\n` +
    `frontend fe\n  bind 127.0.0.1:${port}\n  default_backend be\nbackend be\n  balance roundrobin\n${servers}\n`;
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, cfg);
  const check = spawnSync(binary, ['-c', '-f', file], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy config rejected: ${check.stderr}`);
  const child = spawn(binary, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForPort(port);
  return {
    port,
    pid: child.pid as number,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

/** CPU time (user + system) a process has used so far, in milliseconds, from /proc (Linux); NaN elsewhere. */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Resolves once the balancer on `adminPort` reports `count` nodes up (GET /nodes, every 100 ms, 10 s at most). */
export async function waitUp(adminPort: number, count: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const view = (await call(adminPort, { path: '/nodes' })).json<{ nodes: { state: string }[] }>();
    if (view.nodes.filter((n) => n.state === 'up').length === count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('balancer nodes never came up');
}
