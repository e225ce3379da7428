// Balancer-level faults on a running cluster: SIGKILL the balancer and start it again on the same ports with the
// same affinity secret after a delay (what a crash and a supervisor's restart look like), and a second balancer
// in front of the same nodes (what DNS round robin over two instances looks like). The restarted balancer gets
// the nodes that still run as --upstream flags: nothing else of the old one's memory survives (that is the point).
import type { BalancerProcess } from './balancer-process.ts';
import { BalancerView } from './balancer-view.ts';
import type { ClusterParts, ExtraParts } from './cluster-parts.ts';
import { spawnClusterBalancer } from './spawn-cluster-balancer.ts';
import { watchBalancer, type BalancerWatch } from './watch-balancer.ts';

export interface LiveNode { id: string; url: string }

/** A balancer started by startExtraBalancer(); the cluster stops it on close(). */
export interface ExtraBalancer {
  readonly pid: number;
  readonly url: string;
  readonly adminUrl: string;
  /** Epoch ms when it reported every node up. */
  readonly upAt: number;
}

/** Returns the epoch ms of the SIGKILL and how long the traffic port was gone. */
export async function restartBalancer(
  parts: ClusterParts, nodes: readonly LiveNode[], downMs: number,
): Promise<{ t: number; detail: string }> {
  const old = parts.balancer;
  parts.watch.close();
  const t = Date.now();
  old.kill();
  await old.exited;
  // The delay is the fault's length (a supervisor's back-off), not a wait for some effect.
  if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
  const balancer = await spawnClusterBalancer({
    options: parts.ctx.options, affinitySecret: parts.ctx.affinitySecret, port: old.port, adminPort: old.adminPort,
    upstreams: nodes,
  });
  parts.balancer = balancer; // from here close() stops the new one, even if it never reports the nodes up
  const { view, watch } = await follow(parts, balancer, nodes);
  parts.view = view;
  parts.watch = watch;
  return { t, detail: `down ${Date.now() - t} ms until every node was up again; pid ${old.pid} → ${balancer.pid}` };
}

export async function startExtraBalancer(
  parts: ClusterParts & Partial<ExtraParts>, nodes: readonly LiveNode[],
): Promise<ExtraBalancer> {
  const n = (parts.extras?.length ?? 0) + 2;
  const balancer = await spawnClusterBalancer({
    options: parts.ctx.options, affinitySecret: parts.ctx.affinitySecret, port: 0, adminPort: 0, upstreams: nodes,
    source: `balancer-${n}`,
  });
  (parts.extras ??= []).push(balancer);
  const { watch } = await follow(parts, balancer, nodes).catch(async (err: unknown) => {
    await balancer.stop(parts.ctx.options.stopTimeoutMs);
    throw err;
  });
  (parts.extraWatches ??= []).push(watch);
  return { pid: balancer.pid, url: balancer.url, adminUrl: balancer.adminUrl, upAt: Date.now() };
}

/** Opens the new balancer's event stream and resolves once it says every node is up. */
async function follow(
  parts: ClusterParts, balancer: BalancerProcess, nodes: readonly LiveNode[],
): Promise<{ view: BalancerView; watch: BalancerWatch }> {
  const { options } = parts.ctx;
  const view = new BalancerView();
  const watch = watchBalancer(balancer.adminUrl, (event) => view.apply(event), {
    token: options.adminToken, onError: (err) => view.break(err),
  });
  await watch.connected;
  await view.waitFor(
    (s) => nodes.every((n) => s.get(n.id) === 'up'), options.upTimeoutMs, `${nodes.map((n) => n.id).join(', ')} up`,
  );
  return { view, watch };
}
