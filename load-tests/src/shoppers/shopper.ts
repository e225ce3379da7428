// One shopper: a cookie jar, a journey, and the history of every request and write with its outcome.
// It is driven from outside (next / sent / answered / abandoned) and never does I/O itself. A shopper without a
// journey (the demo presenter's, a workshop check's, a shop test's) keeps cookies and builds the requests its
// caller chooses (`spec`); whoever sends them gives it the answer's Set-Cookie (`jar.store`).
import {
  classifyAnswer, classifyNoAnswer, classifyRefused, firstHeader, headerValue, type Verdict,
} from './classify-response.ts';
import { CookieJar } from './cookie-jar.ts';
import type { CartLine, RequestRecord, WriteOp, WriteRecord } from './history.ts';
import { parseCartLines } from './parse-cart.ts';
import { between, pick, type Rng } from './rng.ts';
import type { Scenario, Step } from './scenario.ts';

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** An answer's headers as node:http and autocannon give them (not the fetch `Headers` class). */
export type AnswerHeaders = Record<string, string | string[] | undefined>;

interface Pending {
  spec: RequestSpec;
  op?: WriteOp;
  sentAt: number;
}

/** A request its caller chose, with the shopper's cookies; any method (a test may send one the shop refuses). */
export interface ChosenRequest { method: string; path: string; headers: Record<string, string>; body?: string }

export class Shopper {
  readonly id: number;
  readonly jar = new CookieJar();
  readonly writes: WriteRecord[] = [];
  readonly #scenario: Scenario | undefined;
  readonly #products: readonly string[];
  readonly #rng: Rng;
  readonly #onRecord: (record: RequestRecord) => void;
  /** What the shopper believes is in its cart (acked writes only); used to choose the next step. */
  readonly #believed = new Map<string, number>();
  #step = 0;
  #lastViewed: string | undefined;
  #pending: Pending | undefined;
  #checkouts = 0;
  #firstStamped = false;
  #lastAbandoned: RequestRecord | undefined;

  /** Without a scenario, a shopper with no journey: `next()` is refused, `spec()` builds what the caller asks. */
  constructor(id = 0, scenario?: Scenario, products: readonly string[] = [], rng: Rng = Math.random,
    onRecord: (r: RequestRecord) => void = () => {}) {
    if (scenario && products.length === 0) throw new Error('a shopper needs at least one product id');
    this.id = id;
    this.#scenario = scenario;
    this.#products = products;
    this.#rng = rng;
    this.#onRecord = onRecord;
  }

