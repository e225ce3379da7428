// The environment of the exercise-06 node, read once: the shop's own config plus WORKSHOP_REDIS_MODULE, the
// trainee's module that opens the Redis connection. The only file of the entry that reads the environment.
import { loadConfig, type ShopConfig } from '@stateshift/shop';

export interface SpofNodeConfig {
  readonly shop: ShopConfig;
  readonly redisModule: string;
}

export function loadSpofConfig(env: Readonly<Record<string, string | undefined>>): SpofNodeConfig {
  const redisModule = env.WORKSHOP_REDIS_MODULE;
  if (!redisModule) throw new Error('WORKSHOP_REDIS_MODULE must name the module that exports connectWorkshopRedis');
  return Object.freeze({ shop: loadConfig(env, { variant: 'stateless', cartStores: ['redis'] }), redisModule });
}
