// Public surface of @stateshift/cluster: start and control real processes.
export { ClusterError, CLUSTER_ERRORS, CLUSTER_ERROR_CODES, type ClusterErrorCode } from './errors.ts';
export { loadClusterConfig, type ClusterConfig } from './config.ts';
export { freePort, isPortFree } from './free-port.ts';
export { startRedisServer, redisBinaryAvailable, type RedisServer, type RedisServerOptions } from './redis-server.ts';
export { startShopNode, type ShopNode, type ShopNodeOptions, type CartStore } from './shop-node.ts';
export {
  startBalancer, STRATEGIES, STICKY_MISS, type BalancerProcess, type BalancerOptions, type Strategy, type StickyMiss,
} from './balancer-process.ts';
export type { ChildExit } from './child.ts';
export type { Variant } from './paths.ts';
export type { OutputListener } from './output-tail.ts';
export { adminClient, type AdminClient, type BalancerNode, type BalancerNodeState, type NodesSnapshot } from './admin-client.ts';
export { watchBalancer, type BalancerEvent, type BalancerWatch, type StateChange, type Traffic, type TrafficNode, type WatchOptions } from './watch-balancer.ts';
export { startCluster } from './start-cluster.ts';
export { VARIANTS, CART_STORES, MAX_NODES, type ClusterOptions, type ClusterOutputListener } from './cluster-options.ts';
export { AFFINITY_MODES, type AffinityMode } from './cluster-options.ts';
export { spawnBalancer, type SpawnBalancerInput } from './spawn-balancer.ts';
export type { ExtraBalancer } from './balancer-restart.ts';
export { ENGINES, type Engine } from './cluster-options.ts';
export { Cluster, type ClusterEvent, type ClusterEventType, type NodeInfo, type NodeState } from './cluster.ts';
export { processRunning, waitGone } from './process-liveness.ts';
export { startRedisHa, sentinelConfig, REDIS_HA_MEMBERS, type RedisHa, type RedisHaMember, type RedisHaOptions } from './redis-ha.ts';
export { SENTINEL_EVENT_CHANNELS, type SentinelEvent, type SentinelWatch } from './sentinel-watch.ts';
export { requestNodeMemory, NODE_MEMORY_TIMEOUT_MS, type NodeMemory } from './node-memory.ts';