  /** Builds the next request. A request still pending here was abandoned (timeout, socket error, stop). */
  next(now: number, abandoned: 'socket' | 'timeout' = 'socket'): RequestSpec {
    if (this.#pending) this.abandon(now, abandoned);
    const { spec, op } = this.#build(this.#chooseStep());
    this.#pending = { spec, sentAt: now, ...(op ? { op } : {}) };
    return spec;
  }

  /** A request the caller chose: its headers plus the jar's cookies, and JSON's content type when there is a
   *  body and the caller named none. Records nothing: the caller sends it and stores the answer's cookies. */
  spec(method: string, path: string, body?: string, headers: Record<string, string> = {}): ChosenRequest {
    const all: Record<string, string> = { ...headers };
    const cookie = this.jar.header();
    if (cookie) all.cookie = cookie;
    if (body === undefined) return { method, path, headers: all };
    all['content-type'] ??= 'application/json';
    return { method, path, headers: all, body };
  }

  /** Re-stamps the very first request, which the generator builds before its socket is open. */
  firstSent(now: number): void {
    if (this.#firstStamped) return;
    this.#firstStamped = true;
    if (this.#pending) this.#pending.sentAt = now;
  }

  answered(now: number, status: number, body: string, headers: AnswerHeaders): void {
    const pending = this.#pending;
    this.#pending = undefined;
    this.jar.store(headerValue(headers, 'set-cookie'));
    if (!pending) return;
    const lbError = firstHeader(headers, 'x-lb-error');
    const node = lbError === undefined ? firstHeader(headers, 'x-served-by') : undefined;
    const verdict = classifyAnswer(status, lbError, body);
    const observed = pending.op?.kind === 'checkout' && verdict.outcome === 'acked' ? orderLines(body) : undefined;
    this.#finish(pending, now, verdict, status, node, observed);
  }

  /** The pending request got no answer: its outcome is unknown. */
  abandon(now: number, end: 'socket' | 'timeout' | 'cut'): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) this.#finish(pending, now, classifyNoAnswer(end));
  }

  /** The pending request's connection was refused: it was never sent, so it failed for certain. */
  refused(now: number): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) this.#finish(pending, now, classifyRefused());
  }

  /** Relabels the request abandoned a moment ago as a timeout: autocannon reconnects (and so asks for the
   *  next request) before it emits `timeout`. */
  relabelLastAbandoned(): void {
    if (this.#lastAbandoned) this.#lastAbandoned.end = 'timeout';
    this.#lastAbandoned = undefined;
  }

  #finish(
    pending: Pending, now: number, verdict: Verdict, status?: number, node?: string, observed?: CartLine[],
  ): void {
    const record: RequestRecord = {
      shopper: this.id, method: pending.spec.method, path: pending.spec.path, sentAt: pending.sentAt, endedAt: now,
      end: verdict.end, latencyMs: now - pending.sentAt,
      ...(status === undefined ? {} : { status }), ...(node ? { node } : {}),
      ...(verdict.code ? { code: verdict.code } : {}),
    };
    this.#lastAbandoned = status === undefined ? record : undefined;
    this.#onRecord(record);
    if (!pending.op) return;
    this.writes.push({
      op: pending.op, outcome: verdict.outcome, sentAt: pending.sentAt,
      ...(node ? { node } : {}), ...(status === undefined ? {} : { status }),
      ...(verdict.code ? { code: verdict.code } : {}), ...(observed ? { observed } : {}),
    });
    if (verdict.outcome === 'acked') this.#believe(pending.op);
  }

  #believe(op: WriteOp): void {
    if (op.kind === 'checkout') this.#believed.clear();
    else if (op.kind === 'add') this.#believed.set(op.productId, (this.#believed.get(op.productId) ?? 0) + op.quantity);
    else if (op.kind === 'remove' || op.quantity === 0) this.#believed.delete(op.productId);
    else this.#believed.set(op.productId, op.quantity);
  }

  #journey(): Scenario {
    if (!this.#scenario) throw new Error(`shopper ${this.id} has no journey: build its requests with spec()`);
    return this.#scenario;
  }

  #chooseStep(): Step {
    const steps = this.#journey().steps;
    for (;;) {
      const step = steps[this.#step % steps.length];
      this.#step++;
      if (!step) continue;
      if (step.chance === undefined || this.#rng() < step.chance) return step;
    }
  }

  #build(step: Step): { spec: RequestSpec; op?: WriteOp } {
    if (this.#units() >= this.#journey().checkoutAboveUnits) return this.#checkout();
    const inCart = [...this.#believed.keys()];
    switch (step.do) {
      case 'browse': return { spec: this.#spec('GET', '/api/products') };
      case 'cart': return { spec: this.#spec('GET', '/api/cart') };
      case 'view': {
        this.#lastViewed = pick(this.#rng, this.#products);
        return { spec: this.#spec('GET', `/api/products/${encodeURIComponent(this.#lastViewed)}`) };
      }
      case 'add': {
        const productId = this.#lastViewed ?? pick(this.#rng, this.#products);
        const quantity = between(this.#rng, step.quantity ?? [1, 1]);
        return {
          spec: this.#spec('POST', '/api/cart/items', { productId, quantity }),
          op: { kind: 'add', productId, quantity },
        };
      }
      case 'set': {
        if (inCart.length === 0) return { spec: this.#spec('GET', '/api/cart') };
        const productId = pick(this.#rng, inCart);
        const quantity = between(this.#rng, step.quantity ?? [0, 3]);
        return {
          spec: this.#spec('PATCH', `/api/cart/items/${encodeURIComponent(productId)}`, { quantity }),
          op: { kind: 'set', productId, quantity },
        };
      }
      case 'remove': {
        if (inCart.length === 0) return { spec: this.#spec('GET', '/api/cart') };
        const productId = pick(this.#rng, inCart);
        return {
          spec: this.#spec('DELETE', `/api/cart/items/${encodeURIComponent(productId)}`),
          op: { kind: 'remove', productId },
        };
      }
      case 'checkout': return inCart.length === 0 ? { spec: this.#spec('GET', '/api/cart') } : this.#checkout();
    }
  }

  #checkout(): { spec: RequestSpec; op: WriteOp } {
    this.#checkouts++;
    const spec = this.#spec('POST', '/api/checkout', {});
    spec.headers['idempotency-key'] = `shopper-${this.id}-checkout-${this.#checkouts}`;
    return { spec, op: { kind: 'checkout' } };
  }

  #units(): number {
    let units = 0;
    for (const quantity of this.#believed.values()) units += quantity;
    return units;
  }

  #spec(method: RequestSpec['method'], path: string, body?: unknown): RequestSpec {
    const json = body === undefined ? undefined : JSON.stringify(body);
    return { ...this.spec(method, path, json, { accept: 'application/json' }), method };
  }
}

/** The lines of a checkout answer `{ orderId, items, totalCents }`; undefined when unreadable. */
function orderLines(body: string): CartLine[] | undefined {
  try {
    return parseCartLines(JSON.parse(body) as unknown);
  } catch {
    return undefined;
  }
}
