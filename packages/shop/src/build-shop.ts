// buildShop(deps): the shop's Express app, wired from injected stores. It never listens and never reads the
// environment; main.ts (or a test) does that.
import express, { type Express } from 'express';
import type { Store } from 'express-session';
import type { CartStore } from './cart/cart-store.ts';
import type { ShopConfig } from './config.ts';
import type { Logger } from './logger.ts';
import { accountRoutes } from './http/account-routes.ts';
import { cartRoutes } from './http/cart-routes.ts';
import { errorHandler, notFound } from './http/errors-middleware.ts';
import { healthRoutes, type Lifecycle } from './http/health-routes.ts';
import { productRoutes } from './http/product-routes.ts';
import { sessionMiddleware } from './http/session.ts';
import { pageRoutes } from './pages/page-routes.ts';
import { isSessionCounter } from './sessions/session-counter.ts';

export interface ShopDeps {
  readonly config: Pick<ShopConfig, 'variant' | 'nodeId' | 'sessionSecrets' | 'sessionIdleSeconds'>
    & Partial<Pick<ShopConfig, 'sessionCookie'>>;
  readonly logger: Logger;
  readonly sessionStore: Store;
  readonly carts: CartStore;
  /** Rejects when the node cannot serve (its store unreachable); /readyz answers 503 then. */
  readonly checkReady?: () => Promise<void>;
  /** The Redis (primary) in use now, `host:port`; /healthz names it. */
  readonly primary?: () => string | undefined;
  /** Set `draining` on SIGTERM: /readyz answers 503 and responses close their connection. */
  readonly lifecycle?: Lifecycle;
  /** More fields for /healthz (the replicated variant's peers and lag). */
  readonly health?: () => object;
}

export function buildShop(deps: ShopDeps): Express {
  const { config, carts } = deps;
  const lifecycle = deps.lifecycle ?? { draining: false };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.set('x-served-by', config.nodeId);
    if (lifecycle.draining) res.set('connection', 'close');
    next();
  });
  const sessions = isSessionCounter(deps.sessionStore) ? deps.sessionStore : undefined;
  app.use(healthRoutes({
    nodeId: config.nodeId, variant: config.variant, carts, checkReady: deps.checkReady, lifecycle, sessions,
    primary: deps.primary, extra: deps.health,
  }));
  app.use(productRoutes());
  app.use(express.json({ limit: '16kb' }));
  app.use(sessionMiddleware({
    store: deps.sessionStore, secrets: config.sessionSecrets, idleSeconds: config.sessionIdleSeconds,
    cookieName: config.sessionCookie,
  }));
  app.use(cartRoutes(carts));
  app.use(accountRoutes());
  app.use(pageRoutes({ carts, nodeId: config.nodeId, variant: config.variant }));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
