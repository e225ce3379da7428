import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterError, startRedisServer, type RedisServer } from '../src/index.ts';

function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (d) => { resolve(d.toString().trim()); socket.destroy(); });
    socket.once('error', reject);
  });
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

describe('redis-server helper', () => {
  let redis: RedisServer | undefined;
  afterEach(async () => { await redis?.close(); redis = undefined; });

  it('starts a private redis on a free port (never 6379) and stops it', async () => {
    redis = await startRedisServer();
    expect(redis.port).not.toBe(6379);
    expect(await ping(redis.port)).toBe('+PONG');
    const pid = redis.pid();
    expect(pid).toBeGreaterThan(0);
    await redis.stop();
    expect(alive(pid!)).toBe(false);
    await expect(ping(redis.port)).rejects.toThrow();
  });

  it('starts again on the same port after a stop', async () => {
    redis = await startRedisServer();
    await redis.stop();
    await redis.start();
    expect(await ping(redis.port)).toBe('+PONG');
  });

  it('says how to install redis when the binary is missing', async () => {
    const err = await startRedisServer({ binary: '/nonexistent/redis-server' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterError);
    expect((err as ClusterError).code).toBe('CLUSTER_ERR_REDIS_MISSING');
    expect((err as ClusterError).message).toMatch(/apt-get install redis-server/);
    expect((err as ClusterError).message).toMatch(/REDIS_URL/);
  });
});
