// The race: one shopper at a time fires a burst of concurrent add-item requests with the same cookies, then
// the next shopper does the same, until the time is up. Under whole-session saves concurrent requests
// overwrite each other; the checker finds it as acknowledged items missing from the cart.
import { classifyAnswer, classifyNoAnswer, firstHeader, headerValue } from './classify-response.ts';
import { CookieJar } from './cookie-jar.ts';
import type { RequestRecord, ShopperHistory, WriteOp, WriteRecord } from './history.ts';
import { sendRequest } from './send-request.ts';
import type { RequestSpec } from './shopper.ts';

export interface RaceOptions {
  url: string;
  durationSec: number;
  /** Concurrent adds per burst (at most 15 per product, far from the 99 limit). */
  burst: number;
  products: readonly string[];
  timeoutMs: number;
  signal: AbortSignal;
  onRecord: (record: RequestRecord) => void;
}

export interface RaceShopper { shopper: number; jar: CookieJar; history: ShopperHistory }

export async function runRace(options: RaceOptions): Promise<RaceShopper[]> {
  const shoppers: RaceShopper[] = [];
  const deadline = Date.now() + options.durationSec * 1000;
  while (Date.now() < deadline && !options.signal.aborted) {
    const racer: RaceShopper = {
      shopper: shoppers.length, jar: new CookieJar(), history: { shopper: shoppers.length, writes: [] },
    };
    shoppers.push(racer);
    const products = options.products.slice(0, Math.max(1, Math.ceil(options.burst / 15)));
    // The first add creates the session, so that the burst shares one.
    await add(options, racer, products[0] ?? '');
    if (!racer.jar.header()) continue;
    await Promise.all(
      Array.from({ length: options.burst }, (_, i) => add(options, racer, products[i % products.length] ?? '')),
    );
  }
  return shoppers;
}

async function add(options: RaceOptions, racer: RaceShopper, productId: string): Promise<void> {
  const op: WriteOp = { kind: 'add', productId, quantity: 1 };
  const cookie = racer.jar.header();
  const spec: RequestSpec = {
    method: 'POST', path: '/api/cart/items', body: JSON.stringify({ productId, quantity: 1 }),
    headers: { accept: 'application/json', 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
  };
  const sentAt = Date.now();
  const sent = await sendRequest(options.url, spec, options.timeoutMs);
  const endedAt = Date.now();
  const base = {
    shopper: racer.shopper, method: spec.method, path: spec.path, sentAt, endedAt, latencyMs: endedAt - sentAt,
  };
  if (!sent.ok) {
    const verdict = classifyNoAnswer(sent.end);
    options.onRecord({ ...base, end: verdict.end });
    racer.history.writes.push({ op, outcome: verdict.outcome, sentAt });
    return;
  }
  racer.jar.store(headerValue(sent.headers, 'set-cookie'));
  const lbError = firstHeader(sent.headers, 'x-lb-error');
  const node = lbError === undefined ? firstHeader(sent.headers, 'x-served-by') : undefined;
  const verdict = classifyAnswer(sent.status, lbError, sent.body);
  const extra = { ...(node ? { node } : {}), ...(verdict.code ? { code: verdict.code } : {}) };
  options.onRecord({ ...base, end: verdict.end, status: sent.status, ...extra });
  const write: WriteRecord = { op, outcome: verdict.outcome, sentAt, status: sent.status, ...extra };
  racer.history.writes.push(write);
}
