// Reads one response at a time from a node's connection and streams it to a sink: the head once, then body
// data as it arrives (de-chunked), then the end, with whether the connection can carry another request.
// Interim 1xx answers are skipped; bytes beyond the end of a response make the connection unusable. The bytes
// fed in may be a view of a reused read buffer: body data handed to the sink is only valid during the call.
import { ChunkedDecoder } from './chunked.ts';
import { bad } from '../../http/http-grammar.ts';
import { parseResponseHead, type ResponseHead } from './response-head.ts';

export interface ResponseSink {
  head(head: ResponseHead): void;
  body(data: Buffer): void;
  /** The response is complete; `reusable` when the node keeps the connection and sent nothing more. */
  end(reusable: boolean): void;
}

const MAX_RESPONSE_HEAD = 64 * 1024;
const CRLF2 = Buffer.from('\r\n\r\n', 'latin1');

export class ResponseReader {
  #active = false;
  #method = 'GET';
  #buf: Buffer | undefined;
  #head: ResponseHead | undefined;
  #remaining = 0;
  #decoder: ChunkedDecoder | undefined;
  #sink: ResponseSink | undefined;
  readonly #data = (data: Buffer): void => this.#sink?.body(data);

  /** Expects the response to a request with this method. */
  start(method: string, sink: ResponseSink): void {
    this.#active = true;
    this.#method = method;
    this.#sink = sink;
    this.#buf = undefined;
    this.#head = undefined;
    this.#decoder = undefined;
  }

  /** Stops reading (the attempt was abandoned); later bytes are refused. */
  stop(): void {
    this.#active = false;
    this.#sink = undefined;
  }

  get active(): boolean {
    return this.#active;
  }

  /** True once the response head has been handed to the sink. */
  get headDone(): boolean {
    return this.#head !== undefined;
  }

  /** Throws ParseError when the node's bytes are not a well-formed response. */
  feed(chunk: Buffer): void {
    if (!this.#active) throw bad('bytes from the node while no request was outstanding');
    const buf = this.#buf ? Buffer.concat([this.#buf, chunk]) : chunk;
    this.#buf = undefined;
    let pos = 0;
    while (!this.#head) {
      const end = buf.indexOf(CRLF2, pos);
      if (end < 0) {
        if (buf.length - pos > MAX_RESPONSE_HEAD) throw bad('response head from the node too large');
        this.#buf = Buffer.from(buf.subarray(pos)); // a copy: `chunk` may be a reused read buffer
        return;
      }
      if (end - pos > MAX_RESPONSE_HEAD) throw bad('response head from the node too large');
      const head = parseResponseHead(buf.toString('latin1', pos, end), this.#method);
      pos = end + 4;
      if (head.status === 101) throw bad('the node switched protocols, which the balancer never asked for');
      if (head.status < 200) continue;
      this.#begin(head);
      if (!this.#active) return;
    }
    this.#body(buf, pos);
  }

  /** The node closed its side: ends a body framed by the close; false when the response was cut short. */
  eof(): boolean {
    if (!this.#active || this.#head?.framing !== 'eof') return false;
    this.#finish(false);
    return true;
  }

  #begin(head: ResponseHead): void {
    this.#head = head;
    this.#remaining = head.framing === 'length' ? head.contentLength : 0;
    if (head.framing === 'chunked') this.#decoder = new ChunkedDecoder();
    this.#sink?.head(head);
  }

  #body(buf: Buffer, pos: number): void {
    const framing = (this.#head as ResponseHead).framing;
    if (framing === 'none' || (framing === 'length' && this.#remaining === 0)) return this.#finish(pos < buf.length);
    if (pos >= buf.length) return;
    if (framing === 'eof') return this.#data(pos === 0 ? buf : buf.subarray(pos));
    if (framing === 'chunked') {
      const end = (this.#decoder as ChunkedDecoder).feed(buf, pos, this.#data);
      if (end >= 0 && this.#active) this.#finish(end < buf.length);
      return;
    }
    const n = Math.min(this.#remaining, buf.length - pos);
    this.#remaining -= n;
    this.#data(pos === 0 && n === buf.length ? buf : buf.subarray(pos, pos + n));
    if (this.#remaining === 0 && this.#active) this.#finish(pos + n < buf.length);
  }

  #finish(extra: boolean): void {
    const sink = this.#sink;
    const reusable = !extra && (this.#head as ResponseHead).keepAlive;
    this.stop();
    sink?.end(reusable);
  }
}
