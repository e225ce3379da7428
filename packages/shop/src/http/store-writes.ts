// Per request, which store writes were started, so that a store failure can be answered with what is known:
// SHOP_ERR_STORE_UNAVAILABLE only when this request certainly changed nothing, else SHOP_ERR_STORE_INDETERMINATE.
import type { Request } from 'express';
import { isStoreFailure, storeFailure, type ShopError } from '../errors.ts';

interface WriteState {
  /** Store writes started by this request (each `storeWrite` outside another one counts once). */
  started: number;
  /** Inside a storeWrite: a nested one (a cart store saving the session) is part of it. */
  active: boolean;
  /** The failure a storeWrite already settled; the error handler keeps its code. */
  settled?: ShopError;
}

const states = new WeakMap<Request, WriteState>();

function state(req: Request): WriteState {
  let s = states.get(req);
  if (!s) states.set(req, s = { started: 0, active: false });
  return s;
}

/**
 * Runs one mutating store operation of this request: one store command (a cart script, a session save or
 * destroy), or a cart operation whose only store command is the session save nested in it. Its failure keeps the
 * store's own verdict (refused before sending: unavailable; else indeterminate) when it is the request's first
 * write; after an earlier write the request has had an effect, so the failure is indeterminate.
 */
export async function storeWrite<T>(req: Request, op: () => Promise<T>): Promise<T> {
  const s = state(req);
  if (s.active) return op();
  const earlier = s.started++;
  s.active = true;
  try {
    return await op();
  } catch (err) {
    if (!isStoreFailure(err)) throw err;
    throw s.settled = earlier > 0 ? storeFailure('SHOP_ERR_STORE_INDETERMINATE', err) : err;
  } finally {
    s.active = false;
  }
}

/** The code a store failure is answered with: a failure outside any write (a session load, a cart read) changed
 *  nothing unless a write came before it. Any other error passes through. */
export function settleStoreFailure(req: Request, err: ShopError): ShopError {
  if (!isStoreFailure(err)) return err;
  const s = states.get(req);
  if (s?.settled === err) return err;
  return storeFailure(s && s.started > 0 ? 'SHOP_ERR_STORE_INDETERMINATE' : 'SHOP_ERR_STORE_UNAVAILABLE', err);
}
