// The shop's Redis connection through Sentinel (node-redis v5 createSentinel): the sentinels say which node is
// primary and announce a promotion on their pub/sub, so the node follows a failover without restarting. The same
// fail-fast rules as the plain connection: no offline queue, every operation bounded, never an unhandled 'error'.
// node-redis retries a command after a topology change by sending it again (maxCommandRediscovers); a write sent
// twice could be applied twice, so that is off: a failed command fails its request (503), the client retries.
import { createSentinel } from 'redis';
import { ShopError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { boundedRunner, type RedisWait } from './bounded-run.ts';
import type { RedisClient, RedisConnection } from './connection.ts';

interface SentinelAddress {
  readonly host: string;
  readonly port: number;
}

export interface SentinelConnectionOptions {
  readonly sentinels: readonly SentinelAddress[];
  readonly masterName: string;
  readonly logger: Logger;
  readonly timeoutMs?: number;
  readonly initialWaitMs?: number;
  readonly wait?: RedisWait;
}

type Sentinel = ReturnType<typeof createSentinel>;

const RETRY_CONNECT_MS = 500;
const CONNECT_BOUND_MS = 5000;

export async function connectSentinel(o: SentinelConnectionOptions): Promise<RedisConnection> {
  const timeoutMs = o.timeoutMs ?? 1000;
  const socket = {
    connectTimeout: timeoutMs, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000),
  };
  const make = (): Sentinel => {
    const s = createSentinel({
      name: o.masterName,
      sentinelRootNodes: o.sentinels.map((a) => ({ host: a.host, port: a.port })),
      nodeClientOptions: { disableOfflineQueue: true, socket },
      sentinelClientOptions: { socket: { connectTimeout: timeoutMs } },
      maxCommandRediscovers: 0,
      // The sentinels' pub/sub (+switch-master) triggers a rediscovery at once; this scan is the safety net
      // for a missed message (our sentinel itself down at that moment).
      scanInterval: 2000,
    });
    s.on('error', () => undefined); // node-redis reconnects; requests meanwhile fail fast through run()
    s.on('topology-change', (e: { type: string; node?: { host: string; port: number } }) => {
      if (e.type === 'MASTER_CHANGE' && e.node) {
        o.logger.info({ primary: `${e.node.host}:${e.node.port}` }, 'redis primary in use');
      }
    });
    return s;
  };
  let sentinel: Sentinel | undefined;
  let closed = false;
  const connectLoop = async (): Promise<void> => {
    while (!closed) {
      const s = make();
      let timer: NodeJS.Timeout | undefined;
      try {
        // node-redis's first connect waits for the primary the sentinels name; one that died before they noticed
        // would hold it forever, so a start gives up after CONNECT_BOUND_MS and asks the sentinels again.
        await Promise.race([s.connect(), new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no primary connection within ${CONNECT_BOUND_MS} ms`)), CONNECT_BOUND_MS,
          );
        })]);
        clearTimeout(timer);
        if (closed) { await s.destroy(); return; }
        sentinel = s;
        return;
      } catch (err) {
        clearTimeout(timer);
        o.logger.warn({ err: (err as Error).message }, 'no redis primary known through the sentinels yet; retrying');
        await s.destroy().catch(() => undefined);
        await new Promise((r) => setTimeout(r, RETRY_CONNECT_MS));
      }
    }
  };
  const connecting = connectLoop();
  const primaryNode = () => sentinel?.getMasterNode();

  const runner = boundedRunner(<T>(fn: (c: RedisClient) => Promise<T>) => {
    const s = sentinel;
    // No ready primary connection: refuse before sending anything (node-redis would otherwise loop on
    // rediscovery until a primary appears); the sentinels' pub/sub brings the new primary in.
    if (!s || !s.getMasterNode()) return Promise.reject(new Error('no redis primary known through the sentinels'));
    return s._execute(false, fn as (c: unknown) => Promise<T>);
  }, timeoutMs, o.wait);

  await Promise.race([connecting, new Promise((r) => setTimeout(r, o.initialWaitMs ?? 1000).unref())]);
  return {
    get client(): RedisClient {
      throw new ShopError('SHOP_ERR_CONFIG', 'a Sentinel connection has no single client; use run()');
    },
    run: runner.run,
    runWrite: runner.runWrite,
    primary: () => {
      const node = primaryNode();
      return node ? `${node.host}:${node.port}` : undefined;
    },
    // node-redis announces a new primary (topology-change) before its connection to it is ready and has no event
    // for that moment, so a waiter re-checks every 50 ms.
    whenReady: () => primaryNode() ? Promise.resolve() : new Promise((resolve) => {
      const check = setInterval(() => { if (primaryNode() || closed) { clearInterval(check); resolve(); } }, 50);
      check.unref();
    }),
    ping: async () => {
      if (!primaryNode()) {
        throw new ShopError('SHOP_ERR_STORE_UNAVAILABLE', 'no redis primary known through the sentinels');
      }
      await runner.run((c) => c.ping());
    },
    close: async () => {
      closed = true;
      await connecting;
      await sentinel?.close().catch(() => sentinel?.destroy());
    },
  };
}
