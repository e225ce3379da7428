// `pnpm bench experiment`: how many requests per second the load generator (autocannon + the shopper
// bookkeeping) can push on this machine against a trivial node that answers at once, over a longer run than
// the calibration every experiment makes before its load (which is what experiments use for their warning).
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GENERATOR_CAPACITY_FILE } from '../src/experiments/environment.ts';
import { measureGeneratorCapacity } from '../src/generator/measure-capacity.ts';

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

const { rps } = await measureGeneratorCapacity(connections, durationSec);

mkdirSync(`${root}/reports`, { recursive: true });
writeFileSync(`${root}/${GENERATOR_CAPACITY_FILE}`, `${JSON.stringify({ rps, connections, durationSec, measuredAt: new Date().toISOString() }, null, 2)}\n`);
console.log(`load generator capacity: ${rps} req/s (${connections} connections, ${durationSec} s, trivial node, same process)`);
console.log(`written to ${GENERATOR_CAPACITY_FILE}`);
