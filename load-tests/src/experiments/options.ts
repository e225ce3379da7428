// `pnpm experiment <name> [flags]`: parsed once, validated, frozen. A bad flag fails naming the flag and the
// accepted values; nothing is started before the options are known to be good.
import {
  HELP_OPTION, defineOptions, helpText, intIn, oneOf, parseOptions, pickCommand, type ParsedCommandLine,
} from '@stateshift/cli';
import { ENGINES, type Engine } from '@stateshift/cluster';
import { z } from 'zod';
import { experimentByName } from './definitions.ts';
import { ExperimentError } from './experiment-error.ts';
import { VARIANT_SETS, type ExperimentVariant } from './variant-sets.ts';

const VARIANT_CHOICES = ['stateful', 'stateless', 'replicated', 'both', 'all'] as const;

export interface ExperimentOptions {
  name: string;
  variants: ExperimentVariant[];
  nodes: number;
  connections: number;
  durationSec: number;
  faultAtSec: number;
  /** Seconds a timed fault lasts (freeze, Redis outage, drain grace); undefined = the experiment's default. */
  faultLengthSec: number | undefined;
  /** Seconds autocannon waits for an answer before it counts a timeout. */
  timeoutSec: number;
  out: string;
  seed: number;
  /** True when --nodes was given (scale-out otherwise starts with 2). */
  nodesGiven: boolean;
  /** Runs of each variant, interleaved (stateful, stateless, stateful, ...). */
  repeat: number;
  /** The balancer's engine. */
  engine: Engine;
  /** Sessions the memory probe creates after the read-back (0: off); undefined = DEFAULT_SESSION_PROBE. */
  sessionProbe?: number;
}

/** The engine experiments use unless --engine says otherwise: the cheapest per request measured (README). */
export const DEFAULT_ENGINE: Engine = 'raw';

export const DEFAULT_OPTIONS: Readonly<Omit<ExperimentOptions, 'name'>> =
  Object.freeze<Omit<ExperimentOptions, 'name'>>({
    variants: ['stateful', 'stateless'], nodes: 3, connections: 50, durationSec: 30, faultAtSec: 10,
    faultLengthSec: undefined, timeoutSec: 10, out: 'reports', seed: 1, nodesGiven: false, repeat: 1,
    engine: DEFAULT_ENGINE,
  });

const NONEMPTY = z.string().refine((raw) => raw.trim() !== '').describe('a directory path');
const VARIANT = oneOf(VARIANT_CHOICES).transform((raw) => VARIANT_SETS[raw] ?? [raw as ExperimentVariant])
  .describe(`one of ${VARIANT_CHOICES.join(' | ')}`);

const D = DEFAULT_OPTIONS;

/** The flags of `pnpm experiment <name>`; --help is generated from it. */
const EXPERIMENT_FLAGS = defineOptions([
  { name: '--variant', type: 'string', schema: VARIANT, default: undefined, placeholder: 'v',
    description: 'which variants: stateful | stateless | replicated | both | all (default both)' },
  { name: '--nodes', type: 'string', schema: intIn(1, 16), default: D.nodes, placeholder: 'n',
    description: 'shop nodes per variant (scale-out: 2 to start)' },
  { name: '--connections', type: 'string', schema: intIn(1, 1000), default: D.connections, placeholder: 'n',
    description: 'concurrent shoppers' },
  { name: '--duration', type: 'string', schema: intIn(1, 3600), default: D.durationSec, placeholder: 's',
    description: 'seconds of load per variant' },
  { name: '--fault-at', type: 'string', schema: intIn(0, 3600), default: D.faultAtSec, placeholder: 's',
    description: 'second the fault starts' },
  { name: '--fault-length', type: 'string', schema: intIn(1, 3600), default: undefined, placeholder: 's',
    description: "seconds a timed fault lasts (freeze, Redis outage, drain grace; default: the experiment's own)" },
  { name: '--timeout', type: 'string', schema: intIn(1, 120), default: D.timeoutSec, placeholder: 's',
    description: 'seconds before a request counts as timed out' },
  { name: '--seed', type: 'string', schema: intIn(0, 2 ** 31 - 1), default: D.seed, placeholder: 'n',
    description: "seed of the shoppers' choices" },
  { name: '--repeat', type: 'string', schema: intIn(1, 20), default: D.repeat, placeholder: 'n',
    description: 'runs of each variant, interleaved' },
  { name: '--engine', type: 'string', schema: oneOf(ENGINES), default: D.engine, placeholder: 'e',
    description: "the balancer's engine" },
  { name: '--session-probe', type: 'string', schema: intIn(0, 100_000), default: undefined, placeholder: 'n',
    description: 'sessions the memory probe creates after the read-back (0: off; default: the probe\'s own)' },
  { name: '--out', type: 'string', schema: NONEMPTY, default: D.out, placeholder: 'dir',
    description: 'where the run folder is written' },
  HELP_OPTION,
]);

/** `pnpm experiment --help`, from the flag table. */
export function experimentHelp(names: readonly string[]): string {
  return helpText('pnpm experiment <name> [flags]', EXPERIMENT_FLAGS, [
    { title: 'experiments', rows: names.map((n) => [n, experimentByName(n)?.fault ?? '']) },
  ]);
}

/** `names`: the accepted experiment names. Throws ExperimentError (EXPERIMENT_ERR_OPTIONS / _UNKNOWN), whose cause
 *  is the CliError naming the flag, the value and the accepted values. */
export function parseExperimentArgs(argv: readonly string[], names: readonly string[]): Readonly<ExperimentOptions> {
  const [word, ...rest] = argv[0] === '--' ? argv.slice(1) : argv;
  if (!word || word.startsWith('-')) {
    fail('EXPERIMENT_ERR_OPTIONS', `name the experiment: pnpm experiment <${names.join('|')}> [flags]`);
  }
  let name: string;
  let parsed: ParsedCommandLine<typeof EXPERIMENT_FLAGS>;
  try {
    name = pickCommand(word, names, 'experiment');
  } catch (err) {
    fail('EXPERIMENT_ERR_UNKNOWN', (err as Error).message, err);
  }
  try {
    parsed = parseOptions(rest, EXPERIMENT_FLAGS);
  } catch (err) {
    fail('EXPERIMENT_ERR_OPTIONS', (err as Error).message, err);
  }
  const v = parsed.values;
  return validate({
    ...D, name, variants: v.variant ?? D.variants, nodes: v.nodes, connections: v.connections,
    durationSec: v.duration, faultAtSec: v['fault-at'], faultLengthSec: v['fault-length'], timeoutSec: v.timeout,
    out: v.out, seed: v.seed, nodesGiven: parsed.given.has('nodes'), repeat: v.repeat, engine: v.engine,
    ...(v['session-probe'] === undefined ? {} : { sessionProbe: v['session-probe'] }),
  });
}

function validate(options: ExperimentOptions): Readonly<ExperimentOptions> {
  const hasFault = (experimentByName(options.name)?.steps.length ?? 0) > 0;
  if (hasFault && options.faultAtSec >= options.durationSec) {
    fail(
      'EXPERIMENT_ERR_OPTIONS',
      `--fault-at must be below --duration (got --fault-at ${options.faultAtSec}, --duration ${options.durationSec})`,
    );
  }
  return Object.freeze(options);
}

function fail(code: 'EXPERIMENT_ERR_OPTIONS' | 'EXPERIMENT_ERR_UNKNOWN', message: string, cause?: unknown): never {
  throw new ExperimentError(code, message, cause === undefined ? undefined : { cause });
}
