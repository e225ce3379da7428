// What the node:http engines refuse in a request head that llhttp lets through, so that they answer what the raw
// engine's strict parser answers (a coded 400): another protocol version (HTTP/0.9), Transfer-Encoding on HTTP/1.0
// or with a coding other than chunked, no Host in HTTP/1.1 or two, a Connection field naming a header the request
// needs, several spaces between the parts of the request line (found by request-line-guard.ts). Also names the
// underscored headers to drop (http/headers.ts `disguised`). One pass over rawHeaders.
import type { IncomingMessage } from 'node:http';
import { connectionNamesRequired, disguised, tokensOf } from '../../http/headers.ts';
import { severalSpaces } from './request-line-guard.ts';

export interface HeadCheck {
  /** Why the request is refused (400), if it is. */
  readonly refused: string | undefined;
  /** Lower-case underscored names to drop before forwarding, if any. */
  readonly drop: string[] | undefined;
}

export function checkHead(req: IncomingMessage): HeadCheck {
  // First: it counts the connection's requests, so it must see every one.
  if (severalSpaces(req)) return refuse('malformed request line');
  if (req.httpVersionMajor !== 1) return refuse(`unsupported protocol version "HTTP/${req.httpVersion}"`);
  const { headers } = req;
  const te = headers['transfer-encoding'];
  if (te !== undefined) {
    if (req.httpVersionMinor === 0) return refuse('Transfer-Encoding in an HTTP/1.0 request');
    if (te.trim().toLowerCase() !== 'chunked') return refuse('only Transfer-Encoding: chunked is accepted');
  }
  if (headers.host === undefined && req.httpVersionMinor === 1) return refuse('HTTP/1.1 requires a Host header');
  const connection = headers.connection;
  const needed = connection === undefined ? undefined : connectionNamesRequired(tokensOf(connection));
  if (needed !== undefined) return refuse(`Connection names ${needed}, which the request needs`);
  const raw = req.rawHeaders;
  let hosts = 0;
  let drop: string[] | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 4 && name.toLowerCase() === 'host' && ++hosts > 1) return refuse('more than one Host header');
    if (name.includes('_') && disguised(name.toLowerCase())) (drop ??= []).push(name.toLowerCase());
  }
  return drop ? { refused: undefined, drop } : ACCEPTED;
}

const ACCEPTED: HeadCheck = { refused: undefined, drop: undefined };

const refuse = (refused: string): HeadCheck => ({ refused, drop: undefined });
