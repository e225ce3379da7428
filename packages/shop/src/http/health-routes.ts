// /healthz (the process runs) and /readyz (the node can serve: its store answers, it is not draining).
// Both are cheap and never touch the session: the balancer's health check calls /readyz with a 500 ms timeout.
import { Router } from 'express';
import type { CartStore } from '../cart/cart-store.ts';
import type { Variant } from '../config.ts';
import type { SessionCounter } from '../sessions/session-counter.ts';
import { toShopError } from './errors-middleware.ts';

export interface Lifecycle {
  draining: boolean;
}

export interface HealthOptions {
  readonly nodeId: string;
  readonly variant: Variant;
  readonly carts: CartStore;
  readonly checkReady?: () => Promise<void>;
  readonly lifecycle: Lifecycle;
  /** Sessions held in this node's memory (stateful); absent when they live elsewhere (Redis). */
  readonly sessions?: SessionCounter;
  readonly primary?: () => string | undefined;
  /** More fields (the replicated variant's peers and lag). */
  readonly extra?: () => object;
}

export function healthRoutes(o: HealthOptions): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const carts = await o.carts.count().catch(() => null);
    const sessions = o.sessions?.sessionCount() ?? null;
    // Through Sentinel the primary changes under a running node: null while none is known.
    const primary = o.primary ? { primary: o.primary() ?? null } : {};
    res.json({
      status: 'ok', node: o.nodeId, variant: o.variant, carts, sessions, maxSessions: o.sessions?.maxSessions ?? null,
      ...primary, ...o.extra?.(),
    });
  });
  router.get('/readyz', async (_req, res) => {
    if (o.lifecycle.draining) {
      res.status(503).json(unready(o, 'SHOP_ERR_SHUTTING_DOWN', 'the node is shutting down'));
      return;
    }
    try {
      await o.checkReady?.();
      res.json({ status: 'ready', node: o.nodeId, variant: o.variant });
    } catch (err) {
      const e = toShopError(err);
      res.status(503).json(unready(o, 'SHOP_ERR_STORE_UNAVAILABLE', e.message));
    }
  });
  return router;
}

function unready(o: HealthOptions, code: string, reason: string) {
  return { status: 'unready', node: o.nodeId, variant: o.variant, reason, error: { code, message: reason } };
}
