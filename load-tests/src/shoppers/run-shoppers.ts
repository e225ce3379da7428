// Drives shoppers with autocannon: one connection = one shopper. The only file that imports autocannon.
// Each client gets its own one-entry request list bound to its Shopper, because autocannon resets the shared
// `context` whenever a request list wraps around and `setHeaders` only reaches the first request (issue #280).
import autocannon from 'autocannon';
import type { RequestRecord } from './history.ts';
import { seededRng } from './rng.ts';
import type { Scenario } from './scenario.ts';
import { Shopper, type AnswerHeaders } from './shopper.ts';

export interface ShopperLoadOptions {
  url: string;
  connections: number;
  durationSec: number;
  /** Seconds without an answer before autocannon gives up on a request and reconnects. */
  timeoutSec: number;
  scenario: Scenario;
  products: readonly string[];
  seed: number;
  onRecord: (record: RequestRecord) => void;
  /** Shopper ids start here (the race and other phases can keep ids unique). */
  firstShopperId?: number;
}

/** Extra seconds past --duration + --timeout before answers still awaited are given up as cut. */
const DRAIN_SLACK_SEC = 2;

export interface ShopperLoad {
  shoppers: Shopper[];
  /** Resolves when every shopper has stopped: at --duration each sends nothing new and waits for the answer in
   *  flight (autocannon's own timeout bounds that wait); only what is still open after that is cut. */
  done: Promise<void>;
  /** Epoch ms when the shoppers stopped sending (the end of the load phase), once they have. */
  stoppedSendingAt(): number | undefined;
  /** Stops at once: open requests are cut (Ctrl-C). */
  stop(): void;
}

export function runShoppers(options: ShopperLoadOptions): ShopperLoad {
  const shoppers: Shopper[] = [];
  const clients: DrainableClient[] = [];
  const firstId = options.firstShopperId ?? 0;
  const setupClient = (client: autocannon.Client): void => {
    const id = firstId + shoppers.length;
    const shopper = new Shopper(
      id, options.scenario, options.products, seededRng(options.seed * 7919 + id), options.onRecord,
    );
    shoppers.push(shopper);
    clients.push(client as unknown as DrainableClient);
    wireClient(client, shopper, () => forced);
  };
  let instance: autocannon.Instance | undefined;
  let stoppedAt: number | undefined;
  /** Set when the load is stopped at once (Ctrl-C, or the drain's bound): what is still open is cut. */
  let forced = false;
  const timers: NodeJS.Timeout[] = [];
  const done = new Promise<void>((resolve, reject) => {
    instance = autocannon({
      url: options.url,
      connections: options.connections,
      // autocannon's own stop cuts requests in flight; ours (below) lets them finish, so its is only a backstop.
      duration: options.durationSec + options.timeoutSec + DRAIN_SLACK_SEC + 1,
      timeout: options.timeoutSec,
      pipelining: 1,
      setupClient,
    }, (err: unknown) => {
      for (const timer of timers) clearTimeout(timer);
      const now = Date.now();
      for (const shopper of shoppers) shopper.abandon(now, 'cut');
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve();
    });
  });
  timers.push(setTimeout(() => {
    stoppedAt = Date.now();
    for (const client of clients) stopSending(client);
    // A shopper whose answer never comes is timed out by autocannon after --timeout; this bounds the rest.
    timers.push(setTimeout(() => { forced = true; instance?.stop(); }, (options.timeoutSec + DRAIN_SLACK_SEC) * 1000));
  }, options.durationSec * 1000));
  return {
    shoppers, done, stoppedSendingAt: () => stoppedAt,
    stop: () => { stoppedAt ??= Date.now(); forced = true; instance?.stop(); },
  };
}

/** The two fields of autocannon's Client (lib/httpClient.js) that end a client after its answer in flight. */
interface DrainableClient { reqsMade: number; responseMax: number | undefined; destroyed: boolean; destroy(): void }

/** autocannon's request limit: once `reqsMade >= responseMax` the client destroys itself instead of sending its
 *  next request, i.e. right after the answer in flight (or its timeout / socket error) arrives. */
function stopSending(client: DrainableClient): void {
  if (client.destroyed) return;
  client.responseMax = Math.max(1, client.reqsMade);
}

function wireClient(client: autocannon.Client, shopper: Shopper, forced: () => boolean): void {
  // The typings only list some of the client's events; 'request' and 'timeout' are emitted by lib/httpClient.js.
  const events = client as unknown as NodeJS.EventEmitter;
  events.on('request', () => shopper.firstSent(Date.now()));
  // On a timeout autocannon reconnects and asks for the next request first, then emits 'timeout'.
  events.on('timeout', () => shopper.relabelLastAbandoned());
  // autocannon reports a connection error before it reconnects and asks for the next request; a refused
  // connection (a balancer restarting) carried nothing, so that request failed rather than went unanswered.
  events.on('connError', (err: NodeJS.ErrnoException) => {
    if (err.code === 'ECONNREFUSED') shopper.refused(Date.now());
  });
  // A client ended by stopSending() after a timeout or socket error builds no next request: its pending one
  // is abandoned here (a 'timeout' that follows relabels it, as above). After an answer nothing is pending.
  events.on('done', () => { if (!forced()) shopper.abandon(Date.now(), 'socket'); });
  client.setRequests([{
    method: 'GET',
    path: '/',
    setupRequest: (request) => {
      const spec = shopper.next(Date.now());
      return { ...request, method: spec.method, path: spec.path, headers: spec.headers, body: spec.body ?? '' };
    },
    onResponse: (status, body, _context, headers) => {
      shopper.answered(Date.now(), status, body, (headers ?? {}) as AnswerHeaders);
    },
  }]);
}
