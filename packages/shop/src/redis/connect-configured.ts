// The stateless shop's Redis connection as configured: one Redis (REDIS_URL) or a primary found through Sentinel
// (REDIS_SENTINELS), with REDIS_WAIT on every write either way.
import type { ShopConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { connectRedis, type RedisConnection } from './connection.ts';
import { connectSentinel } from './sentinel-connection.ts';

export type RedisWiring = Pick<ShopConfig, 'redisUrl' | 'redisSentinels' | 'redisMasterName' | 'redisWait'>;

export function connectConfiguredRedis(config: RedisWiring, logger: Logger): Promise<RedisConnection> {
  const wait = config.redisWait;
  if (config.redisSentinels) {
    return connectSentinel({ sentinels: config.redisSentinels, masterName: config.redisMasterName, logger, wait });
  }
  return connectRedis({ url: config.redisUrl, logger, wait });
}
