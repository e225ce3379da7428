// Starts and stops a private redis-server on a free loopback port. It never touches another Redis (6379).
// redis-server cannot notice that its parent died, so it runs under a tiny shell guard that reads our pipe:
// when this process ends for any reason (SIGKILL included) the pipe closes and the guard stops Redis.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterError } from './errors.ts';
import { freePort } from './free-port.ts';
import { reapOnExit } from './reaper.ts';

export interface RedisServerOptions {
  /** Port to listen on; a free one when omitted. A restart reuses the same port. */
  port?: number;
  /** `appendonly yes` with fsync every second, for the outage experiment. Default: no persistence. */
  appendonly?: boolean;
  /** Path to the binary; default `redis-server` from PATH. */
  binary?: string;
  /** How long to wait for "Ready to accept connections". */
  startTimeoutMs?: number;
  /** More redis-server arguments after ours (`--replicaof`, `--replica-announce-ip`...). */
  extraArgs?: readonly string[];
  /** Runs a Sentinel instead: this text is written to `sentinel.conf` in its own data dir (Sentinel rewrites it). */
  sentinelConfig?: string;
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** pid of redis-server itself while it runs, else undefined. */
  pid(): number | undefined;
  /** pid of the shell guard around it while it runs, else undefined. */
  guardPid(): number | undefined;
  running(): boolean;
  /** Starts it again on the same port and data dir (after stop()). */
  start(): Promise<void>;
  /** Graceful stop (SIGTERM), resolves when the process is gone. */
  stop(): Promise<void>;
  /** Stops it and deletes its data dir. */
  close(): Promise<void>;
}

// The guard: `stop()` writes a line (read succeeds: the data dir stays, a restart may need its AOF); our death
// closes the pipe (read fails at EOF: nobody will restart it, so the guard also deletes the data dir). Ctrl-C
// reaches the whole process group: the guard ignores INT/HUP and waits for one of those two ends instead.
const GUARD = 'trap "" INT HUP; dir=$1; shift; redis-server "$@" </dev/null & pid=$!; echo "guard-pid $pid"; ' +
  'trap \'kill -TERM $pid 2>/dev/null; wait $pid; exit 0\' TERM; ' +
  'read -r _; asked=$?; kill -TERM $pid 2>/dev/null; wait $pid; [ $asked -eq 0 ] || rm -rf "$dir"';

export function redisBinaryAvailable(binary = 'redis-server'): boolean {
  const probe = spawnSync(binary, ['--version'], { stdio: 'ignore' });
  return probe.status === 0;
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = options.binary ?? 'redis-server';
  if (!redisBinaryAvailable(binary)) {
    throw new ClusterError('CLUSTER_ERR_REDIS_MISSING',
      `redis-server was not found (looked for "${binary}"). ` +
      'Install it (Debian/Ubuntu: sudo apt-get install redis-server; ' +
      'macOS: brew install redis) or point REDIS_URL at a running Redis.');
  }
  const port = options.port ?? await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'stateshift-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir,
    '--appendonly', options.appendonly ? 'yes' : 'no', '--appendfsync', 'everysec', '--protected-mode', 'yes',
    ...(options.extraArgs ?? [])];
  let readyLine = 'Ready to accept connections';
  if (options.sentinelConfig !== undefined) {
    const conf = join(dir, 'sentinel.conf');
    writeFileSync(conf, options.sentinelConfig);
    // Protected mode off only because it binds loopback alone: Sentinel refuses otherwise without a password.
    args.splice(0, args.length, conf, '--sentinel', '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
      '--protected-mode', 'no', ...(options.extraArgs ?? []));
    readyLine = '+monitor master';
  }
  let guard: ChildProcess | undefined;
  let redisPid: number | undefined;

  const start = async (): Promise<void> => {
    if (guard) return;
    const child = spawn('sh', ['-c', GUARD.replace('redis-server', quote(binary)), 'redis-guard', dir, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    guard = child;
    child.once('exit', () => { if (guard === child) { guard = undefined; redisPid = undefined; } });
    redisPid = await waitReady(child, options.startTimeoutMs ?? 10_000, port, readyLine);
  };

  const stop = async (): Promise<void> => {
    const child = guard;
    if (!child || child.exitCode !== null) { guard = undefined; return; }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end('stop\n');
    const timer = setTimeout(() => { if (redisPid) tryKill(redisPid, 'SIGKILL'); child.kill('SIGKILL'); }, 5_000);
    await exited;
    clearTimeout(timer);
  };

  const close = async (): Promise<void> => {
    untrack();
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  // On SIGINT/SIGTERM of our process: a graceful close (data dir removed). On exit the guard's pipe closes anyway.
  const untrack = reapOnExit({ killNow: () => { if (redisPid) tryKill(redisPid, 'SIGTERM'); }, close });
  try {
    await start();
  } catch (err) {
    await close();
    throw err;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: () => redisPid,
    guardPid: () => guard?.pid,
    running: () => guard !== undefined,
    start,
    stop,
    close,
  };
}

function waitReady(child: ChildProcess, timeoutMs: number, port: number, readyLine: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let pid: number | undefined;
    const fail = (why: string) => {
      cleanup();
      child.kill('SIGTERM');
      reject(new ClusterError(
        'CLUSTER_ERR_REDIS_START', `redis-server on port ${port} did not start: ${why}\n${out.slice(-2000)}`,
      ));
    };
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /guard-pid (\d+)/.exec(out);
      if (m?.[1]) pid = Number(m[1]);
      if (pid && out.includes(readyLine)) { cleanup(); resolve(pid); }
    };
    const onExit = (code: number | null) => fail(`exited with code ${code}`);
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining output so redis never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try { process.kill(pid, signal); } catch { /* already gone */ }
}

function quote(s: string): string {
  return `'${s.replaceAll("'", "'\\''")}'`;
}
