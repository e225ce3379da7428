// The load generator's capacity on this machine, now: the same shoppers (autocannon + their bookkeeping)
// against a trivial in-process node that answers at once. It shares the generator's process, so the figure is
// a lower bound and the "generator near capacity" warning errs on the side of caution.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runShoppers } from '../shoppers/run-shoppers.ts';
import { browseAndBuy } from '../shoppers/scenario.ts';

export interface GeneratorCapacity {
  rps: number;
  measuredAt: string;
  connections: number;
  durationSec: number;
}

/** Seconds of the calibration run before each experiment. */
export const CALIBRATION_SEC = 2;

export async function measureGeneratorCapacity(connections: number, durationSec = CALIBRATION_SEC): Promise<GeneratorCapacity> {
  // A cookie on the first answer, 200/201 with a tiny JSON body, x-served-by like a shop node.
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('x-served-by', 'trivial-1');
      res.setHeader('content-type', 'application/json');
      if (!req.headers.cookie) res.setHeader('set-cookie', 'shop.sid=bench; Path=/; HttpOnly');
      res.statusCode = req.url === '/api/checkout' ? 201 : 200;
      res.end('{"items":[]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    let answered = 0;
    const measuredAt = new Date().toISOString();
    const started = Date.now();
    const load = runShoppers({
      url: `http://127.0.0.1:${port}`, connections, durationSec, timeoutSec: 10, scenario: browseAndBuy,
      products: ['p1', 'p2', 'p3', 'p4', 'p5'], seed: 1, onRecord: (r) => { if (r.end === 'ok') answered++; },
    });
    await load.done;
    const seconds = ((load.stoppedSendingAt() ?? Date.now()) - started) / 1000;
    return { rps: Math.round(answered / Math.max(0.001, seconds)), measuredAt, connections, durationSec };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
