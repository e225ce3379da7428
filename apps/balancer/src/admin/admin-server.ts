// The admin plane: its own HTTP server, bound to 127.0.0.1 only, closed to web pages (admin-guard.ts), optional
// Bearer token, JSON errors with codes. Nothing here is reachable through the traffic port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LbError, sendError } from '../errors.ts';
import { authorized } from './admin-auth.ts';
import { refusal } from './admin-guard.ts';
import { ROUTES, type AdminDeps } from './admin-routes.ts';

export function createAdminServer(deps: AdminDeps, token: string | undefined, onError: (err: unknown) => void): Server {
  return createServer({ headersTimeout: 10_000, requestTimeout: 30_000, requireHostHeader: false }, (req, res) => {
    handle(deps, token, req, res).catch((err: unknown) => {
      if (err instanceof LbError) return sendError(res, err.code, err.message);
      onError(err);
      sendError(res, 'LB_ERR_INTERNAL', 'internal error');
    });
  });
}

async function handle(
  deps: AdminDeps, token: string | undefined, req: IncomingMessage, res: ServerResponse,
): Promise<void> {
  const refused = refusal(req);
  if (refused) return sendError(res, refused.code, refused.message);
  if (!authorized(req, token)) {
    return sendError(
      res, 'LB_ERR_ADMIN_UNAUTHORIZED', 'missing or wrong admin token (Authorization: Bearer <token>)',
      { 'www-authenticate': 'Bearer' },
    );
  }
  const path = (req.url ?? '/').split('?')[0] as string;
  const matching = ROUTES.filter((r) => r.path.test(path));
  if (matching.length === 0) return sendError(res, 'LB_ERR_ADMIN_NOT_FOUND', `no admin route ${path}`);
  const route = matching.find((r) => r.method === req.method);
  if (!route) {
    const allow = matching.map((r) => r.method).join(', ');
    return sendError(
      res, 'LB_ERR_ADMIN_METHOD', `${req.method} is not allowed on ${path} (allowed: ${allow})`, { allow },
    );
  }
  const params = (route.path.exec(path) ?? []).slice(1).map(decodeParam);
  await route.handle(deps, params, req, res);
}

function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new LbError('LB_ERR_ADMIN_BAD_REQUEST', `malformed path segment "${value}"`);
  }
}
