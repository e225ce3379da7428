// `pnpm bench experiment`: how many requests per second the load generator (autocannon + the shopper
// bookkeeping) can push on this machine against a trivial node that answers at once. Experiments read the
// figure from reports/generator-capacity.json and warn when a run came within 80% of it.
import { writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { GENERATOR_CAPACITY_FILE } from '../src/experiments/environment.ts';
import type { RequestRecord } from '../src/shoppers/history.ts';
import { runShoppers } from '../src/shoppers/run-shoppers.ts';
import { browseAndBuy } from '../src/shoppers/scenario.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) { console.error(`${name} must be a positive integer`); process.exit(2); }
  return value;
};
const connections = flag('--connections', 50);
const durationSec = flag('--duration', 10);

// Trivial node: a cookie on the first answer, 200/201 with a tiny JSON body, x-served-by like a shop node.
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
const { port } = server.address() as AddressInfo;

let answered = 0;
const load = runShoppers({
  url: `http://127.0.0.1:${port}`, connections, durationSec, timeoutSec: 10, scenario: browseAndBuy,
  products: ['p1', 'p2', 'p3', 'p4', 'p5'], seed: 1, onRecord: (r: RequestRecord) => { if (r.end === 'ok') answered++; },
});
const started = Date.now();
await load.done;
const rps = Math.round(answered / ((Date.now() - started) / 1000));
server.close();

mkdirSync(`${root}/reports`, { recursive: true });
writeFileSync(`${root}/${GENERATOR_CAPACITY_FILE}`, `${JSON.stringify({ rps, connections, durationSec, measuredAt: new Date().toISOString() }, null, 2)}\n`);
console.log(`load generator capacity: ${rps} req/s (${connections} connections, ${durationSec} s, trivial node, same process)`);
console.log(`written to ${GENERATOR_CAPACITY_FILE}; experiments warn when a run reaches 80% of it`);
