// The stateless shop's Redis connection as configured: one Redis (REDIS_URL) or a primary found through Sentinel
// (REDIS_SENTINELS), with REDIS_WAIT on every write either way.
import type { ShopConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { connectRedis, type RedisConnection } from './connection.ts';
import { connectSentinel } from './sentinel-connection.ts';
import { ShopError } from '../errors.ts';

export type RedisWiring = Pick<ShopConfig, 'redisUrl' | 'redisSentinels' | 'redisMasterName' | 'redisWait'>;

export function connectConfiguredRedis(config: RedisWiring, logger: Logger): Promise<RedisConnection> {
  const wait = config.redisWait;
  if (config.redisSentinels) {
    return connectSentinel({ sentinels: config.redisSentinels, masterName: config.redisMasterName, logger, wait });
  }
  if (config.redisUrl === undefined) {
    // No default on purpose: a default would be someone else's Redis on this host.
    return Promise.reject(new ShopError('SHOP_ERR_CONFIG',
      'REDIS_URL is not set: give REDIS_URL=redis://host:port (one Redis) ' +
        'or REDIS_SENTINELS=host:port,... (Sentinel)'));
  }
  return connectRedis({ url: config.redisUrl, logger, wait });
}
