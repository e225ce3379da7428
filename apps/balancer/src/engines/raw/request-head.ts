// Parses a client's request head for the raw engine and decides its framing. Refuses every ambiguous shape:
// Transfer-Encoding with Content-Length, duplicated Content-Length, a coding other than chunked, Transfer-Encoding
// on HTTP/1.0, two Hosts, no Host in HTTP/1.1, a Connection field naming Host or a framing header, a target that is
// not origin-form, absolute-form or OPTIONS *, and CONNECT (the balancer tunnels nothing).
import { connectionNamesRequired, originTarget } from '../../http/headers.ts';
import {
  bad, minorVersion, persistent, printable, readFraming, splitHead, TOKEN, type Fields,
} from '../../http/http-grammar.ts';

/** A request target: visible octets, no space (which would end it). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TARGET = /^[^\x00-\x20\x7f]+$/;
/** The fields that decide framing, routing or hygiene; every other field is only copied. */
const SPECIAL: ReadonlySet<string> = new Set([
  'host', 'content-length', 'transfer-encoding', 'cookie', 'connection', 'expect',
]);

export interface RequestHead {
  readonly method: string;
  /** Origin-form (absolute-form reduced to path and query), or `*` for OPTIONS. */
  readonly target: string;
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  readonly minor: number;
  readonly fields: Fields;
  readonly host: string | undefined;
  /** Every Cookie field joined with "; " (as node:http does). */
  readonly cookie: string | undefined;
  /** Lower-case Connection tokens, when the field is present. */
  readonly connection: readonly string[] | undefined;
  /** -1 when the request has no Content-Length. */
  readonly contentLength: number;
  readonly chunked: boolean;
  readonly expectContinue: boolean;
  /** The client keeps the connection open after this exchange. */
  readonly keepAlive: boolean;
}

export function parseRequestHead(head: string): RequestHead {
  const { start, fields } = splitHead(head);
  const sp1 = start.indexOf(' ');
  const sp2 = start.indexOf(' ', sp1 + 1);
  if (sp1 <= 0 || sp2 < 0 || sp2 === sp1 + 1) throw bad('malformed request line');
  const method = start.slice(0, sp1);
  const sent = start.slice(sp1 + 1, sp2);
  const minor = minorVersion(start.slice(sp2 + 1));
  if (!TOKEN.test(method)) throw bad('malformed request method');
  if (!TARGET.test(sent)) throw bad('control character in the request target');
  const target = originTarget(method, sent);
  if (target === undefined) throw bad(`malformed request target "${printable(sent)}"`);
  if (method === 'CONNECT') throw bad('CONNECT is not supported: the balancer tunnels nothing');

  const framing = readFraming(fields, SPECIAL);
  let host: string | undefined;
  let cookie: string | undefined;
  let expectContinue = false;
  const { others } = framing;
  for (let i = 0; i < others.length; i += 2) {
    const value = others[i + 1] as string;
    switch (others[i]) {
      case 'host':
        if (host !== undefined) throw bad('more than one Host header');
        host = value;
        break;
      case 'cookie':
        cookie = cookie === undefined ? value : `${cookie}; ${value}`;
        break;
      case 'expect':
        // HTTP/1.0 expects nothing (RFC 9110 §10.1.1)
        expectContinue = minor === 1 && value.toLowerCase() === '100-continue';
        break;
    }
  }
  if (minor === 1 && host === undefined) throw bad('HTTP/1.1 requires a Host header');
  if (minor === 0 && framing.chunked) throw bad('Transfer-Encoding in an HTTP/1.0 request');
  const { contentLength, chunked, connection } = framing;
  const needed = connection === undefined ? undefined : connectionNamesRequired(connection);
  if (needed !== undefined) throw bad(`Connection names ${needed}, which the request needs`);
  return {
    method, target, minor, fields, host, cookie, connection, contentLength, chunked, expectContinue,
    keepAlive: persistent(minor, connection),
  };
}

