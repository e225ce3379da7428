// express-session for the shop: cookie `shop.sid` (or SESSION_COOKIE) (HttpOnly, SameSite=Lax, Secure behind TLS at
// the balancer), rolling idle timeout, no session until something is stored, and promise helpers that surface store
// failures.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import session, { type Store } from 'express-session';
import type { CartLine, CartScope, OrderRecord } from '../cart/cart-store.ts';
import { isShopError, ShopError, storeFailure } from '../errors.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import { storeWrite } from './store-writes.ts';

declare module 'express-session' {
  interface SessionData {
    shopper: string;
    name: string;
    cart: CartLine[];
    orders: OrderRecord[];
  }
}

const CARRIED = ['shopper', 'name', 'cart', 'orders'] as const;

export interface SessionOptions {
  readonly store: Store;
  readonly secrets: readonly string[];
  readonly idleSeconds: number;
  /** Cookie name; `shop.sid` when not given. */
  readonly cookieName?: string;
}

export function sessionMiddleware(options: SessionOptions): RequestHandler {
  return session({
    name: options.cookieName ?? SESSION_COOKIE,
    store: options.store,
    secret: [...options.secrets],
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: options.idleSeconds * 1000 },
  });
}

/** The cart scope of a request; creates the shopper id (and so the session) only when `create` is set. */
export async function cartScope(req: Request, create: boolean): Promise<CartScope | undefined> {
  const s = req.session;
  if (!s) throw new ShopError('SHOP_ERR_STORE_UNAVAILABLE', 'the session store is not connected');
  if (!s.shopper) {
    if (!create) return undefined;
    s.shopper = randomUUID();
    await saveSession(req);
  }
  return { shopper: s.shopper, session: s, save: () => saveSession(req) };
}

/** Stores the session: one store write of this request. */
export function saveSession(req: Request): Promise<void> {
  return storeWrite(req, () => new Promise((resolve, reject) =>
    req.session.save((err) => (err ? reject(writeFailed(err)) : resolve()))));
}

/** New session id (against fixation), same shopper, cart and orders; resolves once the new session is stored. */
export async function regenerateSession(req: Request): Promise<void> {
  const kept = Object.fromEntries(CARRIED.map((k) => [k, req.session[k]]));
  // The old session is destroyed (one write), then the new one saved (a second write).
  await storeWrite(req, () => new Promise<void>((resolve, reject) =>
    req.session.regenerate((err) => (err ? reject(writeFailed(err)) : resolve()))));
  for (const key of CARRIED) if (kept[key] !== undefined) Object.assign(req.session, { [key]: kept[key] });
  await saveSession(req);
}

/** A session store's failure to write: the Redis layer's verdict when it has one; anything else may have been
 *  applied. */
function writeFailed(err: unknown): ShopError {
  return isShopError(err) ? err : storeFailure('SHOP_ERR_STORE_INDETERMINATE', err);
}
