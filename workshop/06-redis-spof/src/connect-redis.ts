// Exercise 06: the shop's Redis connection, written naively. With Redis down, requests hang instead of failing,
// readiness does not notice, and the first 'error' event kills the process. Fix the TODOs, then run
// `pnpm workshop check 06`. (The shop's own version is packages/shop/src/redis/connection.ts: try without it first.)
import { createClient } from 'redis';
import type { RedisConnection } from '@stateshift/shop';

export async function connectWorkshopRedis(url: string): Promise<RedisConnection> {
  // TODO 1: by default node-redis queues commands while it is disconnected and retries the connection with no
  //         bound: turn the offline queue off, and set a connect timeout and a reconnect strategy.
  const client = createClient({ url });
  // TODO 2: node-redis reports a lost connection as an 'error' event; with no listener, Node ends the process.
  await client.connect();
  return {
    client,
    // TODO 3: bound every operation in time (about 1 s), and turn any failure into
    //         new ShopError('SHOP_ERR_STORE_UNAVAILABLE', ...) so the client gets a 503 at once.
    run: (op) => op(client),
    whenReady: async () => undefined,
    // TODO 4: /readyz calls ping(): it must fail quickly while Redis is down.
    ping: async () => { await client.ping(); },
    close: async () => { await client.close(); },
  };
}
