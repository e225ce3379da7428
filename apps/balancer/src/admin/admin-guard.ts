// Keeps web pages off the admin plane, token or not. A page in a browser on this machine can reach 127.0.0.1: with a
// "simple" cross-origin request (text/plain, no preflight) or through DNS rebinding (its own name resolving to
// 127.0.0.1). So: the Host must name the loopback or localhost with the plane's own port; an Origin, when sent, must
// be the plane's own; a mutation must say Content-Type: application/json, which forces a preflight we never grant.
import type { IncomingMessage } from 'node:http';
import { LbError } from '../errors.ts';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** The refusal for `req`, or undefined when it may go on. The plane's own port is the one the request came in on. */
export function refusal(req: IncomingMessage): LbError | undefined {
  const port = req.socket.localPort;
  const host = req.headers.host;
  if (host === undefined || !ownHost(host, port)) {
    return new LbError('LB_ERR_ADMIN_FORBIDDEN_HOST',
      `the admin plane answers only to Host 127.0.0.1:${port}, localhost:${port} or [::1]:${port} ` +
      `(got "${host ?? ''}")`);
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`)) {
    return new LbError('LB_ERR_ADMIN_FORBIDDEN_ORIGIN', `cross-origin calls are refused (Origin "${origin}")`);
  }
  const mutation = req.method !== 'GET' && req.method !== 'HEAD';
  if (mutation && !JSON_TYPE.test(req.headers['content-type'] ?? '')) {
    return new LbError('LB_ERR_ADMIN_MEDIA_TYPE',
      `${req.method} needs Content-Type: application/json, with or without a body ` +
      `(got "${req.headers['content-type'] ?? ''}")`);
  }
  return undefined;
}

function ownHost(host: string, port: number | undefined): boolean {
  const lower = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => lower === `${name}:${port}`);
}
