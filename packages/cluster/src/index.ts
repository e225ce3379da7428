// Public surface of @stateshift/cluster: start and control real processes.
export { ClusterError, CLUSTER_ERRORS, CLUSTER_ERROR_CODES, type ClusterErrorCode } from './errors.ts';
export { loadClusterConfig, type ClusterConfig } from './config.ts';
export { freePort, isPortFree } from './free-port.ts';
export { startRedisServer, redisBinaryAvailable, type RedisServer, type RedisServerOptions } from './redis-server.ts';
export { startShopNode, type ShopNode, type ShopNodeOptions } from './shop-node.ts';
export { spawnBalancer, type BalancerProcess, type BalancerOptions } from './balancer-process.ts';
export { STICKY_MISS } from './cluster-options.ts';
// The balancer's and the shop's words, re-exported for the cluster's users (defined there, not here).
export type { StickyMiss, StrategyName } from '@stateshift/balancer';
export type { CartStoreKind, Variant } from '@stateshift/shop';
export type { ChildExit } from './child.ts';
export type { OutputListener } from './output-tail.ts';
export {
  adminClient, type AdminClient, type BalancerNode, type BalancerNodeState, type NodesSnapshot,
} from './admin-client.ts';
export { readEventStream } from './event-stream.ts';
export {
  watchBalancer, type BalancerEvent, type BalancerWatch, type StateChange, type Traffic, type TrafficNode,
  type WatchOptions,
} from './watch-balancer.ts';
export { startCluster } from './start-cluster.ts';
export {
  VARIANTS, CART_STORES, MAX_NODES, type ClusterOptions, type ClusterOutputListener,
} from './cluster-options.ts';
export { AFFINITY_MODES, type AffinityMode } from './cluster-options.ts';
export { spawnClusterBalancer, type ClusterBalancerInput } from './spawn-cluster-balancer.ts';
export type { ExtraBalancer } from './balancer-restart.ts';
export { ENGINES, type Engine } from './cluster-options.ts';
export { Cluster, type ClusterEvent, type ClusterEventType, type NodeInfo, type NodeState } from './cluster.ts';
export { processRunning, waitGone } from './process-liveness.ts';
export {
  startRedisHa, sentinelConfig, REDIS_HA_MEMBERS, type RedisHa, type RedisHaMember, type RedisHaOptions,
} from './redis-ha.ts';
export { SENTINEL_EVENT_CHANNELS, type SentinelEvent, type SentinelWatch } from './sentinel-watch.ts';
export { requestNodeMemory, NODE_MEMORY_TIMEOUT_MS, type NodeMemory } from './node-memory.ts';
