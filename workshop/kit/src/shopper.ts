// One browser-like client: the load-tests Shopper (its cookie jar keeps every cookie it is given, the shop's
// session and the balancer's affinity alike; it builds each request) sending through fetch, reporting which node
// served each answer. A request that gets no answer comes back as status 0 with its error.
import { Shopper as LoadTestsShopper } from '@stateshift/load-tests/shopper';

export interface Reply {
  readonly status: number;
  readonly servedBy: string | undefined;
  readonly body: unknown;
  readonly headers: Headers | undefined;
  /** Set when no HTTP answer came back (connection closed, refused, timed out). */
  readonly error: string | undefined;
}

export interface CartLineView { productId: string; quantity: number }

export class Shopper extends LoadTestsShopper {
  async call(
    base: string, method: string, path: string, body?: unknown, timeoutMs = 5_000, extra: Record<string, string> = {},
  ): Promise<Reply> {
    const spec = this.spec(method, path, body === undefined ? undefined : JSON.stringify(body), extra);
    let res: Response;
    try {
      res = await fetch(base + path, {
        method, headers: spec.headers, body: spec.body, signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      return {
        status: 0, servedBy: undefined, body: undefined, headers: undefined,
        error: cause?.code ?? cause?.message ?? (err as Error).message,
      };
    }
    this.jar.store(res.headers.getSetCookie());
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* HTML or empty */ }
    return {
      status: res.status, servedBy: res.headers.get('x-served-by') ?? undefined, body: parsed, headers: res.headers,
      error: undefined,
    };
  }

  add(base: string, productId: string, quantity = 1, timeoutMs?: number): Promise<Reply> {
    return this.call(base, 'POST', '/api/cart/items', { productId, quantity }, timeoutMs);
  }

  cart(base: string): Promise<Reply> {
    return this.call(base, 'GET', '/api/cart');
  }

  /** PATCH the quantity of one line (0 removes it). */
  set(base: string, productId: string, quantity: number): Promise<Reply> {
    return this.call(base, 'PATCH', `/api/cart/items/${productId}`, { quantity });
  }

  remove(base: string, productId: string): Promise<Reply> {
    return this.call(base, 'DELETE', `/api/cart/items/${productId}`);
  }

  checkout(base: string, idempotencyKey?: string, timeoutMs?: number): Promise<Reply> {
    return this.call(
      base, 'POST', '/api/checkout', undefined, timeoutMs, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
    );
  }

  /** Another client with the same cookies as this one now (an old cookie jar kept aside). */
  copy(): Shopper {
    const other = new Shopper();
    for (const name of this.jar.names()) other.jar.store(`${name}=${this.jar.get(name) ?? ''}`);
    return other;
  }
}

/** The cart lines of a GET/POST cart answer, or [] when the body is not a cart. */
export function cartLines(reply: Reply): CartLineView[] {
  const items = (reply.body as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? items as CartLineView[] : [];
}

export function units(reply: Reply): number {
  return cartLines(reply).reduce((n, line) => n + line.quantity, 0);
}
