// The options of startCluster(), validated once and completed with defaults. Bad options fail with
// CLUSTER_ERR_OPTIONS naming the option and the accepted values, before anything is started.
import type { AffinityModeName, EngineName, StickyMiss, StrategyName } from '@stateshift/balancer';
import { AFFINITY_VALUES, ENGINE_VALUES, STICKY_MISS_VALUES, STRATEGY_VALUES } from '@stateshift/balancer/values';
import type { CartStoreKind, Variant } from '@stateshift/shop';
import { CART_STORE_VALUES, VARIANT_VALUES } from '@stateshift/shop/variants';
import { loadClusterConfig } from './config.ts';
import { ClusterError } from './errors.ts';

// The accepted values are the balancer's and the shop's own lists (their /values and /variants modules load
// nothing else), under the names the cluster has always exported.
export const VARIANTS = VARIANT_VALUES;
export const CART_STORES = CART_STORE_VALUES;
export const MAX_NODES = 16;
/** The balancer's engines (apps/balancer --engine). */
export const ENGINES = ENGINE_VALUES;
export type Engine = EngineName;
export const STICKY_MISS = STICKY_MISS_VALUES;
/** The balancer's strategies, sticky first: the cluster's default for stateful and replicated. */
const STRATEGIES: readonly StrategyName[] = ['sticky', ...STRATEGY_VALUES.filter((s) => s !== 'sticky')];

export type ClusterOutputListener = (source: string, line: string, stream: 'stdout' | 'stderr') => void;

export interface ClusterOptions {
  variant: Variant;
  /** Shop nodes to start, 1..16; default 3. */
  nodes?: number;
  /** Default: sticky for stateful and replicated, round-robin for stateless. */
  strategy?: StrategyName;
  stickyMiss?: StickyMiss;
  /** The balancer's --affinity (sticky only); default: the balancer's own (signed). */
  affinity?: AffinityMode;
  /** CART_STORE for every node; default: the app's own default. */
  cartStore?: CartStoreKind;
  /** Use this Redis and start none; stopRedis/startRedis/restartRedis then fail. */
  redisUrl?: string;
  /** Our Redis with appendonly (fsync every second). */
  appendonly?: boolean;
  /** Run on our Redis HA topology instead of one Redis: primary, replica, three sentinels (startRedisHa); nodes
   * get REDIS_SENTINELS. Control it through `cluster.redisHa`. Not with redisUrl. */
  redisHa?: boolean;
  balancerPort?: number;
  adminPort?: number;
  adminToken?: string;
  /** Extra env for every node (LOG_LEVEL, SESSION_SECRET...). */
  nodeEnv?: Record<string, string>;
  balancerEnv?: Record<string, string>;
  /** Extra balancer CLI flags. */
  balancerArgs?: string[];
  /** The balancer's engine (`--engine`); default: the balancer's own default. */
  engine?: Engine;
  /** Variables every child inherits; default loadClusterConfig().baseEnv. */
  baseEnv?: Record<string, string>;
  redisBinary?: string;
  /** Another shop entry file (a workshop exercise...); default apps/shop-<variant>/src/main.ts. */
  shopEntry?: string;
  /** Another balancer entry file; default apps/balancer/src/main.ts. */
  balancerEntry?: string;
  /** Bound on one child's start (ready message); default 20 s. */
  startTimeoutMs?: number;
  /** Bound on the balancer reporting a node up; default 20 s. */
  upTimeoutMs?: number;
  /** SIGTERM → SIGKILL delay for stop() and close(); default 6 s. */
  stopTimeoutMs?: number;
  /** Every line any child writes, with its source ("balancer", "stateful-1", "redis"). */
  onOutput?: ClusterOutputListener;
}

export const AFFINITY_MODES = AFFINITY_VALUES;
export type AffinityMode = AffinityModeName;

