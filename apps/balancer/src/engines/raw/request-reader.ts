// Reads requests out of one client connection's bytes, one at a time and in order: the head (bounded in size),
// then the body (Content-Length or chunked, bounded by --body-limit) into memory, so that a request that never
// reached a node can be replayed on another. Pipelined bytes stay buffered until next() is asked again.
import { ChunkedDecoder } from './chunked.ts';
import { ParseError } from '../../http/http-grammar.ts';
import { parseRequestHead, type RequestHead } from './request-head.ts';

export interface ParsedRequest {
  readonly head: RequestHead;
  /** The body as received (de-chunked); undefined when the request declared none (no Content-Length, no chunked). */
  readonly body: Buffer | undefined;
}

/** Node's own default limit for a request head. */
export const MAX_HEAD_BYTES = 16 * 1024;
const CRLF2 = Buffer.from('\r\n\r\n', 'latin1');
const EMPTY = Buffer.alloc(0);

export class RequestReader {
  readonly #bodyLimit: number;
  #buf: Buffer | undefined;
  #head: RequestHead | undefined;
  #remaining = 0;
  #decoder: ChunkedDecoder | undefined;
  #chunks: Buffer[] = [];
  #size = 0;
  readonly #collect = (data: Buffer): void => {
    this.#size += data.length;
    if (this.#size > this.#bodyLimit) throw tooLarge(this.#bodyLimit);
    this.#chunks.push(data);
  };

  constructor(bodyLimit: number) {
    this.#bodyLimit = bodyLimit;
  }

  push(chunk: Buffer): void {
    this.#buf = this.#buf ? Buffer.concat([this.#buf, chunk]) : chunk;
  }

  /** Unparsed bytes held (pipelined requests, or the start of the next one). */
  get buffered(): number {
    return this.#buf?.length ?? 0;
  }

  /** The head of a request whose body is still being read. */
  get pendingHead(): RequestHead | undefined {
    return this.#head;
  }

  /** The next complete request, or undefined until more bytes arrive. Throws ParseError on a bad request. */
  next(): ParsedRequest | undefined {
    if (!this.#head && !this.#readHead()) return undefined;
    const head = this.#head as RequestHead;
    const buf = this.#buf;
    if (this.#decoder) {
      if (!buf) return undefined;
      const end = this.#decoder.feed(buf, 0, this.#collect);
      this.#take(end < 0 ? buf.length : end);
      if (end < 0) return undefined;
    } else if (this.#remaining > 0) {
      if (!buf) return undefined;
      const n = Math.min(this.#remaining, buf.length);
      this.#collect(buf.subarray(0, n));
      this.#take(n);
      this.#remaining -= n;
      if (this.#remaining > 0) return undefined;
    }
    const framed = head.chunked || head.contentLength >= 0;
    const chunks = this.#chunks;
    const body = !framed ? undefined
      : chunks.length === 0 ? EMPTY
      : chunks.length === 1 ? chunks[0]
      : Buffer.concat(chunks, this.#size);
    this.#head = undefined;
    this.#decoder = undefined;
    this.#chunks = [];
    this.#size = 0;
    return { head, body };
  }

  #readHead(): boolean {
    const buf = this.#buf;
    if (!buf) return false;
    let pos = 0;
    // RFC 9112 §2.2: empty lines before a request line are ignored.
    while (pos + 1 < buf.length && buf[pos] === 13 && buf[pos + 1] === 10) pos += 2;
    const end = buf.indexOf(CRLF2, pos);
    if (end < 0) {
      if (buf.length - pos > MAX_HEAD_BYTES) {
        throw new ParseError('LB_ERR_HEADERS_TOO_LARGE', 'request headers too large');
      }
      if (pos) this.#take(pos);
      return false;
    }
    if (end - pos > MAX_HEAD_BYTES) throw new ParseError('LB_ERR_HEADERS_TOO_LARGE', 'request headers too large');
    const head = parseRequestHead(buf.toString('latin1', pos, end));
    if (head.contentLength > this.#bodyLimit) throw tooLarge(this.#bodyLimit);
    this.#take(end + 4);
    this.#head = head;
    this.#remaining = head.contentLength > 0 ? head.contentLength : 0;
    if (head.chunked) this.#decoder = new ChunkedDecoder();
    return true;
  }

  #take(n: number): void {
    const buf = this.#buf as Buffer;
    this.#buf = n >= buf.length ? undefined : buf.subarray(n);
  }
}

function tooLarge(limit: number): ParseError {
  return new ParseError('LB_ERR_BODY_TOO_LARGE', `request body exceeds the ${limit}-byte limit`);
}
