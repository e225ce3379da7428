// One browser-like client: keeps every cookie it is given (the shop's session, the balancer's affinity) and
// reports which node served each answer. A request that gets no answer comes back as status 0 with its error.
export interface Reply {
  readonly status: number;
  readonly servedBy: string | undefined;
  readonly body: unknown;
  readonly headers: Headers | undefined;
  /** Set when no HTTP answer came back (connection closed, refused, timed out). */
  readonly error: string | undefined;
}

export interface CartLineView { productId: string; quantity: number }

export class Shopper {
  readonly #cookies = new Map<string, string>();

  async call(base: string, method: string, path: string, body?: unknown, timeoutMs = 5_000, extra: Record<string, string> = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...extra };
    if (this.#cookies.size > 0) headers.cookie = [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(base + path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      return { status: 0, servedBy: undefined, body: undefined, headers: undefined, error: cause?.code ?? cause?.message ?? (err as Error).message };
    }
    this.#keep(res.headers.getSetCookie());
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* HTML or empty */ }
    return { status: res.status, servedBy: res.headers.get('x-served-by') ?? undefined, body: parsed, headers: res.headers, error: undefined };
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
    return this.call(base, 'POST', '/api/checkout', undefined, timeoutMs, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {});
  }

  /** Another client with the same cookies as this one now (an old cookie jar kept aside). */
  copy(): Shopper {
    const other = new Shopper();
    for (const [name, value] of this.#cookies) other.#cookies.set(name, value);
    return other;
  }

  #keep(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line);
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
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
