// A tiny HTTP client that keeps the shop.sid cookie, like one browser. Any base URL: one shopper can
// talk to several nodes with the same session.
export interface Reply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export class Shopper {
  cookie: string | undefined;

  async request(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (body !== undefined && typeof body !== 'string') h['content-type'] = 'application/json';
    if (typeof body === 'string' && !h['content-type']) h['content-type'] = 'application/json';
    const res = await fetch(base + path, {
      method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const set = res.headers.get('set-cookie');
    if (set?.startsWith('shop.sid=')) this.cookie = set.split(';')[0];
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* HTML or empty */ }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get(base: string, path: string): Promise<Reply> { return this.request(base, 'GET', path); }
  add(base: string, productId: string, quantity = 1): Promise<Reply> {
    return this.request(base, 'POST', '/api/cart/items', { productId, quantity });
  }
}
