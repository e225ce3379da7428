// One client request through the balancer: pick a node, forward, and on failure either retry on another node or
// answer with a coded error. Retries only when the node provably never saw the request, or for GET/HEAD.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, type LbErrorCode } from '../errors.ts';
import type { PoolNode } from '../pool.ts';
import type { AttemptHandle, AttemptHooks, UpstreamFailure } from './engine.ts';
import type { ForwarderDeps } from './forwarder.ts';
import { responseHeaderList } from './headers.ts';

export class Exchange implements AttemptHooks {
  readonly #deps: ForwarderDeps;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #cookie: string | undefined;
  readonly #body: Buffer | undefined;
  #attempts = 0;
  #tried: Set<PoolNode> | undefined;
  #node: PoolNode | undefined;
  #handle: AttemptHandle | undefined;
  #setCookie: string | undefined;
  #lastFailure: UpstreamFailure | undefined;

  constructor(deps: ForwarderDeps, req: IncomingMessage, res: ServerResponse, cookie: string | undefined, body: Buffer | undefined) {
    this.#deps = deps;
    this.#req = req;
    this.#res = res;
    this.#cookie = cookie;
    this.#body = body;
    res.once('close', () => this.#closed());
  }

  next(): void {
    const { strategy, metrics, engine } = this.#deps;
    const pick = strategy.pick({ cookie: this.#cookie, exclude: this.#tried });
    if (pick.kind === 'none') return this.#noNode();
    if (pick.kind === 'miss') {
      metrics.stickyMisses[pick.policy]++;
      if (pick.policy === 'drop') return void this.#req.socket.destroy();
      const headers = pick.setCookie ? { 'set-cookie': pick.setCookie } : undefined;
      return this.#error('LB_ERR_STICKY_NODE_GONE', 'the node this session is pinned to is gone (--sticky-miss reject)', headers);
    }
    if (pick.stickyMiss) metrics.stickyMisses.continue++;
    if (pick.setCookie) this.#setCookie = pick.setCookie;
    const node = pick.node;
    this.#attempts++;
    this.#node = node;
    node.inFlight++;
    node.requests++;
    node.tickRequests++;
    this.#handle = engine.forward(this.#req, this.#res, node, this.#body, this);
  }

  onResponse(proxyRes: IncomingMessage): void {
    const node = this.#node as PoolNode;
    const status = proxyRes.statusCode ?? 502;
    if (status >= 500) this.#countError(node);
    this.#deps.metrics.response(node.id, status);
    const headers = responseHeaderList(proxyRes.rawHeaders, proxyRes.headers);
    if (this.#setCookie) {
      headers.push('set-cookie', this.#setCookie);
      const cc = proxyRes.headers['cache-control'];
      if (!cc || !/private|no-store/i.test(cc)) headers.push('cache-control', 'private');
    }
    if (this.#attempts > 1) headers.push('x-lb-attempts', String(this.#attempts));
    this.#res.writeHead(status, proxyRes.statusMessage, headers);
    proxyRes.pipe(this.#res);
    proxyRes.once('end', () => this.#endAttempt());
  }

  onFailure(failure: UpstreamFailure): void {
    const node = this.#node;
    if (!node) return void this.#res.destroy();
    this.#endAttempt();
    this.#countError(node);
    if (!failure.reached && this.#deps.health.eject(node, `passive: ${failure.reason}`)) this.#deps.metrics.ejected(node.id);
    if (failure.afterResponse || this.#res.headersSent) return void this.#res.destroy();
    if (this.#res.destroyed) return;
    const method = this.#req.method;
    const replayable = !failure.reached || method === 'GET' || method === 'HEAD';
    this.#lastFailure = failure;
    if (replayable && this.#attempts <= this.#deps.retries) {
      (this.#tried ??= new Set()).add(node);
      this.#deps.metrics.retries++;
      return this.next();
    }
    this.#failWith(failure);
  }

  #failWith(failure: UpstreamFailure): void {
    const tried = `${this.#attempts} attempt(s); last: ${failure.reason}`;
    if (!failure.reached) return this.#error('LB_ERR_NO_UPSTREAM', `no node accepted the request (${tried})`);
    if (failure.timeout) return this.#error('LB_ERR_UPSTREAM_TIMEOUT', `the node did not answer in time (${tried})`);
    this.#error('LB_ERR_UPSTREAM', `the node failed while handling the request (${tried})`);
  }

  #noNode(): void {
    if (this.#lastFailure) return this.#failWith(this.#lastFailure);
    this.#error('LB_ERR_NO_UPSTREAM', 'no node is up to take this request');
  }

  #error(code: LbErrorCode, message: string, headers?: Record<string, string>): void {
    this.#deps.metrics.lbError(code);
    const extra: Record<string, string> = { ...headers };
    if (this.#attempts > 1) extra['x-lb-attempts'] = String(this.#attempts);
    sendError(this.#res, code, message, extra);
  }

  #countError(node: PoolNode): void {
    node.errors++;
    node.tickErrors++;
  }

  #endAttempt(): void {
    if (!this.#node) return;
    this.#node.inFlight--;
    this.#node = undefined;
  }

  #closed(): void {
    if (this.#node) {
      this.#handle?.abort();
      this.#endAttempt();
    }
  }
}
