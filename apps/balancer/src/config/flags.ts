// The balancer's flags: name, environment variable, kind, default and accepted range. Data, not logic.
import { AFFINITY_VALUES, ENGINE_VALUES, STICKY_MISS_VALUES, STRATEGY_VALUES } from './values.ts';

export type FlagSpec = { flag: string; env: string; key: string } & (
  | { kind: 'int'; default: number; min: number; max: number }
  | { kind: 'enum'; default: string; values: readonly string[] }
  | { kind: 'string'; default: string | undefined; pattern?: RegExp }
);

const PORT = { kind: 'int', min: 0, max: 65535 } as const;
const MS = (def: number, min = 1, max = 3_600_000) => ({ kind: 'int', default: def, min, max }) as const;

export const FLAGS: readonly FlagSpec[] = [
  { flag: 'host', env: 'LB_HOST', key: 'host', kind: 'string', default: '127.0.0.1', pattern: /^[\w.:-]+$/ },
  { flag: 'port', env: 'LB_PORT', key: 'port', ...PORT, default: 8081 },
  { flag: 'admin-port', env: 'LB_ADMIN_PORT', key: 'adminPort', ...PORT, default: 9081 },
  { flag: 'strategy', env: 'LB_STRATEGY', key: 'strategy',
    kind: 'enum', default: 'round-robin', values: STRATEGY_VALUES },
  { flag: 'sticky-miss', env: 'LB_STICKY_MISS', key: 'stickyMiss',
    kind: 'enum', default: 'continue', values: STICKY_MISS_VALUES },
  { flag: 'admin-token', env: 'LB_ADMIN_TOKEN', key: 'adminToken',
    kind: 'string', default: undefined, pattern: /^[\x21-\x7e]{8,}$/ },
  { flag: 'cookie-name', env: 'LB_COOKIE_NAME', key: 'cookieName',
    kind: 'string', default: 'ss_lb', pattern: /^[A-Za-z0-9_-]{1,64}$/ },
  // Affinity (sticky only): how a pin is kept. The secret is checked in config.ts, never echoed in an error.
  { flag: 'affinity', env: 'LB_AFFINITY', key: 'affinity', kind: 'enum', default: 'signed', values: AFFINITY_VALUES },
  { flag: 'affinity-secret', env: 'LB_AFFINITY_SECRET', key: 'affinitySecret', kind: 'string', default: undefined },
  { flag: 'affinity-max-idle', env: 'LB_AFFINITY_MAX_IDLE', key: 'affinityMaxIdleSec',
    kind: 'int', default: 1800, min: 1, max: 31_536_000 },
  { flag: 'affinity-capacity', env: 'LB_AFFINITY_CAPACITY', key: 'affinityCapacity',
    kind: 'int', default: 200_000, min: 1, max: 10_000_000 },
  { flag: 'health-path', env: 'LB_HEALTH_PATH', key: 'healthPath',
    kind: 'string', default: '/readyz', pattern: /^\/[\x21-\x7e]*$/ },
  { flag: 'health-interval', env: 'LB_HEALTH_INTERVAL_MS', key: 'healthIntervalMs', ...MS(1000, 0) },
  { flag: 'health-timeout', env: 'LB_HEALTH_TIMEOUT_MS', key: 'healthTimeoutMs', ...MS(500) },
  { flag: 'health-fall', env: 'LB_HEALTH_FALL', key: 'healthFall', kind: 'int', default: 2, min: 1, max: 100 },
  { flag: 'health-rise', env: 'LB_HEALTH_RISE', key: 'healthRise', kind: 'int', default: 2, min: 1, max: 100 },
  { flag: 'upstream-timeout', env: 'LB_UPSTREAM_TIMEOUT_MS', key: 'upstreamTimeoutMs', ...MS(10_000) },
  { flag: 'connect-timeout', env: 'LB_CONNECT_TIMEOUT_MS', key: 'connectTimeoutMs', ...MS(1000) },
  { flag: 'retries', env: 'LB_RETRIES', key: 'retries', kind: 'int', default: 2, min: 0, max: 10 },
  { flag: 'body-limit', env: 'LB_BODY_LIMIT', key: 'bodyLimit',
    kind: 'int', default: 1_048_576, min: 0, max: 1_073_741_824 },
  { flag: 'headers-timeout', env: 'LB_HEADERS_TIMEOUT_MS', key: 'headersTimeoutMs', ...MS(10_000, 100) },
  { flag: 'request-timeout', env: 'LB_REQUEST_TIMEOUT_MS', key: 'requestTimeoutMs', ...MS(30_000, 100) },
  { flag: 'keepalive-timeout', env: 'LB_KEEPALIVE_TIMEOUT_MS', key: 'keepAliveTimeoutMs', ...MS(5000) },
  { flag: 'client-timeout', env: 'LB_CLIENT_TIMEOUT_MS', key: 'clientTimeoutMs', ...MS(30_000, 100) },
  { flag: 'upstream-idle', env: 'LB_UPSTREAM_IDLE_MS', key: 'upstreamIdleMs', ...MS(4000) },
  { flag: 'drain-timeout', env: 'LB_DRAIN_TIMEOUT_MS', key: 'drainTimeoutMs', ...MS(10_000, 0) },
  { flag: 'engine', env: 'LB_ENGINE', key: 'engine', kind: 'enum', default: 'http-proxy', values: ENGINE_VALUES },
  { flag: 'log-level', env: 'LB_LOG_LEVEL', key: 'logLevel',
    kind: 'enum', default: 'info', values: ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] },
];
