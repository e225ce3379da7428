// Edges of startCluster: a fixed balancer port that is taken, an external Redis (REDIS_URL) and an admin token.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ClusterError, spawnBalancer, startCluster, startRedisServer, type Cluster, type RedisServer,
} from '../src/index.ts';
import { getNodes } from './helpers/balancer-state.ts';

let blocker: Server | undefined;
let redis: RedisServer | undefined;
let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  await redis?.close();
  await new Promise((resolve) => blocker ? blocker.close(resolve) : resolve(undefined));
  cluster = undefined; redis = undefined; blocker = undefined;
});

function occupyPort(): Promise<number> {
  blocker = createServer();
  return new Promise((resolve) => blocker!.listen(0, '127.0.0.1', () => {
    const address = blocker!.address();
    resolve(typeof address === 'object' && address ? address.port : 0);
  }));
}

async function errorOf(promise: Promise<unknown>): Promise<ClusterError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ClusterError);
  return err as ClusterError;
}

describe('cluster edges', () => {
  it('a fixed balancer port that is taken fails with CLUSTER_ERR_PORT_IN_USE naming it', async () => {
    const port = await occupyPort();
    const err = await errorOf(startCluster({ variant: 'stateless', nodes: 1, balancerPort: port }));
    expect(err.code).toBe('CLUSTER_ERR_PORT_IN_USE');
    expect(err.message).toContain(`traffic port ${port} is already in use`);
  });

  it('a taken admin port fails startBalancer with CLUSTER_ERR_PORT_IN_USE', async () => {
    const port = await occupyPort();
    const err = await errorOf(spawnBalancer({ strategy: 'round-robin', adminPort: port }));
    expect(err.code).toBe('CLUSTER_ERR_PORT_IN_USE');
    expect(err.message).toContain(`admin port ${port}`);
  });

  it('cluster [stateless] with a given Redis starts none, uses it, and refuses to stop it; ' +
    'the admin token is used', async () => {
    redis = await startRedisServer();
    cluster = await startCluster({ variant: 'stateless', nodes: 1, redisUrl: redis.url, adminToken: 'tok-12345678' });
    expect(cluster.redisUrl).toBe(redis.url);
    expect(cluster.pids().redis).toBeUndefined();
    expect((await getNodes(cluster.adminUrl, 'tok-12345678')).nodes.map((n) => n.state)).toEqual(['up']);
    expect((await fetch(new URL('/nodes', cluster.adminUrl))).status).toBe(401);
    const err = await errorOf(cluster.stopRedis());
    expect(err.code).toBe('CLUSTER_ERR_REDIS_NOT_MANAGED');
    expect(err.message).toContain(redis.url);
    expect(redis.running()).toBe(true);
  });

  it('a balancer started without an admin token gets a random one: ' +
    'its own client uses it, others get 401', async () => {
    const lb = await spawnBalancer({ strategy: 'round-robin' });
    try {
      expect(lb.adminToken).toMatch(/^[0-9a-f]{48}$/);
      expect((await getNodes(lb.adminUrl, lb.adminToken)).nodes).toEqual([]);
      expect((await fetch(new URL('/nodes', lb.adminUrl))).status).toBe(401);
      const other = await spawnBalancer({ strategy: 'round-robin' });
      await other.stop();
      expect(other.adminToken).not.toBe(lb.adminToken);
    } finally {
      await lb.stop();
    }
  });
});
