// loadConfig(env): the shop's whole configuration, read once from the environment, validated, frozen.
// The only file of the shop that looks at environment variables; it fails naming the variable and the accepted values.
import { SESSION_COOKIE } from './http/session-cookie.ts';
import { loadRedisTopology, type RedisTopologyConfig } from './config-redis.ts';
import { int, oneOf, optionalText, text, type Env } from './config-values.ts';
import type { CartStoreKind, Variant } from './variants.ts';

export type { CartStoreKind, Variant } from './variants.ts';

export interface ShopConfig extends RedisTopologyConfig {
  readonly variant: Variant;
  readonly nodeId: string;
  readonly host: string;
  readonly port: number;
  /** Undefined when not set: there is no default, so nothing ever falls back to a Redis that is not ours (6379). */
  readonly redisUrl: string | undefined;
  readonly cartStore: CartStoreKind;
  readonly logLevel: string;
  /** First signs, all verify. */
  readonly sessionSecrets: readonly string[];
  readonly usingDevSecret: boolean;
  readonly sessionIdleSeconds: number;
  /** Name of the session cookie (default `shop.sid`). Two shops on one host name need two names: browsers keep
   * cookies per host, not per port, so the demo gives each variant its own. */
  readonly sessionCookie: string;
  /** Stateful (in-memory sessions) only: live sessions a node holds at most; 0 = no cap. Unused where sessions live
   *  in Redis. */
  readonly maxSessions: number;
}

export interface VariantDefaults {
  readonly variant: Variant;
  /** Cart stores this entry can wire; the first is the default. */
  readonly cartStores: readonly CartStoreKind[];
}

/** About 200 MB of sessions and carts at the ~4 KB a session measured (packages/shop/README.md,
 *  "Memory per session"). */
export const DEFAULT_MAX_SESSIONS = 50_000;
export const DEV_SESSION_SECRET = 'stateshift-dev-secret-do-not-use-in-production';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];


export function loadConfig(env: Env, defaults: VariantDefaults): ShopConfig {
  const secrets = (env.SESSION_SECRET ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return Object.freeze({
    variant: defaults.variant,
    nodeId: text(env, 'NODE_ID', `${defaults.variant}-${process.pid}`, /^[\w.-]{1,64}$/,
      'letters, digits, . _ - (1..64)'),
    host: text(env, 'HOST', '127.0.0.1', /^[\w.:-]{1,255}$/, 'a host name or address'),
    port: int(env, 'PORT', 3000, 0, 65535),
    redisUrl: optionalText(env, 'REDIS_URL', /^rediss?:\/\/\S+$/, 'redis://host:port'),
    cartStore: oneOf(env, 'CART_STORE', defaults.cartStores),
    logLevel: oneOf(env, 'LOG_LEVEL', ['info', ...LOG_LEVELS.filter((l) => l !== 'info')]),
    sessionSecrets: Object.freeze(secrets.length > 0 ? secrets : [DEV_SESSION_SECRET]),
    usingDevSecret: secrets.length === 0,
    sessionIdleSeconds: int(env, 'SESSION_IDLE_SECONDS', 1800, 1, 30 * 24 * 3600),
    sessionCookie: text(env, 'SESSION_COOKIE', SESSION_COOKIE, /^[\w.-]{1,64}$/, 'letters, digits, . _ - (1..64)'),
    maxSessions: int(env, 'MAX_SESSIONS', DEFAULT_MAX_SESSIONS, 0, 10_000_000),
    ...loadRedisTopology(env),
  });
}
