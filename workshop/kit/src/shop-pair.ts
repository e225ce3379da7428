// Two shop "nodes" for a check, each its own HTTP server on port 0 with its own Redis connection, sharing one
// private redis-server: sessions in Redis (as in the stateless app) and the cart store the trainee wrote.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startRedisServer, type RedisServer } from '@stateshift/cluster';
import {
  buildShop, connectRedis, createLogger, createRedisSessionStore, type CartStore, type RedisConnection,
} from '@stateshift/shop';

export type CartStoreFactory = (redis: RedisConnection) => CartStore;

export interface ShopPair {
  readonly a: string;
  readonly b: string;
  readonly redis: RedisServer;
  /** A connection of the check's own, to look inside Redis. */
  readonly probe: RedisConnection;
  close(): Promise<void>;
}

export async function startShopPair(makeStore: CartStoreFactory): Promise<ShopPair> {
  const redis = await startRedisServer();
  const servers: Server[] = [];
  const conns: RedisConnection[] = [];
  const close = async (): Promise<void> => {
    for (const s of servers) s.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await Promise.all(conns.map((c) => c.close().catch(() => undefined)));
    await redis.close();
  };
  try {
    const node = async (nodeId: string): Promise<string> => {
      const logger = createLogger({ level: 'silent', nodeId });
      const conn = await connectRedis({ url: redis.url, logger });
      conns.push(conn);
      const app = buildShop({
        config: { variant: 'stateless', nodeId, sessionSecrets: ['workshop-secret'], sessionIdleSeconds: 1800 },
        logger, sessionStore: createRedisSessionStore(conn), carts: makeStore(conn), checkReady: conn.ping,
      });
      const server = createServer(app);
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    const a = await node('node-a');
    const b = await node('node-b');
    const probe = await connectRedis({ url: redis.url, logger: createLogger({ level: 'silent', nodeId: 'probe' }) });
    conns.push(probe);
    return { a, b, redis, probe, close };
  } catch (err) {
    await close();
    throw err;
  }
}
