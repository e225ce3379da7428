// One client request on the node:http data path (engines http-proxy and native): the shared pick/retry logic of
// ExchangeBase, with node:http's request and response objects for the I/O.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, type LbErrorCode } from '../../errors.ts';
import type { AttemptHandle } from '../../exchange/attempt.ts';
import { ExchangeBase, type ExchangeDeps } from '../../exchange/exchange-base.ts';
import type { PoolNode } from '../../pool.ts';
import type { AttemptHooks, ProxyEngine } from '../engine.ts';
import { responseHeaderList } from './outgoing-headers.ts';

export interface NodeHttpExchangeDeps extends ExchangeDeps {
  readonly engine: ProxyEngine;
  /** Set when the balancer closes: answers then say `connection: close`, so kept connections end after them. */
  readonly shutdown: { readonly closing: boolean };
}

export class Exchange extends ExchangeBase implements AttemptHooks {
  readonly #engine: ProxyEngine;
  readonly #shutdown: { readonly closing: boolean };
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #body: Buffer | undefined;

  constructor(
    deps: NodeHttpExchangeDeps, req: IncomingMessage, res: ServerResponse, cookie: string | undefined,
    body: Buffer | undefined,
  ) {
    super(deps, req.method ?? 'GET', cookie);
    this.#engine = deps.engine;
    this.#shutdown = deps.shutdown;
    this.#req = req;
    this.#res = res;
    this.#body = body;
    res.once('close', () => this.clientGone());
  }

  protected forward(node: PoolNode): AttemptHandle {
    return this.#engine.forward(this.#req, this.#res, node, this.#body, this);
  }

  onResponse(proxyRes: IncomingMessage): void {
    const status = proxyRes.statusCode ?? 502;
    const headers = responseHeaderList(proxyRes.rawHeaders, proxyRes.headers);
    this.respond(status, headers, proxyRes.headers['cache-control']);
    if (this.#shutdown.closing) headers.push('connection', 'close');
    this.#res.writeHead(status, proxyRes.statusMessage, headers);
    proxyRes.pipe(this.#res);
    proxyRes.once('end', () => this.endAttempt());
  }

  protected sendError(code: LbErrorCode, message: string, headers: Record<string, string>): void {
    sendError(this.#res, code, message, this.#shutdown.closing ? { ...headers, connection: 'close' } : headers);
  }

  protected cut(): void {
    this.#res.destroy();
  }

  protected get answered(): boolean {
    return this.#res.headersSent;
  }

  protected get gone(): boolean {
    return this.#res.destroyed;
  }
}
