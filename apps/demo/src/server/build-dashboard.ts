// The dashboard server: the page and its assets, the JSON API, the SSE stream and the reports folder.
// Built apart from listen: returns a request listener and the hub that the demo's tick feeds.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { DemoError } from '../errors.ts';
import { API_ROUTES } from './api-routes.ts';
import { checkHost, checkJsonBody, checkOrigin } from './request-guard.ts';
import type { DashboardDeps } from './dashboard-deps.ts';
import { sendError } from './http-json.ts';
import { SseHub } from './sse-hub.ts';
import { serveFile } from './static-files.ts';

export interface Dashboard {
  handle: RequestListener;
  hub: SseHub;
}

export function buildDashboard(deps: DashboardDeps): Dashboard {
  const hub = new SseHub();
  const handle: RequestListener = (req, res) => {
    route(deps, hub, req, res).catch((err: unknown) => sendError(res, err));
  };
  return { handle, hub };
}

async function route(deps: DashboardDeps, hub: SseHub, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const method = req.method ?? 'GET';
  checkHost(req);
  checkOrigin(req);
  if (path.startsWith('/api/')) return api(deps, hub, method, path, req, res);
  const read = method === 'GET' || method === 'HEAD';
  if (!read) throw new DemoError('DEMO_ERR_METHOD', `${method} ${path}: only GET and HEAD here`);
  if (path === '/reports') { res.writeHead(301, { location: '/reports/' }); res.end(); return; }
  if (path.startsWith('/reports/')) {
    return serveFile(res, deps.reportsDir, path.slice('/reports/'.length), method === 'HEAD', true);
  }
  return serveFile(res, deps.publicDir, path === '/' ? 'index.html' : path.slice(1), method === 'HEAD');
}

async function api(
  deps: DashboardDeps, hub: SseHub, method: string, path: string, req: IncomingMessage, res: ServerResponse,
): Promise<void> {
  if (path === '/api/events' && method === 'GET') {
    hub.subscribe(res, { event: 'snapshot', data: { state: deps.state(), history: deps.history() } });
    return;
  }
  const matches = API_ROUTES.filter((r) => r.path.test(path));
  const found = matches.find((r) => r.method === method);
  if (!found) {
    if (matches.length) {
      throw new DemoError('DEMO_ERR_METHOD', `${method} ${path}: use ${matches.map((r) => r.method).join(' or ')}`);
    }
    throw new DemoError('DEMO_ERR_NOT_FOUND', `no route ${method} ${path}`);
  }
  if (found.method === 'POST') checkJsonBody(req);
  const params = (found.path.exec(path) ?? []).slice(1);
  await found.handle(deps, params, req, res);
}
