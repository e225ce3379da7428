// The presenter's own cart in one column, tracked exactly like a background shopper: the dashboard sends the
// presenter's "Add" through its own cookie jar, records every write with the outcome its answer proves
// (2xx acked, no answer indeterminate), reads the cart back through the balancer once a tick, and lets the
// load-tests checker judge it. So "your cart: lost with stateful-2" is the checker's verdict, never a guess.
// The presenter is a load-tests Shopper without a journey: its jar and its requests are the background shoppers'.
import { DemoError } from '../errors.ts';
import {
  Shopper, checkCart, classifyAnswer, classifyNoAnswer, readBackCarts, sendRequest, type CartLine, type WriteRecord,
} from './load-tests-adapter.ts';

export interface Product { id: string; name: string; emoji: string; priceCents: number }

export interface PresenterView {
  /** Products offered in the column's embedded shop (empty until the catalog was read). */
  products: Product[];
  /** Units in the cart at the last read-back (or the last add's answer); null before any. */
  items: number | null;
  /** Writes sent, acked or not. */
  writes: number;
  /** The checker's verdict on the current cart; 'empty' before the first acked write. */
  verdict: 'empty' | 'intact' | 'lost' | 'indeterminate' | 'excess';
  itemsExpected: number;
  /** The node that acknowledged the first missing item of a lost cart. */
  lostOn: string | null;
  /** The node that stored the last acked add, and the one that answered the last read. */
  storedBy: string | null;
  servedBy: string | null;
  /** Presenter carts judged lost in this column so far (the current one included). */
  lostCarts: number;
  /** Why the last read-back failed (a frozen node, Redis down…); null when it worked. */
  readError: string | null;
}

export class PresenterCart {
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  #shopper = new Shopper();
  #writes: WriteRecord[] = [];
  #products: Product[] = [];
  #reading = false;
  #lostBefore = 0;
  #view: Omit<PresenterView, 'products' | 'writes' | 'lostCarts'> = emptyCart();

  constructor(baseUrl: string, timeoutMs = 1_000) {
    this.#baseUrl = baseUrl;
    this.#timeoutMs = timeoutMs;
  }

  view(): PresenterView {
    const lostNow = this.#view.verdict === 'lost' ? 1 : 0;
    return {
      ...this.#view, products: this.#products, writes: this.#writes.length, lostCarts: this.#lostBefore + lostNow,
    };
  }

  /** `{ productId }` from the API: one unit into the presenter's cart, through the balancer. */
  async add(input: unknown): Promise<PresenterView> {
    const productId = (input as { productId?: unknown } | null)?.productId;
    await this.#ensureProducts();
    if (!this.#products.some((p) => p.id === productId)) {
      const some = this.#products.slice(0, 3).map((p) => p.id).join(', ');
      throw new DemoError('DEMO_ERR_BAD_REQUEST', `"productId" must be one of the shop's products (${some}, …)`);
    }
    const op = { kind: 'add' as const, productId: productId as string, quantity: 1 };
    const spec = this.#shopper.spec('POST', '/api/cart/items', JSON.stringify({ productId, quantity: 1 }),
      { accept: 'application/json' });
    const sentAt = Date.now();
    const sent = await sendRequest(this.#baseUrl, spec, this.#timeoutMs * 3);
    if (!sent.ok) {
      this.#writes.push({ op, outcome: classifyNoAnswer(sent.end).outcome, sentAt });
    } else {
      this.#shopper.jar.store(sent.headers['set-cookie']);
      const lbError = first(sent.headers['x-lb-error']);
      const node = lbError === undefined ? first(sent.headers['x-served-by']) : undefined;
      const verdict = classifyAnswer(sent.status, lbError, sent.body);
      this.#writes.push({
        op, outcome: verdict.outcome, sentAt, status: sent.status, ...(node ? { node } : {}),
        ...(verdict.code ? { code: verdict.code } : {}),
      });
      if (verdict.outcome === 'acked' && node) this.#view.storedBy = node;
    }
    await this.readBack();
    return this.view();
  }

  /** Starts a fresh cart (new cookies); a lost one stays counted. */
  reset(): PresenterView {
    if (this.#view.verdict === 'lost') this.#lostBefore++;
    this.#shopper = new Shopper();
    this.#writes = [];
    this.#view = emptyCart();
    return this.view();
  }

  /** Reads the cart back and judges it; one read at a time, a failed read keeps the last verdict. */
  async readBack(): Promise<void> {
    void this.#ensureProducts();
    if (this.#reading || this.#writes.length === 0) return;
    this.#reading = true;
    const writes = this.#writes;
    try {
      const target = { shopper: 0, jar: this.#shopper.jar };
      const read = (await readBackCarts(this.#baseUrl, [target], this.#timeoutMs, 1)).get(0);
      if (writes !== this.#writes) return; // reset meanwhile
      if (!read?.ok) { this.#view.readError = read?.reason ?? 'not read'; return; }
      const check = checkCart({ shopper: 0, writes }, read);
      const wasLost = this.#view.verdict === 'lost';
      this.#view = {
        ...this.#view, items: units(read.items), verdict: wasLost ? 'lost' : check.verdict,
        itemsExpected: check.itemsExpected,
        lostOn: wasLost ? this.#view.lostOn : check.lostOn ?? null, servedBy: read.node ?? null, readError: null,
      };
    } finally {
      this.#reading = false;
    }
  }

  async #ensureProducts(): Promise<void> {
    if (this.#products.length) return;
    const sent = await sendRequest(
      this.#baseUrl, { method: 'GET', path: '/api/products', headers: { accept: 'application/json' } }, this.#timeoutMs,
    );
    if (!sent.ok || sent.status !== 200) return;
    try {
      const parsed = JSON.parse(sent.body) as { products?: Product[] } | Product[];
      const list = Array.isArray(parsed) ? parsed : parsed.products ?? [];
      this.#products = list.filter((p) => typeof p.id === 'string' && typeof p.name === 'string');
    } catch { /* retried on the next tick */ }
  }
}

function emptyCart(): Omit<PresenterView, 'products' | 'writes' | 'lostCarts'> {
  return {
    items: null, verdict: 'empty', itemsExpected: 0, lostOn: null, storedBy: null, servedBy: null, readError: null,
  };
}

function units(lines: readonly CartLine[]): number {
  return lines.reduce((sum, l) => sum + l.quantity, 0);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

