// A replicated shop node whose apply rule is the trainee's (exercise 10): the wiring of apps/shop-replicated, except
// that every record a peer sends (a live change, a replay, a join's snapshot, a peer's newer copy) is merged into
// this node's copy by applyPeerChange from WORKSHOP_APPLY_MODULE. Each node is its own process.
import { pathToFileURL } from 'node:url';
import {
  buildShop, createLogger, createReplicatedCartStore, DEFAULT_LIMITS, serveShop, ReplicatedSessionStore,
  startReplicator, type MergeRule,
} from '@stateshift/shop';
import { loadReplicatedNodeConfig } from './replicated-config.ts';

const { shop: config, replication, applyModule } = loadReplicatedNodeConfig(process.env);
const logger = createLogger({ level: config.logLevel, nodeId: config.nodeId });
const lifecycle = { draining: false };
const mod = await import(pathToFileURL(applyModule).href) as { applyPeerChange?: MergeRule };
const apply = mod.applyPeerChange;
if (typeof apply !== 'function') throw new Error(`${applyModule} must export a function applyPeerChange`);
// A throw is said once in the trainee's terms (the check shows it), then refuses the peer's batch as before.
const merge: MergeRule = (ours, theirs) => {
  try {
    return apply(ours, theirs);
  } catch (err) {
    logger.error({ key: theirs.k }, `applyPeerChange threw: ${(err as Error).message}`);
    throw err;
  }
};
const replicator = await startReplicator({ config: replication, nodeId: config.nodeId, logger, merge });
const sessionStore = new ReplicatedSessionStore(replicator, {
  idleSeconds: config.sessionIdleSeconds, maxSessions: config.maxSessions,
});
const carts = createReplicatedCartStore(replicator, { idleSeconds: config.sessionIdleSeconds, limits: DEFAULT_LIMITS });
const app = buildShop({ config, logger, sessionStore, carts, lifecycle, health: replicator.health });
await serveShop({ app, config, logger, lifecycle, onClose: replicator.leave, peerPort: replicator.peerPort });
