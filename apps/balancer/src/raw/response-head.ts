// Parses a node's response head for the raw engine and decides how its body is framed. A node that frames its
// answer ambiguously (Transfer-Encoding with Content-Length, two lengths, a coding other than chunked) is failed
// with a 502 rather than relayed, so the client never receives something it could read two ways.
import { bad, contentLength, minorVersion, persistent, fieldValue, splitHead, tokens, VISIBLE, type Fields } from './http-grammar.ts';

/** How the body after the head ends: no body, a length, chunked, or the node closing the connection. */
export type BodyFraming = 'none' | 'length' | 'chunked' | 'eof';

export interface ResponseHead {
  readonly status: number;
  readonly reason: string;
  readonly fields: Fields;
  readonly framing: BodyFraming;
  /** The body length when framing is 'length'. */
  readonly contentLength: number;
  /** Lower-case Connection tokens, when the field is present (names listed there are hop-by-hop). */
  readonly connection: readonly string[] | undefined;
  readonly cacheControl: string | undefined;
  /** The node keeps the connection open after this response. */
  readonly keepAlive: boolean;
}

const STATUS = /^[1-5]\d\d$/;
/** The fields that decide framing or caching; every other field is only copied. */
const SPECIAL: ReadonlySet<string> = new Set(['content-length', 'transfer-encoding', 'connection', 'cache-control']);

export function parseResponseHead(head: string, requestMethod: string): ResponseHead {
  const { start, fields } = splitHead(head);
  const sp1 = start.indexOf(' ');
  const sp2 = start.indexOf(' ', sp1 + 1);
  if (sp1 < 0) throw bad('malformed status line');
  const minor = minorVersion(start.slice(0, sp1));
  const code = sp2 < 0 ? start.slice(sp1 + 1) : start.slice(sp1 + 1, sp2);
  if (!STATUS.test(code)) throw bad('malformed status code');
  const status = Number(code);
  const reason = sp2 < 0 ? '' : start.slice(sp2 + 1);
  if (!VISIBLE.test(reason)) throw bad('control character in the reason phrase');

  let length = -1;
  let te: string | undefined;
  let connection: string[] | undefined;
  let cacheControl: string | undefined;
  const { lines, names } = fields;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (!SPECIAL.has(name)) continue;
    const value = fieldValue(lines[i] as string);
    switch (name) {
      case 'content-length':
        if (length >= 0) throw bad('duplicated Content-Length from the node');
        length = contentLength(value);
        break;
      case 'transfer-encoding':
        te = te === undefined ? value : `${te},${value}`;
        break;
      case 'connection':
        (connection ??= []).push(...tokens(value));
        break;
      case 'cache-control':
        cacheControl = cacheControl === undefined ? value : `${cacheControl}, ${value}`;
        break;
    }
  }
  let framing: BodyFraming = length >= 0 ? 'length' : 'eof';
  if (te !== undefined) {
    if (length >= 0) throw bad('both Transfer-Encoding and Content-Length from the node');
    const codings = tokens(te);
    if (codings.length !== 1 || codings[0] !== 'chunked') throw bad(`unsupported Transfer-Encoding "${te}" from the node`);
    framing = 'chunked';
  }
  if (requestMethod === 'HEAD' || status < 200 || status === 204 || status === 304) framing = 'none';
  return {
    status, reason, fields, framing, contentLength: length, connection, cacheControl,
    keepAlive: persistent(minor, connection) && framing !== 'eof',
  };
}

