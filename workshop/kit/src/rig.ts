// A small real topology for a check: N shop nodes (child processes) and one or more balancers in front of the
// same nodes (one per strategy or sticky-miss policy), with fast health checks. close() ends every process.
import {
  adminClient, spawnBalancer, startRedisServer, startShopNode, type BalancerProcess, type RedisServer, type ShopNode,
  type StickyMiss, type StrategyName, type Variant,
} from '@stateshift/cluster';
import { notYet } from './workshop-error.ts';
import type { Tally } from './tally.ts';

interface RigBalancer { strategy: StrategyName; stickyMiss?: StickyMiss }

export interface RigOptions {
  variant: Variant;
  nodes: number;
  balancers: RigBalancer[];
}

export interface Rig {
  readonly nodes: ShopNode[];
  readonly balancers: BalancerProcess[];
  readonly redis: RedisServer | undefined;
  /** Starts one more node, registers it with every balancer, resolves when every balancer has it up. */
  addNode(): Promise<ShopNode>;
  /** Resolves when every balancer reports `id` in `state`. */
  waitFor(id: string, state: 'up' | 'down' | 'draining'): Promise<void>;
  close(): Promise<void>;
}

const HEALTH_ARGS = ['--health-interval', '200', '--health-timeout', '300', '--log-level', 'warn'];
const QUIET = { LOG_LEVEL: 'warn' };

async function startRig(options: RigOptions): Promise<Rig> {
  const nodes: ShopNode[] = [];
  const balancers: BalancerProcess[] = [];
  let redis: RedisServer | undefined;
  const close = async (): Promise<void> => {
    await Promise.all([...balancers.map((b) => b.stop()), ...nodes.map((n) => n.stop())]).catch(() => undefined);
    await redis?.close();
  };
  try {
    if (options.variant === 'stateless') redis = await startRedisServer();
    const start = (i: number) => startShopNode({
      variant: options.variant, id: `${options.variant}-${i}`, redisUrl: redis?.url, env: QUIET,
    });
    nodes.push(...await Promise.all(Array.from({ length: options.nodes }, (_, i) => start(i + 1))));
    const upstreams = nodes.flatMap((n) => ['--upstream', `${n.id}=${n.url}`]);
    balancers.push(...await Promise.all(options.balancers.map((b) =>
      spawnBalancer({ strategy: b.strategy, stickyMiss: b.stickyMiss, args: [...HEALTH_ARGS, ...upstreams] }))));
    const rig: Rig = {
      nodes, balancers, redis, close,
      waitFor: (id, state) => waitForState(balancers, id, state),
      addNode: async () => {
        const node = await start(nodes.length + 1);
        nodes.push(node);
        await Promise.all(balancers.map((b) => adminClient(b.adminUrl, b.adminToken).add(node.id, node.url)));
        await waitForState(balancers, node.id, 'up');
        return node;
      },
    };
    await Promise.all(nodes.map((n) => waitForState(balancers, n.id, 'up')));
    return rig;
  } catch (err) {
    await close();
    throw err;
  }
}

/** Asks the admin API until every balancer reports the state; bounded at 15 s. */
export async function waitForState(balancers: BalancerProcess[], id: string, state: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (const b of balancers) {
    const admin = adminClient(b.adminUrl, b.adminToken);
    for (;;) {
      const node = (await admin.nodes()).nodes.find((n) => n.id === id);
      if (node?.state === state) break;
      if (Date.now() > deadline) {
        throw notYet(`the balancer never reported ${id} as ${state} (last: ${node?.state ?? 'absent'})`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Starts the rig as one step of a check and registers its close; undefined when that step failed. */
export async function rigStep(t: Tally, title: string, options: RigOptions): Promise<Rig | undefined> {
  let rig: Rig | undefined;
  await t.step(title, async () => {
    rig = await startRig(options);
    t.defer(() => rig!.close());
  });
  return rig;
}
