// Public surface of @stateshift/cluster: start and control real processes.
export { ClusterError, type ClusterErrorCode } from './errors.ts';
export { freePort } from './free-port.ts';
export { startRedisServer, redisBinaryAvailable, type RedisServer, type RedisServerOptions } from './redis-server.ts';
