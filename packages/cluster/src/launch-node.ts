// Starts shop node <variant>-<index> with the cluster's settings and registers it with the balancer.
// If registration fails the node is stopped again: a half-added node is never left running.
import type { AdminClient } from './admin-client.ts';
import type { ResolvedClusterOptions } from './cluster-options.ts';
import type { PeerDirectory } from './replicated-peers.ts';
import { startShopNode, type ShopNode } from './shop-node.ts';

export interface LaunchContext {
  options: ResolvedClusterOptions;
  redisUrl: string | undefined;
  sessionSecret: string;
  /** One per run: every balancer the cluster starts gets it (LB_AFFINITY_SECRET). */
  affinitySecret: string;
  admin: AdminClient;
  /** Replicated variant only: PEERS and PEER_SECRET for each new node. */
  peerDirectory?: PeerDirectory;
}

export function nodeId(options: ResolvedClusterOptions, index: number): string {
  return `${options.variant}-${index}`;
}

export async function launchNode(ctx: LaunchContext, index: number): Promise<ShopNode> {
  const { options } = ctx;
  const id = nodeId(options, index);
  const node = await startShopNode({
    variant: options.variant,
    id,
    redisUrl: ctx.redisUrl,
    cartStore: options.cartStore,
    entry: options.shopEntry,
    baseEnv: options.baseEnv,
    // One secret for the whole cluster: every node must verify every other node's session cookie.
    env: { SESSION_SECRET: ctx.sessionSecret, ...ctx.peerDirectory?.env(), ...options.nodeEnv },
    startTimeoutMs: options.startTimeoutMs,
    onOutput: options.onOutput && ((line, stream) => options.onOutput?.(id, line, stream)),
  });
  ctx.peerDirectory?.register(node);
  try {
    await ctx.admin.add(id, node.url);
  } catch (err) {
    await node.stop(options.stopTimeoutMs);
    throw err;
  }
  return node;
}
