// Background shoppers against one column, driven by the demo's one-second tick: each tick starts the new
// shoppers and sends one request for every shopper whose previous request has ended (so a frozen node never
// piles up requests). A shopper walks `steps` requests, then reads its cart back and the load-tests checker
// gives the verdict. Bounded: at most `maxActive` shoppers, each request has a timeout.
import {
  browseAndBuy, checkCart, fetchProductIds, readBackCarts, seededRng, sendRequest, Shopper, type CartVerdict,
  type RequestRecord,
} from './load-tests-adapter.ts';

export interface TrafficCounters {
  started: number;
  active: number;
  checked: number;
  verdicts: Record<CartVerdict, number>;
  itemsLost: number;
  /** Requests answered and errors (5xx or no answer) in the last whole second. */
  lastSecond: { requests: number; errors: number };
}

export interface ColumnTrafficOptions {
  baseUrl: string;
  steps: number;
  timeoutMs: number;
  maxActive: number;
  /** Seed offset, so both columns replay the same journeys. */
  seed: number;
}

interface Active { shopper: Shopper; stepsLeft: number; busy: boolean }

export class ColumnTraffic {
  readonly #o: ColumnTrafficOptions;
  readonly #active = new Set<Active>();
  readonly #pending = new Set<Promise<void>>();
  #products: string[] | undefined;
  #fetching = false;
  #nextId = 0;
  #second = { requests: 0, errors: 0 };
  readonly counters: TrafficCounters = {
    started: 0, active: 0, checked: 0, verdicts: { intact: 0, lost: 0, indeterminate: 0, excess: 0 }, itemsLost: 0,
    lastSecond: { requests: 0, errors: 0 },
  };

  constructor(options: ColumnTrafficOptions) {
    this.#o = options;
  }

  /** One second: start `newShoppers` (0 ends the journeys of the active ones at once), advance the rest. */
  tick(newShoppers: number): void {
    this.counters.lastSecond = this.#second;
    this.#second = { requests: 0, errors: 0 };
    if (newShoppers > 0) this.#ensureProducts();
    const products = this.#products;
    if (products) {
      for (let i = 0; i < newShoppers && this.#active.size < this.#o.maxActive; i++) this.#start(products);
    }
    for (const a of this.#active) {
      if (a.busy) continue;
      if (newShoppers === 0) a.stepsLeft = 0;
      this.#track(a.stepsLeft > 0 ? this.#step(a) : this.#finish(a));
    }
    this.counters.active = this.#active.size;
  }

  /** Resolves when every request and read-back in flight has ended. */
  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  #ensureProducts(): void {
    if (this.#products || this.#fetching) return;
    this.#fetching = true;
    this.#track(fetchProductIds(this.#o.baseUrl)
      .then((ids) => { this.#products = ids; }, () => { /* the column is down: retried next tick */ })
      .finally(() => { this.#fetching = false; }));
  }

  #start(products: string[]): void {
    const id = this.#nextId++;
    const record = (r: RequestRecord): void => this.#count(r);
    const shopper = new Shopper(id, browseAndBuy, products, seededRng(this.#o.seed * 7919 + id), record);
    this.#active.add({ shopper, stepsLeft: this.#o.steps, busy: false });
    this.counters.started++;
  }

  async #step(a: Active): Promise<void> {
    a.busy = true;
    a.stepsLeft--;
    try {
      const spec = a.shopper.next(Date.now());
      const sent = await sendRequest(this.#o.baseUrl, spec, this.#o.timeoutMs);
      if (sent.ok) a.shopper.answered(Date.now(), sent.status, sent.body, sent.headers);
      else a.shopper.abandon(Date.now(), sent.end);
    } finally {
      a.busy = false;
    }
  }

  async #finish(a: Active): Promise<void> {
    a.busy = true;
    try {
      const readBacks = await readBackCarts(
        this.#o.baseUrl, [{ shopper: a.shopper.id, jar: a.shopper.jar }], this.#o.timeoutMs, 1,
      );
      const check = checkCart({ shopper: a.shopper.id, writes: a.shopper.writes }, readBacks.get(a.shopper.id));
      this.counters.verdicts[check.verdict]++;
      this.counters.itemsLost += check.itemsLost;
      this.counters.checked++;
    } finally {
      this.#active.delete(a);
      this.counters.active = this.#active.size;
    }
  }

  #count(r: RequestRecord): void {
    this.#second.requests++;
    if (r.end !== 'ok' && r.end !== 'http4xx') this.#second.errors++;
  }

  #track(p: Promise<void>): void {
    const tracked = p
      .catch(() => { /* a shopper's failure is already in its history */ })
      .finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }
}
