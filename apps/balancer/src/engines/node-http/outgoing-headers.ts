// Header hygiene on node:http's objects (engines http-proxy and native), by the rules of http/headers.ts:
// the request's headers prepared in place for the node, the node's answer's headers listed for the client.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { BALANCER_SET_HEADERS, HOP_BY_HOP } from '../../http/headers.ts';

/** Prepares `req.headers` in place for the node: strip hop-by-hop and spoofable headers, set X-Forwarded-*. */
export function prepareRequestHeaders(req: IncomingMessage): void {
  const headers = req.headers;
  const connection = headers.connection;
  if (connection) for (const name of connection.split(',')) delete headers[name.trim().toLowerCase()];
  for (const name of HOP_BY_HOP) if (headers[name] !== undefined) delete headers[name];
  for (const name of BALANCER_SET_HEADERS) if (headers[name] !== undefined) delete headers[name];
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-host'] = headers.host ?? '';
}

/**
 * The node's raw response headers without hop-by-hop ones, as a flat [name, value, …] list for writeHead
 * (keeps repeated headers such as Set-Cookie and avoids building a header object on the hot path).
 */
export function responseHeaderList(raw: readonly string[], headers: IncomingHttpHeaders): string[] {
  const connection = headers.connection;
  const extra = connection ? connection.toLowerCase().split(',').map((s) => s.trim()) : undefined;
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (isHopByHop(name, extra)) continue;
    out.push(name, raw[i + 1] as string);
  }
  return out;
}

function isHopByHop(name: string, extra: string[] | undefined): boolean {
  const first = name.charCodeAt(0) | 0x20;
  // Only names starting with c, k, p, t, u can be hop-by-hop: skip the lowercase copy for the rest.
  if (first !== 99 && first !== 107 && first !== 112 && first !== 116 && first !== 117 && !extra) return false;
  const lower = name.toLowerCase();
  return HOP_BY_HOP.has(lower) || (extra !== undefined && extra.includes(lower));
}
