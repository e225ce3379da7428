// Drives shoppers that send their requests to several balancers in turn (two-balancers: DNS round robin as
// a shopper meets it, one balancer then the other, each request on its own). autocannon binds a connection to one
// URL and cannot hold a request back, so here each shopper is a loop of its own over fetch (keep-alive per origin),
// one request in flight at a time, exactly as with autocannon. Every run of an experiment that uses this driver
// uses it for all its variants, so they compare among themselves (not with autocannon-driven runs' throughput).
import { seededRng } from './rng.ts';
import type { ShopperLoad, ShopperLoadOptions } from './run-shoppers.ts';
import { Shopper, type AnswerHeaders, type RequestSpec } from './shopper.ts';

export interface AlternatingLoadOptions extends Omit<ShopperLoadOptions, 'url'> {
  /** Balancer base URLs; shopper i starts at urls[i % n] and moves to the next one with every request. */
  urls: readonly string[];
}

/** Extra seconds past --duration + --timeout before answers still awaited are cut (as run-shoppers.ts). */
const DRAIN_SLACK_SEC = 2;

/** The same contract as run-shoppers.ts's: a clean ending at --duration, stop() cuts at once. */
export type AlternatingLoad = ShopperLoad;

export function runAlternatingShoppers(options: AlternatingLoadOptions): AlternatingLoad {
  const firstId = options.firstShopperId ?? 0;
  const shoppers = Array.from({ length: options.connections }, (_, i) => {
    const id = firstId + i;
    return new Shopper(id, options.scenario, options.products, seededRng(options.seed * 7919 + id), options.onRecord);
  });
  // Two stops: `ending` sends nothing new (the answer in flight is awaited), `cut` abandons what is in flight.
  const ending = new AbortController();
  const cut = new AbortController();
  let stoppedAt: number | undefined;
  const timers: NodeJS.Timeout[] = [];
  const end = (): void => {
    stoppedAt ??= Date.now();
    ending.abort();
  };
  timers.push(setTimeout(() => {
    end();
    timers.push(setTimeout(() => cut.abort(), (options.timeoutSec + DRAIN_SLACK_SEC) * 1000));
  }, options.durationSec * 1000));
  const loops = shoppers.map((shopper, i) => shop(shopper, i, options, ending.signal, cut.signal));
  const done = Promise.all(loops).then(() => { for (const timer of timers) clearTimeout(timer); });
  return { shoppers, done, stoppedSendingAt: () => stoppedAt, stop: () => { end(); cut.abort(); } };
}

async function shop(
  shopper: Shopper, index: number, options: AlternatingLoadOptions, ending: AbortSignal, cut: AbortSignal,
): Promise<void> {
  for (let turn = index; !ending.aborted; turn++) {
    const url = options.urls[turn % options.urls.length] as string;
    const spec = shopper.next(Date.now());
    const answer = await send(url, spec, options.timeoutSec * 1000, cut);
    const now = Date.now();
    if (answer.ok) shopper.answered(now, answer.status, answer.body, answer.headers);
    else if (answer.end === 'refused') shopper.refused(now);
    else shopper.abandon(now, answer.end);
  }
}

type Answer = { ok: true; status: number; body: string; headers: AnswerHeaders }
  | { ok: false; end: 'timeout' | 'socket' | 'cut' | 'refused' };

async function send(baseUrl: string, spec: RequestSpec, timeoutMs: number, cut: AbortSignal): Promise<Answer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(new URL(spec.path, baseUrl), {
      method: spec.method, headers: spec.headers, body: spec.body, signal: AbortSignal.any([timeout, cut]),
    });
    const body = await res.text();
    const headers: AnswerHeaders = {};
    res.headers.forEach((value, name) => { headers[name] = value; });
    const cookies = res.headers.getSetCookie();
    if (cookies.length) headers['set-cookie'] = cookies;
    return { ok: true, status: res.status, body, headers };
  } catch (err) {
    // stop() or the drain's bound cuts what is in flight; otherwise our own timeout, or the socket.
    if (cut.aborted) return { ok: false, end: 'cut' };
    if ((err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') return { ok: false, end: 'refused' };
    return { ok: false, end: timeout.aborted ? 'timeout' : 'socket' };
  }
}
