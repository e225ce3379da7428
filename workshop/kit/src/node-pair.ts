// Two real shop nodes for a check, each its own child process (started by the cluster's startShopNode), sharing one
// private redis-server: sessions in Redis, carts in the trainee's store (the store-node entry) or in one of the
// shop's own stores. Separate processes matter: a module-level cache, Map or lock is per node, as in production.
import { fileURLToPath } from 'node:url';
import {
  startRedisServer, startShopNode, type CartStoreKind, type RedisServer, type ShopNode,
} from '@stateshift/cluster';
import { connectRedis, createLogger, type RedisConnection } from '@stateshift/shop';
import { notYet } from './workshop-error.ts';

const STORE_ENTRY = fileURLToPath(new URL('./entries/store-node.ts', import.meta.url));

export interface NodePairOptions {
  /** The trainee's module exporting createCartStore; omitted: the shop's own stateless app with `cartStore`. */
  readonly storeModule?: string;
  readonly cartStore?: CartStoreKind;
  /** Key prefix the trainee's store must use. */
  readonly prefix?: string;
  readonly maxLines?: number;
  /** SESSION_IDLE_SECONDS of both nodes (the cart must expire with the session). */
  readonly idleSeconds: number;
  /** Also start node-c, the same but with this short SESSION_IDLE_SECONDS, to watch expiry within a check (a short
   *  timeout on A and B would expire carts of steps slowed down by a busy machine). */
  readonly shortIdleSeconds?: number;
}

export interface NodePair {
  readonly a: string;
  readonly b: string;
  /** node-c (shortIdleSeconds), when asked for. */
  readonly c: string | undefined;
  readonly nodes: readonly ShopNode[];
  readonly redis: RedisServer;
  /** A connection of the check's own, to look inside Redis. */
  readonly probe: RedisConnection;
  /** What the nodes logged as unexpected errors (a store that threw), oldest first, as "Type: message". */
  thrown(): string[];
  close(): Promise<void>;
}

export async function startNodePair(options: NodePairOptions): Promise<NodePair> {
  const redis = await startRedisServer();
  const nodes: ShopNode[] = [];
  let probe: RedisConnection | undefined;
  const close = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.stop().catch(() => undefined)));
    await probe?.close().catch(() => undefined);
    await redis.close();
  };
  try {
    const env: Record<string, string> = { LOG_LEVEL: 'warn', SESSION_SECRET: 'workshop-secret' };
    if (options.storeModule) env.WORKSHOP_CART_STORE_MODULE = options.storeModule;
    if (options.prefix) env.WORKSHOP_CART_PREFIX = options.prefix;
    if (options.maxLines) env.WORKSHOP_MAX_LINES = String(options.maxLines);
    const start = (id: string, idle = options.idleSeconds) => startShopNode({
      variant: 'stateless', id, redisUrl: redis.url, env: { ...env, SESSION_IDLE_SECONDS: String(idle) },
      baseEnv: inherited(),
      ...(options.storeModule ? { entry: STORE_ENTRY } : { cartStore: options.cartStore ?? 'redis' }),
    }).then((n) => { nodes.push(n); return n; });
    const short = options.shortIdleSeconds;
    // allSettled: a node that fails must not leave the others starting unseen (close() stops those that started).
    const settled = await Promise.allSettled([
      start('node-a'), start('node-b'), ...(short ? [start('node-c', short)] : []),
    ]);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw startFailure(failed.reason);
    const [a, b, c] = settled.map((r) => (r as PromiseFulfilledResult<ShopNode>).value);
    probe = await connectRedis({ url: redis.url, logger: createLogger({ level: 'silent', nodeId: 'probe' }) });
    const all = c ? [a!, b!, c] : [a!, b!];
    return {
      a: a!.url, b: b!.url, c: c?.url, nodes: all, redis, probe, close,
      thrown: () => all.flatMap((n) => unexpected(n.output())),
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The errors in a node's last output lines that the shop logged as 'unexpected error' (pino JSON lines). */
function unexpected(lines: readonly string[]): string[] {
  const found: string[] = [];
  for (const line of lines) {
    if (!line.includes('unexpected error')) continue;
    try {
      const entry = JSON.parse(line) as { err?: { type?: string; message?: string } };
      if (entry.err?.message) found.push(`${entry.err.type ?? 'Error'}: ${entry.err.message}`);
    } catch { /* not a log line */ }
  }
  return found;
}

/** What the children need of our environment to run tsx and find their modules; nothing that points at a Redis. */
function inherited(): Record<string, string> {
  const keep: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'NODE_OPTIONS', 'TSX_TSCONFIG_PATH']) {
    const value = process.env[name];
    if (value !== undefined) keep[name] = value;
  }
  return keep;
}

/** A node that did not start: the first line of its own last words, in the trainee's terms. */
function startFailure(err: unknown): Error {
  const text = err instanceof Error ? err.message : String(err);
  const [, tail = ''] = text.split(/--- last output of [^\n]* ---\n/);
  const lines = tail.split('\n').map((l) => l.trim());
  const said = lines.find((l) => /^(\w*Error|\w+Exception)\b[^:]*: /.test(l))
    ?? lines.find((l) => /error|cannot|must/i.test(l))
    ?? text.split('\n')[0];
  return notYet(`a shop node with your store did not start: ${said}`,
    'each node imports your module and calls createCartStore(redis, options) once as it starts: ' +
      'the line above is what failed');
}
