// The clean ending, on real sockets: at --duration the shoppers send nothing new and wait for the answers in
// flight; an answer that never comes is a timeout (indeterminate), never "cut". Both drivers: autocannon's
// (run-shoppers.ts) and the fetch loops that alternate between balancers (run-alternating.ts, two-balancers).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../src/shoppers/history.ts';
import { runAlternatingShoppers } from '../src/shoppers/run-alternating.ts';
import { runShoppers } from '../src/shoppers/run-shoppers.ts';
import { browseAndBuy } from '../src/shoppers/scenario.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A node that answers every request `delayMs` late, and never answers once `silentAfter` returns true. */
async function slowNode(delayMs: number, silent: () => boolean = () => false): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    if (silent()) return;
    setTimeout(() => {
      res.setHeader('x-served-by', 'slow-1');
      res.setHeader('content-type', 'application/json');
      if (!req.headers.cookie) res.setHeader('set-cookie', 'shop.sid=s; Path=/');
      res.statusCode = req.url === '/api/checkout' ? 201 : 200;
      res.end(req.url === '/api/checkout' ? '{"orderId":"o","items":[],"totalCents":0}' : '{"items":[]}');
    }, delayMs);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const DRIVERS = {
  autocannon: (url: string, common: Omit<Parameters<typeof runShoppers>[0], 'url'>) => runShoppers({ url, ...common }),
  // The same node twice: what is checked here is the ending, not the alternation.
  alternating: (url: string, common: Omit<Parameters<typeof runShoppers>[0], 'url'>) =>
    runAlternatingShoppers({ urls: [url, url], ...common }),
};

describe.each(Object.keys(DRIVERS) as (keyof typeof DRIVERS)[])('shoppers (%s) › clean ending', (driver) => {
  function load(url: string, timeoutSec: number) {
    const records: RequestRecord[] = [];
    const shoppers = DRIVERS[driver](url, {
      connections: 4, durationSec: 1, timeoutSec, scenario: browseAndBuy, products: ['p1', 'p2'], seed: 3,
      onRecord: (r) => records.push(r),
    });
    return { records, shoppers };
  }

  it('waits for the answers in flight at --duration: none is cut, none sent after, and some arrive after', async () => {
    const url = await slowNode(300);
    const { records, shoppers } = load(url, 5);
    await shoppers.done;
    const stopped = shoppers.stoppedSendingAt();
    expect(stopped).toBeDefined();
    expect(records.filter((r) => r.end === 'cut')).toEqual([]);
    expect(records.filter((r) => r.sentAt > stopped!)).toEqual([]);
    expect(records.filter((r) => r.endedAt > stopped!).length).toBeGreaterThan(0);
    expect(records.every((r) => r.end === 'ok')).toBe(true);
    // Every shopper's last request was answered: nothing is left pending to count as indeterminate.
    for (const s of shoppers.shoppers) expect(s.writes.filter((w) => w.outcome === 'indeterminate')).toEqual([]);
  }, 20_000);

  it('an answer that never comes ends as a timeout within --timeout of the stop, not as cut', async () => {
    let stopSending = false;
    const url = await slowNode(50, () => stopSending);
    const { records, shoppers } = load(url, 1);
    setTimeout(() => { stopSending = true; }, 800).unref();
    await shoppers.done;
    const stopped = shoppers.stoppedSendingAt()!;
    const unanswered = records.filter((r) => r.end !== 'ok');
    expect(unanswered.length).toBeGreaterThan(0);
    expect(unanswered.every((r) => r.end === 'timeout')).toBe(true);
    expect(Math.max(...records.map((r) => r.endedAt)) - stopped).toBeLessThanOrEqual(1_000 + 2_000);
  }, 20_000);
});
