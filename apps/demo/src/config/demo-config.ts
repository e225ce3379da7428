// `pnpm demo` flags (and REDIS_URL), read once, validated, frozen. A bad flag fails naming it and the accepted
// values, before anything starts. The demo's only reader of the environment.
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

export const DEMO_USAGE = `usage: pnpm demo [--port P] [--nodes N] [--no-traffic] [--engine E] [--left V] [--right V] [--redis single|ha] [--redis-url URL] [--help]
  --port P         dashboard on P, left shop on P+1, right shop on P+2 (default 8080; from 1024 up without root)
  --nodes N        shop nodes per column, 1..8 (default 3)
  --no-traffic     start with the background shoppers off
  --engine E       the balancers' proxy engine: ${ENGINES.join(' | ')} (default: the balancer's own)
  --left V         the left column's variant (default ${DEFAULT_COLUMNS[0]}); one of ${Object.keys(VARIANT_DESCRIPTORS).join(', ')}
  --right V        the right column's variant (default ${DEFAULT_COLUMNS[1]})
  --redis ha       the stateless column on a primary, a replica and three sentinels (Kill/Freeze primary buttons)
  --redis-url URL  use this Redis (redis://host:port) instead of starting one (also REDIS_URL)
  --help           this text`;

const DEFAULTS = { port: 8080, nodes: 3, traffic: true, help: false, engine: undefined, columns: DEFAULT_COLUMNS, redis: 'single' } as const;
const REDIS_MODES = ['single', 'ha'] as const;

export function loadDemoConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): DemoConfig {
  const config: { -readonly [K in keyof DemoConfig]: DemoConfig[K] } = { ...DEFAULTS, redisUrl: env.REDIS_URL || undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
    const value = (): string => {
      const raw = inline ?? argv[++i];
      if (raw === undefined || raw === '') fail(`${flag} needs a value`);
      return raw;
    };
    if (flag === '--help' || flag === '-h') config.help = true;
    else if (flag === '--no-traffic') config.traffic = false;
    else if (flag === '--port') config.port = int(flag, value(), 1, 65533);
    else if (flag === '--nodes') config.nodes = int(flag, value(), 1, 8);
    else if (flag === '--redis-url') config.redisUrl = redisUrl(value());
    else if (flag === '--redis') config.redis = oneOf(flag, value(), REDIS_MODES);
    else if (flag === '--engine') config.engine = oneOf(flag, value(), ENGINES);
    else if (flag === '--left') config.columns = [oneOf(flag, value(), Object.keys(VARIANT_DESCRIPTORS)), config.columns[1]];
    else if (flag === '--right') config.columns = [config.columns[0], oneOf(flag, value(), Object.keys(VARIANT_DESCRIPTORS))];
    else fail(`unknown flag "${flag}"; accepted: --port, --nodes, --no-traffic, --engine, --left, --right, --redis, --redis-url, --help`);
  }
  if (config.redis === 'ha') config.columns = onRedisHa(config.columns, config.redisUrl);
  if (config.columns[0] === config.columns[1]) fail(`--left and --right must differ (both are "${config.columns[0]}")`);
  if (config.redisUrl !== undefined) config.redisUrl = redisUrl(config.redisUrl);
  return Object.freeze(config);
}

/** `--redis ha`: the stateless column becomes `stateless-ha`; there must be one, and no outside Redis. */
function onRedisHa(columns: readonly [string, string], url: string | undefined): [string, string] {
  if (url !== undefined) fail('--redis ha starts its own primary, replica and sentinels: not with --redis-url / REDIS_URL');
  const mapped = columns.map((c) => (c === 'stateless' ? 'stateless-ha' : c)) as [string, string];
  if (!mapped.includes('stateless-ha')) fail(`--redis ha needs a stateless column (--left/--right stateless); got ${columns.join(', ')}`);
  return mapped;
}

function int(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) fail(`${flag} must be an integer ${min}..${max} (got "${raw}")`);
  return n;
}

function oneOf<T extends string>(flag: string, raw: string, accepted: readonly T[]): T {
  if (!accepted.includes(raw as T)) fail(`${flag} must be one of ${accepted.join(', ')} (got "${raw}")`);
  return raw as T;
}

function redisUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail(`--redis-url / REDIS_URL must be a URL like redis://127.0.0.1:6380 (got "${raw}")`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') fail(`--redis-url / REDIS_URL must start with redis:// or rediss:// (got "${raw}")`);
  return raw;
}

function fail(message: string): never {
  throw new DemoError('DEMO_ERR_FLAGS', message);
}
