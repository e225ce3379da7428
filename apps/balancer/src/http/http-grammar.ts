// HTTP/1.1 message-head grammar shared by the raw engine's request and response parsers (RFC 9112), strict on
// purpose: anything two parsers could read two ways (the stuff of request smuggling) is an error, never a guess.
// Heads are handled as latin1 strings, so every byte round-trips unchanged.

export type ParseErrorCode = 'LB_ERR_BAD_REQUEST' | 'LB_ERR_HEADERS_TOO_LARGE' | 'LB_ERR_BODY_TOO_LARGE';

export class ParseError extends Error {
  readonly code: ParseErrorCode;
  constructor(code: ParseErrorCode, message: string) {
    super(message);
    this.name = 'ParseError';
    this.code = code;
  }
}

export const bad = (message: string): ParseError => new ParseError('LB_ERR_BAD_REQUEST', message);

export const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Every header line after the start line, in one pass: CRLF, a token, a colon, a value of visible octets. */
const FIELD_LINES = /(?:\r\n[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e\x80-\xff]*)*$/y;
const DIGITS = /^\d{1,15}$/;

/** The header fields of a head: raw lines (as received) and lower-case names, in order. */
export interface Fields {
  readonly lines: string[];
  readonly names: string[];
}

/** Splits `head` (no final CRLFCRLF) into its start line (for the caller to check) and validated fields. */
export function splitHead(head: string): { start: string; fields: Fields } {
  let eol = head.indexOf('\r\n');
  const start = eol < 0 ? head : head.slice(0, eol);
  const fields: Fields = { lines: [], names: [] };
  if (eol < 0) return { start, fields };
  FIELD_LINES.lastIndex = eol;
  if (!FIELD_LINES.test(head)) throw fieldError(head.slice(eol + 2));
  while (eol >= 0) {
    const from = eol + 2;
    eol = head.indexOf('\r\n', from);
    const line = eol < 0 ? head.slice(from) : head.slice(from, eol);
    const colon = line.indexOf(':');
    fields.lines.push(line);
    fields.names.push(line.slice(0, colon).toLowerCase());
  }
  return { start, fields };
}

/** Why the header lines failed the one-pass check (the slow path, for the error message only). */
function fieldError(lines: string): ParseError {
  for (const line of lines.split('\r\n')) {
    if (/[\r\n]/.test(line)) return bad('bare CR or bare LF in the message head');
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) return bad('obsolete line folding in a header');
    const colon = line.indexOf(':');
    if (colon <= 0 || !TOKEN.test(line.slice(0, colon))) return bad(`malformed header line "${printable(line)}"`);
    if (!VISIBLE.test(line.slice(colon + 1))) {
      return bad(`control character in header "${printable(line.slice(0, colon))}"`);
    }
  }
  return bad('malformed header lines');
}

/** A field value or reason phrase: HTAB, SP, visible ASCII and obs-text. */
export const VISIBLE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The value of a header line: what follows the colon, without surrounding spaces and tabs. */
export function fieldValue(line: string): string {
  return trimOws(line, line.indexOf(':') + 1);
}

/** The value after `from` without leading or trailing spaces and tabs (RFC 9110 OWS), nothing else. */
function trimOws(line: string, from: number): string {
  let a = from;
  let b = line.length;
  while (a < b && (line.charCodeAt(a) === 32 || line.charCodeAt(a) === 9)) a++;
  while (b > a && (line.charCodeAt(b - 1) === 32 || line.charCodeAt(b - 1) === 9)) b--;
  return line.slice(a, b);
}

/** How a message's body is framed, from its fields, cross-checked: what both parsers refuse alike. */
export interface Framing {
  /** -1 when the message has no Content-Length. */
  readonly contentLength: number;
  readonly chunked: boolean;
  /** Lower-case Connection tokens, when the field is present (names listed there are hop-by-hop). */
  readonly connection: string[] | undefined;
  /** The message's other fields named in `special`, as [name, value, …] in order. */
  readonly others: string[];
}

/**
 * Reads the fields named in `special`: one Content-Length of digits, Transfer-Encoding only `chunked` and never
 * with a Content-Length, Connection as tokens; the rest of `special` is handed back in `others`.
 */
export function readFraming(fields: Fields, special: ReadonlySet<string>, from = ''): Framing {
  let length = -1;
  let te: string | undefined;
  let connection: string[] | undefined;
  const others: string[] = [];
  const { lines, names } = fields;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (!special.has(name)) continue;
    const value = fieldValue(lines[i] as string);
    if (name === 'content-length') {
      if (length >= 0) throw bad(`duplicated Content-Length${from}`);
      length = contentLength(value);
    } else if (name === 'transfer-encoding') te = te === undefined ? value : `${te},${value}`;
    else if (name === 'connection') (connection ??= []).push(...tokens(value));
    else others.push(name, value);
  }
  if (te === undefined) return { contentLength: length, chunked: false, connection, others };
  if (length >= 0) throw bad(`both Transfer-Encoding and Content-Length${from}`);
  const codings = tokens(te);
  if (codings.length !== 1 || codings[0] !== 'chunked') throw bad(`only Transfer-Encoding: chunked is accepted${from}`);
  return { contentLength: -1, chunked: true, connection, others };
}

/** A Content-Length value: digits only (no sign, no list, no spaces inside). */
function contentLength(value: string): number {
  if (!DIGITS.test(value)) throw bad(`invalid Content-Length "${printable(value)}"`);
  return Number(value);
}

/** Comma-separated tokens of a field value, lower-cased and trimmed, empty elements dropped. */
function tokens(value: string): string[] {
  if (value.indexOf(',') < 0) return value ? [value.toLowerCase()] : [];
  const out: string[] = [];
  for (const part of value.split(',')) {
    const t = trimOws(part, 0).toLowerCase();
    if (t) out.push(t);
  }
  return out;
}

/** HTTP/1.0 → 0, HTTP/1.1 → 1; anything else is refused. */
export function minorVersion(version: string): number {
  if (version === 'HTTP/1.1') return 1;
  if (version === 'HTTP/1.0') return 0;
  throw bad(`unsupported protocol version "${printable(version)}"`);
}

/** Whether the connection stays open after this message, from the version and the Connection tokens. */
export function persistent(minor: number, connection: readonly string[] | undefined): boolean {
  if (minor === 1) return !connection?.includes('close');
  return connection?.includes('keep-alive') === true && !connection.includes('close');
}

/** `head` (latin1, one byte per character), then `data`, then `tail`, in one buffer: one write, one syscall. */
export function joined(head: string, data: Uint8Array, tail = ''): Buffer {
  const out = Buffer.allocUnsafe(head.length + data.length + tail.length);
  out.write(head, 0, 'latin1');
  out.set(data, head.length);
  if (tail) out.write(tail, head.length + data.length, 'latin1');
  return out;
}

/** A short, safe rendition of client bytes for an error message. */
export function printable(text: string): string {
  const cut = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return cut.replace(/[^\x20-\x7e]/g, '?');
}
