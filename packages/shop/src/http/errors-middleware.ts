// The JSON edge for errors: 404 for unknown routes, 405 for known paths with a wrong method, and one handler
// that answers { error: { code, message } } for every failure, hiding the internals of unexpected ones.
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { isShopError, ShopError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { settleStoreFailure } from './store-writes.ts';

export const methodNotAllowed: RequestHandler = (req) => {
  throw new ShopError('SHOP_ERR_METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}`);
};

export const notFound: RequestHandler = (req) => {
  throw new ShopError('SHOP_ERR_NOT_FOUND', `no route ${req.method} ${req.path.slice(0, 200)}`);
};

interface BodyParserError { type?: unknown; status?: unknown }

export function toShopError(err: unknown): ShopError {
  if (isShopError(err)) return err;
  const { type, status } = (typeof err === 'object' && err !== null ? err : {}) as BodyParserError;
  if (type === 'entity.parse.failed') return new ShopError('SHOP_ERR_BAD_JSON', 'the body is not valid JSON');
  if (type === 'entity.too.large') return new ShopError('SHOP_ERR_BODY_TOO_LARGE', 'the body is larger than 16 KiB');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ShopError('SHOP_ERR_INVALID_INPUT', 'the request could not be read');
  }
  return new ShopError('SHOP_ERR_INTERNAL', 'internal error', { cause: err });
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const shopError = settleStoreFailure(req, toShopError(err));
    if (shopError.code === 'SHOP_ERR_INTERNAL') logger.error({ err, path: req.path }, 'unexpected error');
    else if (shopError.httpStatus >= 500) logger.debug({ code: shopError.code, msg: shopError.message }, 'store error');
    // A session refused for capacity must leave nothing behind: no Set-Cookie, no second save when the answer ends.
    if (shopError.code === 'SHOP_ERR_CAPACITY') dropSession(req);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (shopError.code === 'SHOP_ERR_METHOD_NOT_ALLOWED') res.set('Allow', allowed(req.route));
    res.status(shopError.httpStatus).json({ error: { code: shopError.code, message: shopError.message } });
  };
}

/** express-session skips its cookie and its end-of-request save when `req.session` is unset. */
function dropSession(req: Request): void {
  (req as { session?: unknown }).session = undefined;
}

function allowed(route: unknown): string {
  const methods = (route as { methods?: Record<string, boolean> } | undefined)?.methods ?? {};
  return Object.keys(methods).filter((m) => m !== '_all').map((m) => m.toUpperCase()).join(', ');
}
