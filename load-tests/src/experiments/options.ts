// `pnpm experiment <name> [flags]`: parsed once, validated, frozen. A bad flag fails naming the flag and the
// accepted values; nothing is started before the options are known to be good.
import { ENGINES, type Engine } from '@stateshift/cluster';
import { experimentByName } from './definitions.ts';
import { ExperimentError } from './experiment-error.ts';
import { VARIANT_SETS, type ExperimentVariant } from './variant-sets.ts';

export const VARIANT_CHOICES = ['stateful', 'stateless', 'replicated', 'both', 'all'] as const;

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

interface Flag {
  name: string;
  /** Parse and validate one value; throw a message naming the accepted values. */
  parse(raw: string): unknown;
  key: keyof ExperimentOptions;
}

const int = (min: number, max: number) => (raw: string): number => {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(n) || n < min || n > max) throw `an integer ${min}..${max}`;
  return n;
};

const FLAGS: readonly Flag[] = [
  { name: '--variant', key: 'variants', parse: (raw) => {
    if (!(VARIANT_CHOICES as readonly string[]).includes(raw)) throw VARIANT_CHOICES.join(' | ');
    return VARIANT_SETS[raw] ?? [raw];
  } },
  { name: '--nodes', key: 'nodes', parse: int(1, 16) },
  { name: '--connections', key: 'connections', parse: int(1, 1000) },
  { name: '--duration', key: 'durationSec', parse: int(1, 3600) },
  { name: '--fault-at', key: 'faultAtSec', parse: int(0, 3600) },
  { name: '--fault-length', key: 'faultLengthSec', parse: int(1, 3600) },
  { name: '--timeout', key: 'timeoutSec', parse: int(1, 120) },
  { name: '--seed', key: 'seed', parse: int(0, 2 ** 31 - 1) },
  { name: '--repeat', key: 'repeat', parse: int(1, 20) },
  { name: '--engine', key: 'engine', parse: (raw) => { if (!(ENGINES as readonly string[]).includes(raw)) throw ENGINES.join(' | '); return raw; } },
  { name: '--session-probe', key: 'sessionProbe', parse: int(0, 100_000) },
  { name: '--out', key: 'out', parse: (raw) => { if (!raw.trim()) throw 'a directory path'; return raw; } },
];

export const DEFAULT_OPTIONS: Readonly<Omit<ExperimentOptions, 'name'>> = Object.freeze<Omit<ExperimentOptions, 'name'>>({
  variants: ['stateful', 'stateless'], nodes: 3, connections: 50, durationSec: 30, faultAtSec: 10,
  faultLengthSec: undefined, timeoutSec: 10, out: 'reports', seed: 1, nodesGiven: false, repeat: 1, engine: DEFAULT_ENGINE,
});

/** `names`: the accepted experiment names. Throws ExperimentError (EXPERIMENT_ERR_OPTIONS / _UNKNOWN). */
export function parseExperimentArgs(argv: readonly string[], names: readonly string[]): Readonly<ExperimentOptions> {
  const [name, ...rest] = argv;
  if (!name || name.startsWith('-')) fail('EXPERIMENT_ERR_OPTIONS', `name the experiment: pnpm experiment <${names.join('|')}> [flags]`);
  if (!names.includes(name)) fail('EXPERIMENT_ERR_UNKNOWN', `unknown experiment "${name}"; accepted: ${names.join(', ')}`);
  const options: Record<string, unknown> = { ...DEFAULT_OPTIONS, name };
  for (let i = 0; i < rest.length; i++) {
    const [flagName = '', inline] = (rest[i] ?? '').split(/=(.*)/s, 2);
    const flag = FLAGS.find((f) => f.name === flagName);
    if (!flag) fail('EXPERIMENT_ERR_OPTIONS', `unknown flag "${flagName}"; accepted: ${FLAGS.map((f) => f.name).join(', ')}`);
    const raw = inline ?? rest[++i];
    if (raw === undefined) fail('EXPERIMENT_ERR_OPTIONS', `${flag.name} needs a value`);
    try {
      options[flag.key] = flag.parse(raw);
    } catch (accepted) {
      fail('EXPERIMENT_ERR_OPTIONS', `${flag.name} must be ${String(accepted)} (got "${raw}")`);
    }
    if (flag.key === 'nodes') options.nodesGiven = true;
  }
  return validate(options as unknown as ExperimentOptions);
}

function validate(options: ExperimentOptions): Readonly<ExperimentOptions> {
  const hasFault = (experimentByName(options.name)?.steps.length ?? 0) > 0;
  if (hasFault && options.faultAtSec >= options.durationSec) {
    fail('EXPERIMENT_ERR_OPTIONS', `--fault-at must be below --duration (got --fault-at ${options.faultAtSec}, --duration ${options.durationSec})`);
  }
  return Object.freeze(options);
}

function fail(code: 'EXPERIMENT_ERR_OPTIONS' | 'EXPERIMENT_ERR_UNKNOWN', message: string): never {
  throw new ExperimentError(code, message);
}
