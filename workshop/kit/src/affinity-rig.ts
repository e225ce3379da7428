// The rig of exercise 09: 2 stateful nodes (child processes) behind sticky balancers (child processes), each with
// its own --affinity mode and LB_AFFINITY_SECRET, and a restart that does what the cluster's restartBalancer
// does: SIGKILL, then a new process on the same ports with the nodes as --upstream. The secret of the new process
// may differ (a deploy that generated a fresh one). close() ends every process, restarted ones included.
import { randomBytes } from 'node:crypto';
import { spawnBalancer, startShopNode, type BalancerProcess, type ShopNode } from '@stateshift/cluster';
import { waitForState } from './rig.ts';

export type AffinityMode = 'signed' | 'table';

export interface AffinityBalancer {
  readonly mode: AffinityMode;
  process: BalancerProcess;
  secret: string;
}

export interface AffinityRig {
  readonly nodes: readonly ShopNode[];
  readonly balancers: readonly AffinityBalancer[];
  /** SIGKILLs `b`, runs `whileDown` once nothing listens on its port, starts it again (same ports, same mode,
   *  `secret` or the old one) and resolves once it reports every node up. */
  restart(b: AffinityBalancer, options?: { secret?: string; whileDown?: () => Promise<void> }): Promise<void>;
  close(): Promise<void>;
}

const HEALTH_ARGS = ['--health-interval', '200', '--health-timeout', '300', '--log-level', 'warn'];

export const newSecret = (): string => randomBytes(24).toString('hex');

export async function startAffinityRig(modes: readonly AffinityMode[]): Promise<AffinityRig> {
  const nodes: ShopNode[] = [];
  const balancers: AffinityBalancer[] = [];
  const close = async (): Promise<void> => {
    await Promise.all([...balancers.map((b) => b.process.stop()), ...nodes.map((n) => n.stop())])
      .catch(() => undefined);
  };
  const spawn = (mode: AffinityMode, secret: string, ports?: { port: number; adminPort: number }) => spawnBalancer({
    strategy: 'sticky', ...ports,
    args: [...HEALTH_ARGS, '--affinity', mode, ...nodes.flatMap((n) => ['--upstream', `${n.id}=${n.url}`])],
    env: { LB_AFFINITY_SECRET: secret },
  });
  const allUp = (p: BalancerProcess) => Promise.all(nodes.map((n) => waitForState([p], n.id, 'up')));
  try {
    // allSettled: a process that fails to start must not leave the others running unseen (close() stops them).
    keepStarted(nodes, await Promise.allSettled([1, 2].map((i) =>
      startShopNode({ variant: 'stateful', id: `stateful-${i}`, env: { LOG_LEVEL: 'warn' } }))));
    keepStarted(balancers, await Promise.allSettled(modes.map(async (mode): Promise<AffinityBalancer> => {
      const secret = newSecret();
      return { mode, secret, process: await spawn(mode, secret) };
    })));
    await Promise.all(balancers.map((b) => allUp(b.process)));
  } catch (err) {
    await close();
    throw err;
  }
  return {
    nodes, balancers, close,
    restart: async (b, options = {}) => {
      const old = b.process;
      old.kill();
      await old.exited;
      await options.whileDown?.();
      b.secret = options.secret ?? b.secret;
      b.process = await spawn(b.mode, b.secret, { port: old.port, adminPort: old.adminPort });
      await allUp(b.process);
    },
  };
}

/** Keeps what started in `into` (so close() stops it), then throws the first failure, if any. */
function keepStarted<T>(into: T[], results: PromiseSettledResult<T>[]): void {
  for (const r of results) if (r.status === 'fulfilled') into.push(r.value);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
