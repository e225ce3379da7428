// Parses a node's response head for the raw engine and decides how its body is framed. A node that frames its
// answer ambiguously (Transfer-Encoding with Content-Length, two lengths, a coding other than chunked) is failed
// with a 502 rather than relayed, so the client never receives something it could read two ways.
import {
  bad, minorVersion, persistent, readFraming, splitHead, VISIBLE, type Fields,
} from '../../http/http-grammar.ts';

/** How the body after the head ends: no body, a length, chunked, or the node closing the connection. */
type BodyFraming = 'none' | 'length' | 'chunked' | 'eof';

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

  const { contentLength, chunked, connection, others } = readFraming(fields, SPECIAL, ' from the node');
  let cacheControl: string | undefined;
  for (let i = 1; i < others.length; i += 2) {
    cacheControl = cacheControl === undefined ? others[i] : `${cacheControl}, ${others[i]}`;
  }
  let framing: BodyFraming = chunked ? 'chunked' : contentLength >= 0 ? 'length' : 'eof';
  if (requestMethod === 'HEAD' || status < 200 || status === 204 || status === 304) framing = 'none';
  return {
    status, reason, fields, framing, contentLength, connection, cacheControl,
    keepAlive: persistent(minor, connection) && framing !== 'eof',
  };
}

