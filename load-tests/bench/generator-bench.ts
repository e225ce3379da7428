// `pnpm bench experiment`: how many requests per second the load generator (autocannon + the shopper
// bookkeeping) can push on this machine against a trivial node that answers at once, over a longer run than
// the calibration every experiment makes before its load (which is what experiments use for their warning).
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HELP_OPTION, defineOptions, intIn, readFlagsOrExit } from '@stateshift/cli';
import { GENERATOR_CAPACITY_FILE } from '../src/experiments/environment.ts';
import { measureGeneratorCapacity } from '../src/generator/measure-capacity.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FLAGS = defineOptions([
  { name: '--connections', type: 'string', schema: intIn(1, 10_000), default: 50, placeholder: 'n',
    description: 'autocannon connections' },
  { name: '--duration', type: 'string', schema: intIn(1, 3600), default: 10, placeholder: 's',
    description: 'seconds of load' },
  HELP_OPTION,
]);
const flags = readFlagsOrExit(process.argv.slice(2), FLAGS, 'pnpm bench experiment [flags]');
const { connections, duration: durationSec } = flags;

const { rps } = await measureGeneratorCapacity(connections, durationSec);

mkdirSync(`${root}/reports`, { recursive: true });
writeFileSync(
  `${root}/${GENERATOR_CAPACITY_FILE}`,
  `${JSON.stringify({ rps, connections, durationSec, measuredAt: new Date().toISOString() }, null, 2)}\n`,
);
console.log(
  `load generator capacity: ${rps} req/s (${connections} connections, ${durationSec} s, trivial node, same process)`,
);
console.log(`written to ${GENERATOR_CAPACITY_FILE}`);