type OptionalKeys =
  'affinity' | 'cartStore' | 'redisUrl' | 'adminToken' | 'onOutput' | 'shopEntry' | 'balancerEntry' | 'engine';

export type ResolvedClusterOptions = Required<Omit<ClusterOptions, OptionalKeys>> &
  Pick<ClusterOptions, OptionalKeys> & { needsRedis: boolean };

export function resolveClusterOptions(input: ClusterOptions): ResolvedClusterOptions {
  if (typeof input !== 'object' || input === null) fail('options', 'an object', input);
  oneOf('variant', input.variant, VARIANTS);
  const nodes = input.nodes ?? 3;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_NODES) fail('nodes', `an integer 1..${MAX_NODES}`, nodes);
  const strategy = input.strategy ?? (input.variant === 'stateless' ? 'round-robin' : 'sticky');
  oneOf('strategy', strategy, STRATEGIES);
  oneOf('stickyMiss', input.stickyMiss ?? 'continue', STICKY_MISS);
  if (input.cartStore !== undefined) oneOf('cartStore', input.cartStore, CART_STORES);
  if (input.affinity !== undefined) oneOf('affinity', input.affinity, AFFINITY_MODES);
  if (input.engine !== undefined) oneOf('engine', input.engine, ENGINES);
  if (input.redisUrl !== undefined && !/^rediss?:\/\/./.test(input.redisUrl)) {
    fail('redisUrl', 'a redis:// URL', input.redisUrl);
  }
  if (input.redisHa !== undefined && typeof input.redisHa !== 'boolean') fail('redisHa', 'true | false', input.redisHa);
  if (input.redisHa && input.redisUrl !== undefined) {
    fail('redisHa', 'false when redisUrl is given (one Redis or our HA topology)', input.redisHa);
  }
  if (input.redisHa && input.variant !== 'stateless' && input.cartStore !== 'redis') {
    fail(
      'redisHa', 'false for a variant that keeps nothing in Redis (stateful without cartStore redis)', input.redisHa,
    );
  }
  for (const name of ['balancerPort', 'adminPort'] as const) {
    const port = input[name] ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(name, 'an integer 0..65535', port);
  }
  for (const name of ['startTimeoutMs', 'upTimeoutMs', 'stopTimeoutMs'] as const) {
    const ms = input[name];
    if (ms !== undefined && (!Number.isFinite(ms) || ms <= 0)) fail(name, 'a positive number of ms', ms);
  }
  return {
    ...input,
    nodes,
    strategy,
    stickyMiss: input.stickyMiss ?? 'continue',
    appendonly: input.appendonly ?? false,
    redisHa: input.redisHa ?? false,
    balancerPort: input.balancerPort ?? 0,
    adminPort: input.adminPort ?? 0,
    nodeEnv: { ...input.nodeEnv },
    balancerEnv: { ...input.balancerEnv },
    balancerArgs: [...(input.balancerArgs ?? [])],
    baseEnv: { ...(input.baseEnv ?? loadClusterConfig().baseEnv) },
    redisBinary: input.redisBinary ?? 'redis-server',
    startTimeoutMs: input.startTimeoutMs ?? 20_000,
    upTimeoutMs: input.upTimeoutMs ?? 20_000,
    stopTimeoutMs: input.stopTimeoutMs ?? 6_000,
    // Stateless keeps sessions in Redis whatever the cart store; stateful needs Redis only for CART_STORE=redis.
    needsRedis: input.variant === 'stateless' || input.cartStore === 'redis',
  };
}

function oneOf(name: string, value: unknown, accepted: readonly string[]): void {
  if (typeof value !== 'string' || !accepted.includes(value)) fail(name, accepted.join(' | '), value);
}

function fail(name: string, accepted: string, got: unknown): never {
  throw new ClusterError(
    'CLUSTER_ERR_OPTIONS', `startCluster: ${name} must be ${accepted} (got ${JSON.stringify(got)})`,
  );
}
