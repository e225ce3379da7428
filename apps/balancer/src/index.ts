// Public surface of @stateshift/balancer.
export { buildBalancer, startBalancer, type Balancer, type BalancerDeps, type BalancerPorts } from './balancer.ts';
export {
  loadConfig, type BalancerConfig, type StickyMiss, type StrategyName, type EngineName, type AffinityModeName,
} from './config/config.ts';
// The accepted values as data: `@stateshift/balancer/values` (src/config/values.ts), which loads nothing else.
export { LB_ERRORS, LbError, type LbErrorCode } from './errors.ts';
export type { NodeView, PoolView } from './admin/node-view.ts';
export type { NodeState, StateEvent, LastHealth } from './pool.ts';
export type { ProxyEngine } from './engines/engine.ts';
export type { EngineOptions } from './exchange/attempt.ts';
