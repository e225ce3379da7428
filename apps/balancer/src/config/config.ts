// Reads the balancer's configuration once from flags and environment variables, validates it and freezes it.
// A bad value fails at once with LB_ERR_CONFIG naming the flag, its variable and the accepted values.
import { parseArgs } from 'node:util';
import { LbError } from '../errors.ts';
import { FLAGS, type FlagSpec } from './flags.ts';
import { parseUpstream, type UpstreamSpec } from './upstream-spec.ts';

import type { AFFINITY_VALUES, ENGINE_VALUES, STICKY_MISS_VALUES, STRATEGY_VALUES } from './values.ts';

export type StrategyName = (typeof STRATEGY_VALUES)[number];
export type StickyMiss = (typeof STICKY_MISS_VALUES)[number];
export type EngineName = (typeof ENGINE_VALUES)[number];
export type AffinityModeName = (typeof AFFINITY_VALUES)[number];

export interface BalancerConfig {
  readonly host: string;
  readonly port: number;
  readonly adminPort: number;
  readonly strategy: StrategyName;
  readonly stickyMiss: StickyMiss;
  readonly upstreams: readonly UpstreamSpec[];
  readonly adminToken: string | undefined;
  readonly cookieName: string;
  readonly affinity: AffinityModeName;
  /** The raw --affinity-secret value; use affinitySecrets. */
  readonly affinitySecret: string | undefined;
  /** The first seals, every one opens; undefined: none given (the built-in development secret is used). */
  readonly affinitySecrets: readonly string[] | undefined;
  readonly affinityMaxIdleSec: number;
  readonly affinityCapacity: number;
  readonly healthPath: string;
  readonly healthIntervalMs: number;
  readonly healthTimeoutMs: number;
  readonly healthFall: number;
  readonly healthRise: number;
  readonly upstreamTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly retries: number;
  readonly bodyLimit: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** A client that takes none of its answer's bytes for this long is cut (HAProxy's `timeout client`). */
  readonly clientTimeoutMs: number;
  readonly upstreamIdleMs: number;
  readonly drainTimeoutMs: number;
  readonly engine: EngineName;
  readonly logLevel: string;
}

type Raw = Record<string, string | string[] | undefined>;

/** `argv` without node and script; `env` is process.env or a plain object. Flags win over variables. */
export function loadConfig(argv: readonly string[] = [], env: Record<string, string | undefined> = {}): BalancerConfig {
  const raw = readRaw(argv, env);
  const values: Record<string, unknown> = {};
  for (const spec of FLAGS) values[spec.key] = convert(spec, raw[spec.flag]);
  const upstreamList = raw.upstream;
  const upstreams = (Array.isArray(upstreamList) ? upstreamList : []).map((value, i) => parseUpstream(value, i));
  const ids = new Set<string>();
  for (const u of upstreams) {
    if (ids.has(u.id)) throw configError('upstream', `duplicate upstream id "${u.id}"`);
    ids.add(u.id);
  }
  const affinitySecrets = parseSecrets(values.affinitySecret as string | undefined);
  const config = { ...values, affinitySecrets, upstreams: Object.freeze(upstreams) } as unknown as BalancerConfig;
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    throw configError('headers-timeout', `must not exceed --request-timeout (${config.requestTimeoutMs})`);
  }
  return Object.freeze(config);
}

const SECRET = /^[\x21-\x2b\x2d-\x7e]{16,}$/;

/** Comma-separated; each at least 16 printable characters without spaces or commas. Never echoed. */
function parseSecrets(value: string | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const secrets = value.split(',').map((s) => s.trim());
  const bad = secrets.findIndex((s) => !SECRET.test(s));
  if (bad >= 0) {
    throw configError(
      'affinity-secret',
      `secret number ${bad + 1} of ${secrets.length} must be at least 16 printable characters, ` +
        'no spaces or commas (comma-separated list: the first seals, all open)',
      'LB_AFFINITY_SECRET',
    );
  }
  return Object.freeze(secrets);
}

function readRaw(argv: readonly string[], env: Record<string, string | undefined>): Raw {
  const options: Record<string, { type: 'string'; multiple?: boolean }> = {
    upstream: { type: 'string', multiple: true },
  };
  for (const spec of FLAGS) options[spec.flag] = { type: 'string' };
  let parsed: Raw;
  try {
    // `pnpm --filter … start -- --port 8081` hands the `--` through; it is not an end of options here.
    const args = argv[0] === '--' ? argv.slice(1) : [...argv];
    parsed = parseArgs({ args, options, strict: true, allowPositionals: false }).values as Raw;
  } catch (err) {
    const accepted = ['upstream', ...FLAGS.map((f) => f.flag)].map((f) => `--${f}`).join(', ');
    throw new LbError('LB_ERR_CONFIG', `${(err as Error).message}; accepted flags: ${accepted}`);
  }
  for (const spec of FLAGS) {
    const fromEnv = env[spec.env];
    if (parsed[spec.flag] === undefined && fromEnv !== undefined && fromEnv !== '') parsed[spec.flag] = fromEnv;
  }
  if (parsed.upstream === undefined && env.LB_UPSTREAMS) {
    parsed.upstream = env.LB_UPSTREAMS.split(',').map((s) => s.trim()).filter(Boolean);
  }
  return parsed;
}

function convert(spec: FlagSpec, value: string | string[] | undefined): unknown {
  const text = Array.isArray(value) ? value.at(-1) : value;
  if (text === undefined) return spec.default;
  if (spec.kind === 'enum') {
    if (!spec.values.includes(text)) {
      throw configError(spec.flag, `must be one of ${spec.values.join('|')} (got "${text}")`, spec.env);
    }
    return text;
  }
  if (spec.kind === 'string') {
    if (spec.pattern && !spec.pattern.test(text)) {
      throw configError(spec.flag, `must match ${spec.pattern} (got "${text}")`, spec.env);
    }
    return text;
  }
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < spec.min || n > spec.max) {
    throw configError(spec.flag, `must be an integer from ${spec.min} to ${spec.max} (got "${text}")`, spec.env);
  }
  return n;
}

function configError(flag: string, message: string, envName?: string): LbError {
  return new LbError('LB_ERR_CONFIG', `--${flag}${envName ? ` (${envName})` : ''} ${message}`);
}
