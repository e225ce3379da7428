// One client connection on the raw traffic port: reads requests one at a time (pipelined ones wait, in order, as
// HAProxy does), runs one RawExchange each, writes the answers, and keeps the connection, or closes it when the
// client, the protocol or a shutdown says so. Bad requests get a coded 400/408/413/431 and a close.
import type { Socket } from 'node:net';
import { rawErrorResponse, type LbErrorCode } from '../../errors.ts';
import type { Clock } from './clock.ts';
import { joined, ParseError } from '../../http/http-grammar.ts';
import { RawExchange, type ClientSide, type RawExchangeDeps } from './raw-exchange.ts';
import { MAX_HEAD_BYTES, RequestReader, type ParsedRequest } from './request-reader.ts';

export interface ClientDeps extends RawExchangeDeps {
  readonly clock: Clock;
  /** A bug surfaced while handling a connection: logged, and the connection closed. */
  readonly onInternalError: (err: unknown) => void;
  readonly bodyLimit: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
}

const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';
const LAST_CHUNK = '0\r\n\r\n';
/** Pipelined bytes held while an exchange runs (or answers wait for the client to read) before the socket stops
 * reading: with one request parsed at a time, the read-ahead is at most this plus one read. */
const PIPELINE_CAP = 4 * MAX_HEAD_BYTES;

export class ClientConn implements ClientSide {
  readonly socket: Socket;
  readonly ip: string;
  readonly #deps: ClientDeps;
  readonly #reader: RequestReader;
  #exchange: RawExchange | undefined;
  /** Idle since, or the first byte of the request being read (clock time). */
  #since: number;
  #started = 0;
  #minor = 1;
  #keepAlive = true;
  #closeAfter = false;
  #sent100 = false;
  #parsing = false;
  #head: string | undefined;
  #ended = false;
  #shutdown = false;
  /** Answers wait in the socket's write buffer: no new request is started until the client takes them. */
  #draining = false;

