// One client request on the raw data path: ExchangeBase's pick/retry/error logic, with the raw upstream pool
// for the node and the client connection for the answer. A body the node frames by closing its connection (or
// chunked) reaches an HTTP/1.1 client chunked, so the client's connection survives it.
import type { LbErrorCode } from '../../errors.ts';
import type { PoolNode } from '../../pool.ts';
import type { AttemptHandle, UpstreamFailure } from '../../exchange/attempt.ts';
import { ExchangeBase, type ExchangeDeps } from '../../exchange/exchange-base.ts';
import { clientResponseHead, upstreamRequestHead } from './outgoing-heads.ts';
import type { ParsedRequest } from './request-reader.ts';
import type { ResponseHead } from './response-head.ts';
import type { UpstreamConn, UpstreamHooks, UpstreamPool } from './upstream-pool.ts';

/**
 * What an exchange needs of its client's connection (ClientConn implements it). Declared here, not imported,
 * so the connection depends on the exchange it runs and never the other way round.
 */
export interface ClientSide {
  readonly ip: string;
  /** The request's HTTP minor version: 1 can take a chunked answer, 0 cannot. */
  readonly minor: number;
  readonly gone: boolean;
  closeAfter(): void;
  connectionField(): string;
  writeHead(text: string): void;
  dropHead(): void;
  write(data: Buffer | string): boolean;
  writeChunk(data: Buffer): boolean;
  writeLastChunk(): void;
  writeError(code: LbErrorCode, message: string, headers: Record<string, string>): void;
  onDrain(resume: () => void): void;
  finish(): void;
  destroy(): void;
}

export interface RawExchangeDeps extends ExchangeDeps {
  readonly upstreams: UpstreamPool;
  readonly affinityCookie: string | undefined;
}

export class RawExchange extends ExchangeBase implements UpstreamHooks, AttemptHandle {
  readonly #raw: RawExchangeDeps;
  readonly #conn: ClientSide;
  readonly #req: ParsedRequest;
  #upstream: UpstreamConn | undefined;
  /** The node's status once its head arrived (0 before). */
  #status = 0;
  #headSent = false;
  #chunked = false;

  constructor(deps: RawExchangeDeps, conn: ClientSide, req: ParsedRequest) {
    super(deps, req.head.method, req.head.cookie);
    this.#raw = deps;
    this.#conn = conn;
    this.#req = req;
  }

  protected forward(node: PoolNode): AttemptHandle {
    const { head, body } = this.#req;
    const text = upstreamRequestHead(head, body, node, this.#conn.ip, this.#raw.affinityCookie);
    this.#upstream = this.#raw.upstreams.send(node, text, body, head.method, this);
    return this;
  }

  abort(): void {
    this.#upstream?.abort(this);
    this.#upstream = undefined;
  }

  onHead(res: ResponseHead): void {
    const extra: string[] = [];
    this.decorate(extra, res.cacheControl);
    let text = clientResponseHead(res.status, res.reason, res.fields, res.connection, extra);
    if (res.framing === 'chunked' || res.framing === 'eof') {
      if (this.#conn.minor === 1) {
        text += 'transfer-encoding: chunked\r\n';
        this.#chunked = true;
      } else this.#conn.closeAfter();
    } else if (res.contentLength >= 0) text += `content-length: ${res.contentLength}\r\n`;
    // Held back until body bytes come (or the answer ends): a node failing before that still gets a 502.
    this.#conn.writeHead(text + this.#conn.connectionField() + '\r\n');
    this.#status = res.status;
  }

  onBody(data: Buffer): void {
    this.#commit();
    const written = this.#chunked ? this.#conn.writeChunk(data) : this.#conn.write(data);
    const upstream = this.#upstream;
    if (!written && upstream) {
      upstream.pause(this);
      this.#conn.onDrain(() => upstream.resume(this));
    }
  }

  onEnd(): void {
    this.#upstream = undefined;
    this.#commit();
    if (this.#chunked) this.#conn.writeLastChunk();
    this.endAttempt();
    this.#conn.finish();
  }

  override onFailure(failure: UpstreamFailure): void {
    this.#upstream = undefined;
    if (this.#status !== 0 && !this.#headSent) {
      // The node's head arrived but nothing of the answer has left: drop it, as if the node had not answered.
      this.#conn.dropHead();
      this.#status = 0;
      this.#chunked = false;
      return super.onFailure({ ...failure, afterResponse: false });
    }
    super.onFailure(failure);
  }

  /** The held head leaves with the first body bytes (or the end): from here on the answer is the node's. */
  #commit(): void {
    if (this.#headSent) return;
    this.#headSent = true;
    this.counted(this.#status);
  }

  /** The client's connection closed. */
  closed(): void {
    this.clientGone();
  }

  protected sendError(code: LbErrorCode, message: string, headers: Record<string, string>): void {
    this.#conn.writeError(code, message, headers);
  }

  protected cut(): void {
    this.#conn.destroy();
  }

  protected get answered(): boolean {
    return this.#headSent;
  }

  protected get gone(): boolean {
    return this.#conn.gone;
  }
}
