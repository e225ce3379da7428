// What a running cluster is made of, as one record: the processes and watchers that the Cluster object and the
// balancer-level faults (balancer-restart.ts) both work on. Its own file so neither imports the other.
import type { BalancerProcess } from './balancer-process.ts';
import type { BalancerView } from './balancer-view.ts';
import type { LaunchContext } from './launch-node.ts';
import type { RedisHa } from './redis-ha.ts';
import type { RedisServer } from './redis-server.ts';
import type { ShopNode } from './shop-node.ts';
import type { BalancerWatch } from './watch-balancer.ts';

/** Extra balancers started by startExtraBalancer(); the cluster stops them on close(). */
export interface ExtraParts { extras: BalancerProcess[]; extraWatches: BalancerWatch[] }

export interface ClusterParts extends Partial<ExtraParts> {
  ctx: LaunchContext;
  balancer: BalancerProcess;
  view: BalancerView;
  watch: BalancerWatch;
  redis: RedisServer | undefined;
  nodes: ShopNode[];
  /** The Redis HA topology when started with `redisHa` (then `redis` is undefined). */
  redisHa?: RedisHa;
}
