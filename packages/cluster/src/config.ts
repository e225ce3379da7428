// Reads the environment once for the cluster controller: which variables children inherit, an optional
// external Redis. The only file of this package that looks at process.env; the result is frozen.
import { ClusterError } from './errors.ts';

export interface ClusterConfig {
  /** REDIS_URL: use this Redis instead of starting one. */
  readonly redisUrl: string | undefined;
  /** REDIS_SERVER_BIN: the redis-server binary (default from PATH). */
  readonly redisBinary: string;
  /** The few variables every child inherits (PATH, HOME, locale...). Nothing that configures a shop or balancer. */
  readonly baseEnv: Readonly<Record<string, string>>;
}

const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'LC_ALL', 'TZ', 'SYSTEMROOT', 'USER'] as const;

export function loadClusterConfig(env: NodeJS.ProcessEnv = process.env): ClusterConfig {
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ClusterError(
      'CLUSTER_ERR_OPTIONS', `REDIS_URL must start with redis:// or rediss:// (got "${redisUrl}")`,
    );
  }
  const baseEnv: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = env[name];
    if (value !== undefined) baseEnv[name] = value;
  }
  return Object.freeze({
    redisUrl,
    redisBinary: env.REDIS_SERVER_BIN?.trim() || 'redis-server',
    baseEnv: Object.freeze(baseEnv),
  });
}
