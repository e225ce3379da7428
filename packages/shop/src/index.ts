// Public surface of @stateshift/shop: the catalog, the app builder, its stores and the process plumbing.
export { CATALOG, PRODUCT_IDS, findProduct, type Product } from './catalog.ts';
export { buildShop, type ShopDeps } from './build-shop.ts';
// The variants and cart stores as data: `@stateshift/shop/variants` (src/variants.ts), which loads nothing else.
export {
  loadConfig, DEV_SESSION_SECRET, DEFAULT_MAX_SESSIONS, type ShopConfig, type CartStoreKind, type Variant,
  type VariantDefaults,
} from './config.ts';
export { SHOP_ERRORS, ShopError, type ShopErrorCode } from './errors.ts';
export { createLogger, type Logger } from './logger.ts';
export { serveShop, type ReadyMessage, type ServeOptions } from './serve.ts';
export type { MemoryReport, MemoryRequest } from './memory-report.ts';
export type { Lifecycle } from './http/health-routes.ts';
export type { CartView, CartItemView } from './http/views.ts';
export { SESSION_COOKIE } from './http/session-cookie.ts';
export { DEFAULT_LIMITS, type CartStore, type CartLine, type CartLimits, type OrderRecord } from './cart/cart-store.ts';
export { createMemoryCartStore } from './cart/memory-cart-store.ts';
export { createSessionCartStore } from './cart/session-cart-store.ts';
export { MemoryStore } from 'express-session';
export { CappedMemoryStore, type CappedMemoryStoreOptions } from './sessions/capped-memory-store.ts';
export { isSessionCounter, type SessionCounter } from './sessions/session-counter.ts';
export { connectRedis, type RedisConnection } from './redis/connection.ts';
export { connectSentinel, type SentinelConnectionOptions } from './redis/sentinel-connection.ts';
export { connectConfiguredRedis } from './redis/connect-configured.ts';
export type { RedisWait } from './redis/bounded-run.ts';
export { createRedisCartStore } from './redis/redis-cart-store.ts';
export { createRedisSessionStore } from './redis/session-store.ts';
export {
  loadReplicationConfig, type ReplicationConfig, type ReplicationMode,
} from './replication/replication-config.ts';
export { startReplicator, type Replicator, type ReplicationHealth } from './replication/replicator.ts';
export { createReplicatedCartStore } from './replication/replicated-cart-store.ts';
export { ReplicatedSessionStore } from './replication/replicated-session-store.ts';
export { keepNewest, type MergeRule, type ReplicaRecord } from './replication/record.ts';
export { createPeerClient, type PeerClient } from './replication/peer-client.ts';
