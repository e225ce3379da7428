// Starts the balancer (apps/balancer) as a child process and hands back its handle. It reports
// { type: 'ready', port, adminPort } over IPC. A fixed port that is taken fails with CLUSTER_ERR_PORT_IN_USE.
import { randomBytes } from 'node:crypto';
import type { StickyMiss, StrategyName } from '@stateshift/balancer';
import { forkReady, type ChildExit } from './child.ts';
import { ClusterError } from './errors.ts';
import { isPortFree } from './free-port.ts';
import type { OutputListener } from './output-tail.ts';
import { balancerEntry } from './paths.ts';

export interface BalancerOptions {
  strategy: StrategyName;
  stickyMiss?: StickyMiss;
  /** Traffic port; 0 (default) = any free port. */
  port?: number;
  /** Admin port (127.0.0.1 only); 0 (default) = any free port. */
  adminPort?: number;
  /** Bearer token for the admin plane; default: a random one per start (see BalancerProcess.adminToken). */
  adminToken?: string;
  baseEnv?: Record<string, string>;
  env?: Record<string, string>;
  /** Extra CLI flags passed as they are. */
  args?: string[];
  entry?: string;
  startTimeoutMs?: number;
  onOutput?: OutputListener;
}

export interface BalancerProcess {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  readonly adminPort: number;
  readonly adminUrl: string;
  /** The admin plane's token: the one given, or the random one generated for this start. */
  readonly adminToken: string;
  readonly exited: Promise<ChildExit>;
  alive(): boolean;
  signal(signal: NodeJS.Signals): boolean;
  kill(): boolean;
  stop(timeoutMs?: number): Promise<ChildExit>;
  output(): string[];
}

interface BalancerReady { port: number; adminPort: number }

export async function spawnBalancer(options: BalancerOptions): Promise<BalancerProcess> {
  const port = options.port ?? 0;
  const adminPort = options.adminPort ?? 0;
  await assertBalancerPortsFree(port, adminPort);
  const args = ['--port', String(port), '--admin-port', String(adminPort), '--strategy', options.strategy,
    '--sticky-miss', options.stickyMiss ?? 'continue'];
  // No admin plane started by us is left open: any local process (or web page) could otherwise drive it.
  const adminToken = options.adminToken ?? randomBytes(24).toString('hex');
  args.push(`--admin-token=${adminToken}`); // one argument: a token starting with "-" is no flag
  args.push(...(options.args ?? []));
  const started = await forkReady<BalancerReady>({
    name: 'balancer',
    file: options.entry ?? balancerEntry(),
    args,
    env: { ...options.baseEnv, ...options.env },
    startTimeoutMs: options.startTimeoutMs ?? 20_000,
    readyMessage: balancerReady,
    onOutput: options.onOutput,
  }).catch((err: unknown) => {
    if (err instanceof ClusterError && /EADDRINUSE/.test(err.message)) {
      throw new ClusterError('CLUSTER_ERR_PORT_IN_USE', `balancer: a port is already in use (--port ${port}, ` +
        `--admin-port ${adminPort}); pick a free one or 0.\n${err.message}`, { cause: err });
    }
    throw err;
  });
  const { child, ready } = started;
  return {
    pid: child.pid,
    port: ready.port,
    url: `http://127.0.0.1:${ready.port}`,
    adminPort: ready.adminPort,
    adminUrl: `http://127.0.0.1:${ready.adminPort}`,
    adminToken,
    exited: child.exited,
    alive: child.alive,
    signal: child.signal,
    kill: () => child.signal('SIGKILL'),
    stop: child.stop,
    output: child.output,
  };
}

/** Fails with CLUSTER_ERR_PORT_IN_USE when a fixed (non-zero) port is already taken. */
export async function assertBalancerPortsFree(port: number, adminPort: number): Promise<void> {
  await assertFree(port, 'traffic');
  await assertFree(adminPort, 'admin');
}

async function assertFree(port: number, which: string): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ClusterError('CLUSTER_ERR_OPTIONS', `balancer ${which} port must be an integer 0..65535 (got ${port})`);
  }
  if (port !== 0 && !(await isPortFree(port))) {
    throw new ClusterError('CLUSTER_ERR_PORT_IN_USE',
      `balancer ${which} port ${port} is already in use on 127.0.0.1; pick a free port or 0 (any free port).`);
  }
}

function balancerReady(message: unknown): BalancerReady | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.type !== 'ready' || typeof m.port !== 'number' || typeof m.adminPort !== 'number') return undefined;
  return { port: m.port, adminPort: m.adminPort };
}
