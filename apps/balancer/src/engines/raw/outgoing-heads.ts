// The heads the raw engine writes: the request head a node receives (hop-by-hop and spoofable headers dropped,
// X-Forwarded-* set, the body re-framed by a Content-Length) and the response head a client receives (the node's
// fields minus hop-by-hop ones, plus what the balancer adds). Header lines are copied as received (latin1).
import type { PoolNode } from '../../pool.ts';
import { BALANCER_SET_HEADERS, disguised, HOP_BY_HOP } from '../../http/headers.ts';
import { stripCookie } from '../../http/cookies.ts';
import type { Fields } from '../../http/http-grammar.ts';
import type { RequestHead } from './request-head.ts';

/** Never copied from a client's request: re-framed (content-length) or rebuilt (cookie) by the balancer. */
const NOT_COPIED: ReadonlySet<string> = new Set([...HOP_BY_HOP, ...BALANCER_SET_HEADERS, 'content-length', 'cookie']);
/** Never copied from a node's answer: the balancer frames the answer itself (Content-Length, or chunked). */
const NOT_RELAYED: ReadonlySet<string> = new Set([...HOP_BY_HOP, 'content-length']);

export function upstreamRequestHead(
  req: RequestHead, body: Buffer | undefined, node: PoolNode, clientIp: string, affinityCookie: string | undefined,
): string {
  let out = `${req.method} ${req.target} HTTP/1.1\r\n${copyFields(req.fields, NOT_COPIED, req.connection, true)}`;
  if (req.host === undefined) out += `host: ${node.hostname}:${node.port}\r\n`;
  const cookie = affinityCookie ? stripCookie(req.cookie, affinityCookie) : req.cookie;
  if (cookie !== undefined) out += `cookie: ${cookie}\r\n`;
  if (body !== undefined) out += `content-length: ${body.length}\r\n`;
  return `${out}x-forwarded-for: ${clientIp}\r\nx-forwarded-proto: http\r\nx-forwarded-host: ${req.host ?? ''}\r\n\r\n`;
}

/**
 * The status line and the node's end-to-end fields but its framing; the caller appends the framing (the node's
 * Content-Length, or chunked), its own fields and the final CRLF.
 */
export function clientResponseHead(
  status: number, reason: string, fields: Fields, connection: readonly string[] | undefined, extra: readonly string[],
): string {
  let out = `HTTP/1.1 ${status} ${reason}\r\n${copyFields(fields, NOT_RELAYED, connection)}`;
  for (let i = 0; i + 1 < extra.length; i += 2) out += `${extra[i]}: ${extra[i + 1]}\r\n`;
  return out;
}

/** Every field line not in `skip` and not named by the message's Connection field (nor, from a client, an underscored
 * name that reads as a guarded one: `disguised`), each ending in CRLF. */
function copyFields(
  fields: Fields, skip: ReadonlySet<string>, connection: readonly string[] | undefined, fromClient = false,
): string {
  const { lines, names } = fields;
  let out = '';
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (skip.has(name) || (connection !== undefined && connection.includes(name))) continue;
    if (fromClient && disguised(name)) continue;
    out += `${lines[i]}\r\n`;
  }
  return out;
}
