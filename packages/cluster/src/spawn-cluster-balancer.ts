// Starts one balancer child with the cluster's settings: strategy, sticky-miss policy, engine, admin token, extra flags
// and the run's affinity secret (every balancer of a cluster gets the same one, so a sealed affinity cookie
// routes alike on each, and across a restart). The first balancer, a restarted one and an extra one all come
// from here; given `upstreams`, the nodes are listed as --upstream flags instead of registered afterwards.
import { spawnBalancer, type BalancerProcess } from './balancer-process.ts';
import type { ResolvedClusterOptions } from './cluster-options.ts';

export interface ClusterBalancerInput {
  options: ResolvedClusterOptions;
  /** Passed as LB_AFFINITY_SECRET (the cluster's balancerEnv may still override it). */
  affinitySecret: string;
  port: number;
  adminPort: number;
  /** Known nodes, as `--upstream id=url` (a restarted or extra balancer). */
  upstreams?: readonly { id: string; url: string }[];
  /** Names the child in output lines ("balancer", "balancer-2"). */
  source?: string;
}

export function spawnClusterBalancer(input: ClusterBalancerInput): Promise<BalancerProcess> {
  const { options } = input;
  const args = [...(options.engine ? ['--engine', options.engine] : []), ...options.balancerArgs];
  if (options.affinity) args.push('--affinity', options.affinity);
  for (const u of input.upstreams ?? []) args.push('--upstream', `${u.id}=${u.url}`);
  const source = input.source ?? 'balancer';
  return spawnBalancer({
    strategy: options.strategy, stickyMiss: options.stickyMiss, port: input.port, adminPort: input.adminPort,
    adminToken: options.adminToken, baseEnv: options.baseEnv,
    env: { LB_AFFINITY_SECRET: input.affinitySecret, ...options.balancerEnv },
    args, startTimeoutMs: options.startTimeoutMs, entry: options.balancerEntry,
    onOutput: options.onOutput && ((line, stream) => options.onOutput?.(source, line, stream)),
  });
}
