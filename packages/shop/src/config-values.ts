// The readers every shop config file uses (config.ts, config-redis.ts, replication/replication-config.ts): one value
// of the environment, validated, or SHOP_ERR_CONFIG naming the variable and the accepted values.
import { ShopError } from './errors.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export function fail(name: string, value: string, accepted: string): never {
  throw new ShopError('SHOP_ERR_CONFIG', `${name}=${JSON.stringify(value)} is not valid; accepted: ${accepted}`);
}

export function text(env: Env, name: string, fallback: string, pattern: RegExp, accepted: string): string {
  return optionalText(env, name, pattern, accepted) ?? fallback;
}

export function optionalText(env: Env, name: string, pattern: RegExp, accepted: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  return pattern.test(value) ? value : fail(name, value, accepted);
}

export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  return /^\d+$/.test(value) && n >= min && n <= max ? n : fail(name, value, `an integer in ${min}..${max}`);
}

export function oneOf<T extends string>(env: Env, name: string, accepted: readonly T[]): T {
  const value = env[name];
  if (value === undefined || value === '') return accepted[0] as T;
  return (accepted as readonly string[]).includes(value) ? value as T : fail(name, value, accepted.join(' | '));
}
