// A tiny HTTP client that keeps the shop.sid cookie, like one browser: the load-tests Shopper (its cookie jar, its
// requests) sending through fetch. Any base URL: one shopper can talk to several nodes with the same session.
// Imported by path (the shop does not depend on load-tests); shopper.ts imports nothing of the shop, so no cycle.
import { Shopper as LoadTestsShopper } from '../../../../load-tests/src/shoppers/shopper.ts';

const SESSION = 'shop.sid';

export interface Reply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export class Shopper extends LoadTestsShopper {
  /** `shop.sid=<value>` as the shop set it, or undefined; assigning one hands this shopper that session. */
  get cookie(): string | undefined {
    const value = this.jar.get(SESSION);
    return value === undefined ? undefined : `${SESSION}=${value}`;
  }

  set cookie(cookie: string | undefined) {
    this.jar.store(cookie ?? `${SESSION}=; Max-Age=0`);
  }

  async request(
    base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {},
  ): Promise<Reply> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && typeof body !== 'string') h['content-type'] = 'application/json';
    const text = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
    const spec = this.spec(method, path, text, h);
    const res = await fetch(base + path, {
      method, headers: spec.headers, body: spec.body, signal: AbortSignal.timeout(10_000),
    });
    // Only the session cookie, as a test of the shop alone expects (a balancer in front adds its own).
    this.jar.store(res.headers.getSetCookie().filter((line) => line.startsWith(`${SESSION}=`)));
    const answer = await res.text();
    let parsed: unknown = answer;
    try { parsed = JSON.parse(answer); } catch { /* HTML or empty */ }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get(base: string, path: string): Promise<Reply> { return this.request(base, 'GET', path); }
  add(base: string, productId: string, quantity = 1): Promise<Reply> {
    return this.request(base, 'POST', '/api/cart/items', { productId, quantity });
  }
}
