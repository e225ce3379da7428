// Brings a cluster up in order: Redis (when needed and not given), the balancer, its event stream, the shop
// nodes in parallel, their registration; resolves when the balancer says every node is up. On any failure
// everything already started is stopped before the error is thrown.
import { randomBytes } from 'node:crypto';
import { adminClient } from './admin-client.ts';
import { assertBalancerPortsFree, type BalancerProcess } from './balancer-process.ts';
import { BalancerView } from './balancer-view.ts';
import { resolveClusterOptions, type ClusterOptions } from './cluster-options.ts';
import { Cluster } from './cluster.ts';
import { launchNode, type LaunchContext } from './launch-node.ts';
import { PeerDirectory } from './replicated-peers.ts';
import { startRedisServer, type RedisServer } from './redis-server.ts';
import { startRedisHa, type RedisHa } from './redis-ha.ts';
import { spawnClusterBalancer } from './spawn-cluster-balancer.ts';
import type { ShopNode } from './shop-node.ts';
import { watchBalancer, type BalancerWatch } from './watch-balancer.ts';

export async function startCluster(input: ClusterOptions): Promise<Cluster> {
  const options = resolveClusterOptions(input);
  // Before anything starts: a taken fixed port should not cost a Redis start and stop.
  await assertBalancerPortsFree(options.balancerPort, options.adminPort);
  let redis: RedisServer | undefined;
  let redisHa: RedisHa | undefined;
  let balancer: BalancerProcess | undefined;
  let watch: BalancerWatch | undefined;
  const nodes: ShopNode[] = [];
  const affinitySecret = randomBytes(32).toString('hex');
  // One admin token per run, like the affinity secret: a restarted or extra balancer keeps the one the cluster's
  // clients already carry.
  options.adminToken ??= randomBytes(24).toString('hex');
  try {
    if (options.needsRedis && options.redisHa) {
      redisHa = await startRedisHa({ binary: options.redisBinary });
      options.nodeEnv = {
        REDIS_SENTINELS: redisHa.sentinelList, REDIS_MASTER_NAME: redisHa.masterName, ...options.nodeEnv,
      };
    } else if (options.needsRedis && !options.redisUrl) {
      redis = await startRedisServer({ appendonly: options.appendonly, binary: options.redisBinary });
    }
    balancer = await spawnClusterBalancer({
      options, affinitySecret, port: options.balancerPort, adminPort: options.adminPort,
    });
    const view = new BalancerView();
    watch = watchBalancer(balancer.adminUrl, (event) => view.apply(event),
      { token: balancer.adminToken, onError: (err) => view.break(err) });
    await watch.connected;
    const ctx: LaunchContext = {
      options,
      redisUrl: options.redisUrl ?? redis?.url,
      sessionSecret: randomBytes(32).toString('hex'),
      affinitySecret,
      admin: adminClient(balancer.adminUrl, balancer.adminToken),
      ...(options.variant === 'replicated' ? { peerDirectory: new PeerDirectory() } : {}),
    };
    await launchAll(ctx, nodes);
    const ids = nodes.map((n) => n.id);
    await view.waitFor((s) => ids.every((id) => s.get(id) === 'up'), options.upTimeoutMs, `${ids.join(', ')} up`);
    return new Cluster({ ctx, balancer, view, watch, redis, nodes, redisHa });
  } catch (err) {
    watch?.close();
    await Promise.allSettled([
      balancer?.stop(options.stopTimeoutMs), ...nodes.map((n) => n.stop(options.stopTimeoutMs)),
    ]);
    await redis?.close().catch(() => {});
    await redisHa?.close().catch(() => {});
    throw err;
  }
}

/** Starts every node in parallel; `started` collects those that came up, so the caller can stop them on failure. */
async function launchAll(ctx: LaunchContext, started: ShopNode[]): Promise<void> {
  // Replicated nodes join the running ones: the first starts alone, the others are given it as PEERS.
  const first = ctx.peerDirectory ? 1 : 0;
  if (first === 1) started.push(await launchNode(ctx, 1));
  const results = await Promise.allSettled(Array.from({ length: ctx.options.nodes - first }, async (_, j) => {
    const i = j + first;
    const node = await launchNode(ctx, i + 1);
    started.push(node);
  }));
  started.sort((a, b) => indexOf(a) - indexOf(b));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function indexOf(node: ShopNode): number {
  return Number(node.id.split('-').pop());
}
