// `pnpm demo` flags (and REDIS_URL), read once, validated, frozen. A bad flag fails naming it and the accepted
// values, before anything starts. The demo's only reader of the environment. --help comes from DEMO_FLAGS.
import { HELP_OPTION, defineOptions, helpText, intIn, oneOf, parseOptions, textWhere } from '@stateshift/cli';
import { DEFAULT_COLUMNS, VARIANT_DESCRIPTORS } from '../columns/variant-descriptor.ts';
import { DemoError } from '../errors.ts';

import { ENGINES, type Engine } from '@stateshift/cluster';

export interface DemoConfig {
  /** Dashboard on port, stateful shop on port+1, stateless shop on port+2. */
  readonly port: number;
  readonly nodes: number;
  readonly traffic: boolean;
  readonly redisUrl: string | undefined;
  /** `ha`: the stateless column runs on Redis HA (its variant becomes `stateless-ha`). */
  readonly redis: 'single' | 'ha';
  /** The balancers' engine; undefined = the balancer's default. */
  readonly engine: Engine | undefined;
  /** The variant of the left and the right column (ids of VARIANT_DESCRIPTORS). */
  readonly columns: readonly [string, string];
  readonly help: boolean;
}

const VARIANTS = Object.keys(VARIANT_DESCRIPTORS);
const REDIS_URL = textWhere('a URL like redis://127.0.0.1:6380 (redis:// or rediss://)', isRedisUrl);

/** The flags of `pnpm demo`. */
export const DEMO_FLAGS = defineOptions([
  { name: '--port', type: 'string', schema: intIn(1, 65533), default: 8080, placeholder: 'P',
    description: 'dashboard on P, left shop on P+1, right shop on P+2 (from 1024 up without root)' },
  { name: '--nodes', type: 'string', schema: intIn(1, 8), default: 3, placeholder: 'N',
    description: 'shop nodes per column' },
  { name: '--no-traffic', type: 'boolean', description: 'start with the background shoppers off' },
  { name: '--engine', type: 'string', schema: oneOf(ENGINES), default: undefined, placeholder: 'E',
    description: "the balancers' proxy engine (default: the balancer's own)" },
  { name: '--left', type: 'string', schema: oneOf(VARIANTS), default: DEFAULT_COLUMNS[0], placeholder: 'V',
    description: "the left column's variant" },
  { name: '--right', type: 'string', schema: oneOf(VARIANTS), default: DEFAULT_COLUMNS[1], placeholder: 'V',
    description: "the right column's variant" },
  { name: '--redis', type: 'string', schema: oneOf(['single', 'ha']), default: 'single', placeholder: 'mode',
    description: "the stateless column's Redis; ha: a primary, a replica and three sentinels (Kill/Freeze primary)" },
  { name: '--redis-url', type: 'string', schema: REDIS_URL, default: undefined, placeholder: 'URL',
    description: 'use this Redis instead of starting one (also REDIS_URL)' },
  HELP_OPTION,
]);

// What follows `pnpm demo` in each example of --help (a test parses each one).
const EXAMPLES = `
  --port 9000                               dashboard on 9000, shops on 9001 and 9002
  --nodes 2                                 two shop nodes per column
  --no-traffic                              background shoppers off until switched on in the dashboard
  --redis ha                                the stateless column on Redis HA: kill or freeze its primary
  --left stateful-table --right stateful    the balancer's affinity table against signed cookies
  --right replicated                        stateful beside replicated: in-memory carts, without and with replication`;

export const DEMO_USAGE = helpText('pnpm demo [flags]', DEMO_FLAGS, [{
  title: 'examples',
  rows: EXAMPLES.trim().split('\n').map((line) => {
    const [args = '', what = ''] = line.trim().split(/\s{2,}/);
    return [`pnpm demo ${args}`, what] as const;
  }),
}]);

export function loadDemoConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): DemoConfig {
  let values;
  try {
    values = parseOptions(argv, DEMO_FLAGS).values;
  } catch (err) {
    fail((err as Error).message, err);
  }
  const envUrl = env.REDIS_URL || undefined;
  if (envUrl !== undefined && !isRedisUrl(envUrl)) {
    fail(`--redis-url / REDIS_URL must be ${REDIS_URL.description} (got "${envUrl}")`);
  }
  const redisUrl = values['redis-url'] ?? envUrl;
  let columns: [string, string] = [values.left, values.right];
  if (values.redis === 'ha') columns = onRedisHa(columns, redisUrl);
  if (columns[0] === columns[1]) fail(`--left and --right must differ (both are "${columns[0]}")`);
  return Object.freeze({
    port: values.port, nodes: values.nodes, traffic: !values['no-traffic'], redisUrl, help: values.help,
    engine: values.engine, columns, redis: values.redis,
  });
}

/** `--redis ha`: the stateless column becomes `stateless-ha`; there must be one, and no outside Redis. */
function onRedisHa(columns: readonly [string, string], url: string | undefined): [string, string] {
  if (url !== undefined) {
    fail('--redis ha starts its own primary, replica and sentinels: not with --redis-url / REDIS_URL');
  }
  const mapped = columns.map((c) => (c === 'stateless' ? 'stateless-ha' : c)) as [string, string];
  if (!mapped.includes('stateless-ha')) {
    fail(`--redis ha needs a stateless column (--left/--right stateless); got ${columns.join(', ')}`);
  }
  return mapped;
}

function isRedisUrl(raw: string): boolean {
  try {
    const { protocol } = new URL(raw);
    return protocol === 'redis:' || protocol === 'rediss:';
  } catch {
    return false;
  }
}

function fail(message: string, cause?: unknown): never {
  throw new DemoError('DEMO_ERR_FLAGS', message, cause === undefined ? undefined : { cause });
}
