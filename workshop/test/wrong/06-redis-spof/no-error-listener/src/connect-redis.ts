// Wrong solution for exercise 06 (kept by workshop/test/wrong-solutions.test.ts): everything but the 'error'
// listener. When Redis goes away node-redis emits 'error', nobody listens, and Node ends the whole node.
import { createClient } from 'redis';
import { ShopError, type RedisConnection } from '@stateshift/shop';

const DEADLINE_MS = 1000;

export async function connectWorkshopRedis(url: string): Promise<RedisConnection> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: DEADLINE_MS, reconnectStrategy: (attempt) => Math.min(100 * 2 ** attempt, 1000) },
  });
  // WRONG: no 'error' listener: the first lost connection is an unhandled 'error' event and ends the process.
  await client.connect();

  const run: RedisConnection['run'] = async (op) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${DEADLINE_MS} ms`)), DEADLINE_MS);
    });
    try {
      return await Promise.race([op(client), deadline]);
    } catch (err) {
      const message = `the cart store is unavailable: ${(err as Error).message}`;
      throw new ShopError('SHOP_ERR_STORE_UNAVAILABLE', message, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    client,
    run,
    whenReady: () => client.isReady
      ? Promise.resolve()
      : new Promise((resolve) => client.once('ready', () => resolve())),
    ping: async () => { await run((c) => c.ping()); },
    close: async () => { await client.close().catch(() => client.destroy()); },
  };
}
