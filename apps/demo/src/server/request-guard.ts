// Who may talk to the dashboard (#11.3): only the person at this machine, through the dashboard's own page.
// A web page elsewhere can send "simple" cross-origin requests and, by DNS rebinding, requests with its own
// host name: so every request must name the loopback with our port in `Host`, an `Origin` (when sent) must be
// our own, and a change must say `Content-Type: application/json`, which a foreign page cannot send without a
// CORS preflight that we never grant. Checked before any route runs, so a refused request changes nothing.
import type { IncomingMessage } from 'node:http';
import { DemoError } from '../errors.ts';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** The `host:port` values we answer to: the loopback names with the port this request arrived on. */
function ownHosts(port: number): string[] {
  return LOOPBACK_NAMES.map((name) => `${name}:${port}`);
}

export function checkHost(req: IncomingMessage): void {
  const port = req.socket.localPort;
  const host = (req.headers.host ?? '').toLowerCase();
  if (port === undefined || !ownHosts(port).includes(host)) {
    throw new DemoError('DEMO_ERR_HOST', `Host "${host}" is not this dashboard; open it as http://localhost:${port ?? 'PORT'}/`);
  }
}

export function checkOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const port = req.socket.localPort ?? 0;
  if (!ownHosts(port).some((host) => origin.toLowerCase() === `http://${host}`)) {
    throw new DemoError('DEMO_ERR_ORIGIN',
      `requests from ${origin} are refused: only this dashboard's own page may use its API`);
  }
}

/** A change (POST) must carry a JSON body type; `application/json; charset=utf-8` counts. */
export function checkJsonBody(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new DemoError('DEMO_ERR_CONTENT_TYPE',
      `a change needs "Content-Type: application/json" (got "${req.headers['content-type'] ?? 'none'}")`);
  }
}
