// The one Redis connection of a shop node (node-redis v5), set up to fail fast: no offline queue, a connect timeout,
// endless capped reconnects, and every operation raced against a deadline. Never throws an unhandled 'error'.
// (node-redis's own `commandOptions.timeout` only covers a command's wait in the write queue and costs an AbortSignal
// per command; the deadline in run() covers the whole round trip, including a Redis that accepts and never answers.)
import { createClient } from 'redis';
import type { Logger } from '../logger.ts';
import { boundedRunner, type RedisWait } from './bounded-run.ts';

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisConnection {
  readonly client: RedisClient;
  /**
   * Runs one Redis operation (one command, or commands of which only the last can change anything), rejecting
   * after `timeoutMs` or on failure with SHOP_ERR_STORE_UNAVAILABLE when node-redis refused it before sending
   * (nothing ran), else SHOP_ERR_STORE_INDETERMINATE (it may have run). Whether a failure matters for the request
   * (was it a write?) is decided by the HTTP layer.
   */
  run<T>(op: (client: RedisClient) => Promise<T>): Promise<T>;
  /** run() for a write: with REDIS_WAIT also waits for the replicas (fewer acks: INDETERMINATE). Absent: run(). */
  runWrite?<T>(op: (client: RedisClient) => Promise<T>): Promise<T>;
  /** `host:port` of the Redis (the primary, through Sentinel) in use now; undefined while none is known. */
  primary?(): string | undefined;
  /** Resolves when the connection is ready (at once if it already is). */
  whenReady(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  readonly url: string;
  readonly logger: Logger;
  /** Upper bound of one operation. */
  readonly timeoutMs?: number;
  /** How long connectRedis waits for the first connection before returning anyway (the node starts unready). */
  readonly initialWaitMs?: number;
  /** REDIS_WAIT: `WAIT replicas ms` after every write. */
  readonly wait?: RedisWait;
}

export async function connectRedis(options: RedisConnectionOptions): Promise<RedisConnection> {
  const timeoutMs = options.timeoutMs ?? 1000;
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000) },
  });
  let healthy = true;
  client.on('error', (err: Error) => {
    if (healthy) options.logger.warn({ err: err.message }, 'redis connection lost; retrying');
    healthy = false;
  });
  client.on('ready', () => {
    if (!healthy) options.logger.info('redis connection back');
    healthy = true;
  });
  const connecting = client.connect().then(() => undefined, () => undefined);

  const { run, runWrite } = boundedRunner((op) => op(client), timeoutMs, options.wait);
  const address = new URL(options.url);
  const whenReady = (): Promise<void> => client.isReady ? Promise.resolve()
    : new Promise((resolve) => client.once('ready', () => resolve()));

  await Promise.race([connecting, new Promise((r) => setTimeout(r, options.initialWaitMs ?? 1000).unref())]);
  return {
    client,
    run,
    runWrite,
    primary: () => client.isReady ? `${address.hostname}:${address.port || '6379'}` : undefined,
    whenReady,
    ping: async () => { await run((c) => c.ping()); },
    close: async () => {
      if (client.isOpen) await client.close().catch(() => client.destroy());
      else client.destroy();
    },
  };
}
