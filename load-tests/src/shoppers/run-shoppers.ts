// Drives shoppers with autocannon: one connection = one shopper. The only file that imports autocannon.
// Each client gets its own one-entry request list bound to its Shopper, because autocannon resets the shared
// `context` whenever a request list wraps around and `setHeaders` only reaches the first request (issue #280).
import autocannon from 'autocannon';
import type { RequestRecord } from './history.ts';
import { seededRng } from './rng.ts';
import type { Scenario } from './scenario.ts';
import { Shopper, type Headers } from './shopper.ts';

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

export interface ShopperLoad {
  shoppers: Shopper[];
  /** Resolves when autocannon has finished (duration reached or stop()), with every open request cut. */
  done: Promise<void>;
  stop(): void;
}

export function runShoppers(options: ShopperLoadOptions): ShopperLoad {
  const shoppers: Shopper[] = [];
  const firstId = options.firstShopperId ?? 0;
  const setupClient = (client: autocannon.Client): void => {
    const id = firstId + shoppers.length;
    const shopper = new Shopper(id, options.scenario, options.products, seededRng(options.seed * 7919 + id), options.onRecord);
    shoppers.push(shopper);
    wireClient(client, shopper);
  };
  let instance: autocannon.Instance | undefined;
  const done = new Promise<void>((resolve, reject) => {
    instance = autocannon({
      url: options.url,
      connections: options.connections,
      duration: options.durationSec,
      timeout: options.timeoutSec,
      pipelining: 1,
      setupClient,
    }, (err: unknown) => {
      const now = Date.now();
      for (const shopper of shoppers) shopper.abandon(now, 'cut');
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve();
    });
  });
  return { shoppers, done, stop: () => instance?.stop() };
}

function wireClient(client: autocannon.Client, shopper: Shopper): void {
  // The typings only list some of the client's events; 'request' and 'timeout' are emitted by lib/httpClient.js.
  const events = client as unknown as NodeJS.EventEmitter;
  events.on('request', () => shopper.firstSent(Date.now()));
  // On a timeout autocannon reconnects and asks for the next request first, then emits 'timeout'.
  events.on('timeout', () => shopper.relabelLastAbandoned());
  // autocannon reports a connection error before it reconnects and asks for the next request; a refused
  // connection (a balancer restarting) carried nothing, so that request failed rather than went unanswered.
  events.on('connError', (err: NodeJS.ErrnoException) => { if (err.code === 'ECONNREFUSED') shopper.refused(Date.now()); });
  client.setRequests([{
    method: 'GET',
    path: '/',
    setupRequest: (request) => {
      const spec = shopper.next(Date.now());
      return { ...request, method: spec.method, path: spec.path, headers: spec.headers, body: spec.body ?? '' };
    },
    onResponse: (status, body, _context, headers) => {
      shopper.answered(Date.now(), status, body, (headers ?? {}) as Headers);
    },
  }]);
}