  constructor(socket: Socket, deps: ClientDeps) {
    this.socket = socket;
    this.ip = socket.remoteAddress ?? '';
    this.#deps = deps;
    this.#reader = new RequestReader(deps.bodyLimit);
    this.#since = deps.clock.now;
    socket.on('data', (chunk: Buffer) => this.#data(chunk));
    socket.on('end', () => {
      this.#ended = true;
      if (!this.#exchange) this.#parse();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.#exchange?.closed());
  }

  get minor(): number {
    return this.#minor;
  }

  get gone(): boolean {
    return this.socket.destroyed;
  }

  /** No request is being read or answered. */
  get idle(): boolean {
    return !this.#exchange && !this.#draining && this.#reader.buffered === 0 && !this.#reader.pendingHead;
  }

  /** The answer being written ends the connection (a close-framed body to an HTTP/1.0 client). */
  closeAfter(): void {
    this.#closeAfter = true;
  }

  /** The Connection field of the answer being written, and the decision it announces. */
  connectionField(): string {
    if (this.#closeAfter || !this.#keepAlive || this.#shutdown) {
      this.#closeAfter = true;
      return 'connection: close\r\n';
    }
    return this.#minor === 0 ? 'connection: keep-alive\r\n' : '';
  }

  /** Holds the answer's head so that it leaves with the first body bytes in one write. */
  writeHead(text: string): void {
    this.#head = text;
  }

  /** Forgets a held head that never left (its node failed before sending any body). */
  dropHead(): void {
    this.#head = undefined;
    this.#closeAfter = false;
  }

  /** `data` may be a view of a reused read buffer: it is copied (with the held head, if any). */
  write(data: Buffer | string): boolean {
    const head = this.#head;
    if (typeof data === 'string') {
      this.#head = undefined;
      return this.socket.write(head === undefined ? data : head + data, 'latin1');
    }
    if (head === undefined) return this.socket.write(Buffer.from(data));
    this.#head = undefined;
    return this.socket.write(joined(head, data));
  }

  writeChunk(data: Buffer): boolean {
    if (data.length === 0) return true;
    const size = `${data.length.toString(16)}\r\n`;
    const prefix = this.#head === undefined ? size : this.#head + size;
    this.#head = undefined;
    return this.socket.write(joined(prefix, data, '\r\n'));
  }

  writeLastChunk(): void {
    this.write(LAST_CHUNK);
  }

  /** A balancer-made answer for the current request, then the exchange is over. */
  writeError(code: LbErrorCode, message: string, headers: Record<string, string>): void {
    const keepAliveField = this.connectionField() !== '' && !this.#closeAfter;
    const fields = keepAliveField ? { ...headers, connection: 'keep-alive' } : headers;
    this.write(Buffer.from(rawErrorResponse(code, message, fields, this.#closeAfter), 'utf8'));
    this.finish();
  }

  onDrain(resume: () => void): void {
    this.socket.once('drain', resume);
  }

  /** Writes a held head whose body has not come (or will not: HEAD, 204, 304, an empty body). */
  flush(): void {
    const head = this.#head;
    if (head === undefined) return;
    this.#head = undefined;
    this.socket.write(head, 'latin1');
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** The current exchange is over: the next request is read, or the connection ends. */
  finish(): void {
    this.flush();
    this.#deps.metrics.latency((performance.now() - this.#started) / 1000);
    this.#exchange = undefined;
    this.#since = this.#deps.clock.now;
    if (this.#closeAfter) return this.#end();
    if (this.socket.writableNeedDrain) {
      // The client is not reading its answers: no new work for it until it does (--client-timeout cuts it if never).
      this.#draining = true;
      this.socket.once('drain', () => {
        this.#draining = false;
        this.#since = this.#deps.clock.now;
        this.#readOn();
      });
      return;
    }
    this.#readOn();
  }

  #readOn(): void {
    this.#parse();
    if (this.socket.isPaused() && this.#reader.buffered <= PIPELINE_CAP) this.socket.resume();
  }

  /** Server shutdown: an idle connection ends now, a busy one after its current answer. */
  shutdown(): void {
    this.#shutdown = true;
    if (this.idle) this.#end();
  }

  sweep(): void {
    if (this.socket.destroyed) return;
    const { clock } = this.#deps;
    if (!this.socket.writable) {
      // Our side is closed; a client that never closes its own gets --keepalive-timeout to do so.
      if (clock.expired(this.#since, this.#deps.keepAliveTimeoutMs)) this.socket.destroy();
      return;
    }
    if (this.#exchange || this.#draining) return;
    if (this.#reader.buffered === 0 && !this.#reader.pendingHead) {
      if (clock.expired(this.#since, this.#deps.keepAliveTimeoutMs)) this.socket.destroy();
      return;
    }
    const headersLate = !this.#reader.pendingHead && clock.expired(this.#since, this.#deps.headersTimeoutMs);
    if (headersLate || clock.expired(this.#since, this.#deps.requestTimeoutMs)) {
      this.#reject('LB_ERR_REQUEST_TIMEOUT', 'request headers or body not received in time');
    }
  }

  #data(chunk: Buffer): void {
    if (!this.socket.writable) return; // the connection is closing: whatever the client sends now is dropped
    if (this.idle) this.#since = this.#deps.clock.now;
    this.#reader.push(chunk);
    if (!this.#exchange && !this.#draining) this.#parse();
    // Requests read ahead wait unparsed; past the cap the socket stops reading until answers drain them (#readOn).
    if ((this.#exchange || this.#draining) && this.#reader.buffered > PIPELINE_CAP) this.socket.pause();
  }

  #parse(): void {
    if (this.#parsing) return;
    this.#parsing = true;
    try {
      while (!this.#exchange && !this.#draining && !this.socket.destroyed && this.socket.writable) {
        let req: ParsedRequest | undefined;
        try {
          req = this.#reader.next();
        } catch (err) {
          if (err instanceof ParseError) return this.#reject(err.code, err.message);
          throw err;
        }
        if (!req) return this.#waiting();
        this.#start(req);
      }
    } catch (err) {
      this.#deps.onInternalError(err);
      this.socket.destroy();
    } finally {
      this.#parsing = false;
    }
  }

  /** No complete request yet: say 100 Continue if asked, or end the connection if nothing more can come. */
  #waiting(): void {
    const pending = this.#reader.pendingHead;
    if (this.#ended && (pending || this.#reader.buffered > 0)) {
      // The client closed its side in the middle of a request: it can never complete (node:http answers so too).
      return this.#reject('LB_ERR_BAD_REQUEST', 'the client ended the connection before the request was complete');
    }
    if (pending?.expectContinue && !this.#sent100) {
      this.#sent100 = true;
      this.socket.write(CONTINUE, 'latin1');
    }
    if (this.#ended || (this.#shutdown && this.idle)) this.#end();
  }

  #start(req: ParsedRequest): void {
    this.#sent100 = false;
    this.#started = performance.now();
    this.#minor = req.head.minor;
    this.#keepAlive = req.head.keepAlive;
    const exchange = new RawExchange(this.#deps, this, req);
    this.#exchange = exchange;
    exchange.next();
  }

  #reject(code: LbErrorCode, message: string): void {
    this.#deps.metrics.lbError(code);
    this.flush();
    this.#end(rawErrorResponse(code, message));
  }

  /** Ends our side (after `last`, if given); the client then has --keepalive-timeout to close its own. */
  #end(last?: string): void {
    this.#since = this.#deps.clock.now;
    if (last === undefined) this.socket.end();
    else this.socket.end(last);
  }
}
