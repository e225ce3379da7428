// The load generator's capacity on this machine, now: the same shoppers (autocannon + their bookkeeping)
// against a trivial node in a child process that answers at once. The node still takes CPU of the same machine,
// so the figure is a lower bound and the "generator near capacity" warning errs on the side of caution.
// two-balancers drives its shoppers with fetch loops (run-alternating.ts), slower than autocannon: it is
// calibrated with that driver, so its warning compares like with like.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { runAlternatingShoppers } from '../shoppers/run-alternating.ts';
import { runShoppers } from '../shoppers/run-shoppers.ts';
import type { RequestRecord } from '../shoppers/history.ts';
import { browseAndBuy } from '../shoppers/scenario.ts';

/** autocannon (run-shoppers.ts) or the fetch loops of run-alternating.ts. */
export type ShopperDriver = 'autocannon' | 'alternating';

export interface GeneratorCapacity {
  rps: number;
  driver: ShopperDriver;
  measuredAt: string;
  connections: number;
  durationSec: number;
}

/** Seconds of the calibration run before each experiment; its first second (warm-up) is not counted. */
export const CALIBRATION_SEC = 3;

// A cookie on the first answer, 200/201 with a tiny JSON body, x-served-by like a shop node; prints its port;
// exits when its parent goes (stdin closes), so it can never outlive the experiment.
const TRIVIAL_NODE = `
const server = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('x-served-by', 'trivial-1');
    res.setHeader('content-type', 'application/json');
    if (!req.headers.cookie) res.setHeader('set-cookie', 'shop.sid=bench; Path=/; HttpOnly');
    res.statusCode = req.url === '/api/checkout' ? 201 : 200;
    res.end('{"items":[]}');
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('end', () => process.exit(0)).resume();
`;

export async function measureGeneratorCapacity(
  connections: number, durationSec = CALIBRATION_SEC, driver: ShopperDriver = 'autocannon',
): Promise<GeneratorCapacity> {
  const node = spawn(process.execPath, ['-e', TRIVIAL_NODE], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const [line] = await once(createInterface({ input: node.stdout }), 'line') as [string];
    let counted = 0;
    const measuredAt = new Date().toISOString();
    const started = Date.now();
    const warm = started + 1000;
    const url = `http://127.0.0.1:${Number(line)}`;
    const common = {
      connections, durationSec, timeoutSec: 10, scenario: browseAndBuy, products: ['p1', 'p2', 'p3', 'p4', 'p5'],
      seed: 1,
      onRecord: (r: RequestRecord) => { if (r.end === 'ok' && r.endedAt >= warm) counted++; },
    };
    const load = driver === 'alternating'
      ? runAlternatingShoppers({ urls: [url, url], ...common })
      : runShoppers({ url, ...common });
    await load.done;
    const seconds = ((load.stoppedSendingAt() ?? Date.now()) - warm) / 1000;
    return { rps: Math.round(counted / Math.max(0.001, seconds)), driver, measuredAt, connections, durationSec };
  } finally {
    node.kill('SIGKILL');
  }
}
