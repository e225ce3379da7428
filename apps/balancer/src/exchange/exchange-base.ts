// One client request through the balancer, whatever the data path: pick a node, forward, and on failure either
// retry on another node or answer with a coded error. Retries only when the node provably never saw the request,
// or for GET/HEAD. Subclasses (engines/node-http/exchange.ts, engines/raw/raw-exchange.ts) only do the I/O.
import type { LbErrorCode } from '../errors.ts';
import type { HealthChecker } from '../health/health-checker.ts';
import type { Metrics } from '../metrics.ts';
import type { Pool, PoolNode } from '../pool.ts';
import type { AffinityRead } from '../strategies/affinity.ts';
import type { Strategy } from '../strategies/strategy.ts';
import type { AttemptHandle, UpstreamFailure } from './attempt.ts';

export interface ExchangeDeps {
  /** The only way a node's counters change. */
  readonly pool: Pool;
  readonly strategy: Strategy;
  readonly health: HealthChecker;
  readonly metrics: Metrics;
  readonly retries: number;
}

export abstract class ExchangeBase {
  protected readonly deps: ExchangeDeps;
  readonly #method: string;
  /** What every pick of this request sees; sticky leaves its affinity read here, so a retry does not re-open it. */
  readonly #pickInput: { cookie: string | undefined; exclude: Set<PoolNode> | undefined; affinity?: AffinityRead };
  protected attempts = 0;
  #tried: Set<PoolNode> | undefined;
  #node: PoolNode | undefined;
  #handle: AttemptHandle | undefined;
  #setCookie: string | undefined;
  #lastFailure: UpstreamFailure | undefined;

  constructor(deps: ExchangeDeps, method: string, cookie: string | undefined) {
    this.deps = deps;
    this.#method = method;
    this.#pickInput = { cookie, exclude: undefined };
  }

  /** Sends this attempt to `node`; the subclass reports back through respond/onFailure/endAttempt. */
  protected abstract forward(node: PoolNode): AttemptHandle;
  /** A balancer-made answer (never called once the answer has started). */
  protected abstract sendError(code: LbErrorCode, message: string, headers: Record<string, string>): void;
  /** Closes the client's connection without an answer (or cuts an answer that has started). */
  protected abstract cut(): void;
  /** True once the answer's head went out: a failure can then only cut the connection. */
  protected abstract get answered(): boolean;
  /** True once the client's connection is gone. */
  protected abstract get gone(): boolean;

  next(): void {
    const { strategy, metrics } = this.deps;
    this.#pickInput.exclude = this.#tried;
    const pick = strategy.pick(this.#pickInput);
    if (pick.kind === 'none') return this.#noNode();
    if (pick.kind === 'miss') {
      metrics.stickyMisses[pick.policy]++;
      if (pick.policy === 'drop') return this.cut();
      const headers = pick.setCookie ? { 'set-cookie': pick.setCookie } : undefined;
      return this.#error(
        'LB_ERR_STICKY_NODE_GONE', 'the node this session is pinned to is gone (--sticky-miss reject)', headers,
      );
    }
    if (pick.stickyMiss) metrics.stickyMisses.continue++;
    if (pick.setCookie) this.#setCookie = pick.setCookie;
    const node = pick.node;
    this.attempts++;
    this.#node = node;
    this.deps.pool.begin(node);
    this.#handle = this.forward(node);
  }

  /**
   * The node answered with `status`: counts it, and appends what the balancer adds to a node's answer to the
   * flat [name, value, …] list: the affinity cookie (and private caching with it), x-lb-attempts after a retry.
   */
  protected respond(status: number, headers: string[], cacheControl: string | undefined): void {
    this.decorate(headers, cacheControl);
    this.counted(status);
  }

  /** Counts the node's answer (by node and status class; a 5xx is an error of the node's). */
  protected counted(status: number): void {
    const node = this.#node as PoolNode;
    if (status >= 500) this.#countError(node);
    this.deps.metrics.response(node.id, status);
  }

  /** What the balancer adds to a node's answer, appended to a flat [name, value, …] list. */
  protected decorate(headers: string[], cacheControl: string | undefined): void {
    if (this.#setCookie) {
      headers.push('set-cookie', this.#setCookie);
      if (!cacheControl || !/private|no-store/i.test(cacheControl)) headers.push('cache-control', 'private');
    }
    if (this.attempts > 1) headers.push('x-lb-attempts', String(this.attempts));
  }

  onFailure(failure: UpstreamFailure): void {
    const node = this.#node;
    if (!node) return this.cut();
    this.endAttempt();
    this.#countError(node);
    if (!failure.reached && this.deps.health.eject(node, `passive: ${failure.reason}`)) {
      this.deps.metrics.ejected(node.id);
    }
    if (failure.afterResponse || this.answered) return this.cut();
    if (this.gone) return;
    const replayable = !failure.reached || this.#method === 'GET' || this.#method === 'HEAD';
    this.#lastFailure = failure;
    if (replayable && this.attempts <= this.deps.retries) {
      (this.#tried ??= new Set()).add(node);
      this.deps.metrics.retries++;
      return this.next();
    }
    this.#failWith(failure);
  }

  /** The node's answer is complete (or abandoned): the node has one request less in flight. */
  protected endAttempt(): void {
    if (!this.#node) return;
    this.deps.pool.end(this.#node);
    this.#node = undefined;
  }

  /** The client went away: gives up on the attempt in flight, if any. */
  protected clientGone(): void {
    if (!this.#node) return;
    this.#handle?.abort();
    this.endAttempt();
  }

  #failWith(failure: UpstreamFailure): void {
    const tried = `${this.attempts} attempt(s); last: ${failure.reason}`;
    if (!failure.reached) return this.#error('LB_ERR_NO_UPSTREAM', `no node accepted the request (${tried})`);
    if (failure.timeout) return this.#error('LB_ERR_UPSTREAM_TIMEOUT', `the node did not answer in time (${tried})`);
    this.#error('LB_ERR_UPSTREAM', `the node failed while handling the request (${tried})`);
  }

  #noNode(): void {
    if (this.#lastFailure) return this.#failWith(this.#lastFailure);
    this.#error('LB_ERR_NO_UPSTREAM', 'no node is up to take this request');
  }

  #error(code: LbErrorCode, message: string, headers?: Record<string, string>): void {
    this.deps.metrics.lbError(code);
    const extra: Record<string, string> = { ...headers };
    if (this.attempts > 1) extra['x-lb-attempts'] = String(this.attempts);
    this.sendError(code, message, extra);
  }

  #countError(node: PoolNode): void {
    this.deps.pool.countError(node);
  }
}
