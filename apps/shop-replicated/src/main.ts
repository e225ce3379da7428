// Entry of the replicated shop: sessions (capped at MAX_SESSIONS) and carts in this process's memory, every change
// replicated to every peer.
// Only wiring lives here; everything else is @stateshift/shop. Compare with apps/shop-stateful/src/main.ts.
import {
  buildShop, createLogger, createReplicatedCartStore, createSessionCartStore, DEFAULT_LIMITS, loadConfig, serveShop,
  loadReplicationConfig, ReplicatedSessionStore, startReplicator,
} from '@stateshift/shop';

const config = loadConfig(process.env, { variant: 'replicated', cartStores: ['memory', 'session'] });
const logger = createLogger({ level: config.logLevel, nodeId: config.nodeId });
const lifecycle = { draining: false };
const replication = loadReplicationConfig(process.env);
const replicator = await startReplicator({ config: replication, nodeId: config.nodeId, logger });

const sessionStore = new ReplicatedSessionStore(replicator, {
  idleSeconds: config.sessionIdleSeconds, maxSessions: config.maxSessions,
});
const carts = config.cartStore === 'session'
  ? createSessionCartStore({ limits: DEFAULT_LIMITS })
  : createReplicatedCartStore(replicator, { idleSeconds: config.sessionIdleSeconds, limits: DEFAULT_LIMITS });

const app = buildShop({ config, logger, sessionStore, carts, lifecycle, health: replicator.health });
await serveShop({ app, config, logger, lifecycle, onClose: replicator.leave, peerPort: replicator.peerPort });
