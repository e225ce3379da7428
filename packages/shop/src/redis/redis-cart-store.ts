// Carts and orders in Redis (the stateless variant): one hash per cart, changed only by Lua scripts, expiring
// together with the session. Any node can serve any shopper; no state stays in the process.
import type { CartLimits, CartLine, CartScope, CartStore, OrderRecord } from '../cart/cart-store.ts';
import { cartFull, quantityLimit } from '../cart/cart-lines.ts';
import type { RedisConnection } from './connection.ts';
import { CHECKOUT, COUNT, MUTATE, READ, runScript } from './scripts.ts';

export interface RedisCartStoreOptions {
  readonly idleSeconds: number;
  readonly limits: CartLimits;
  readonly prefix?: string;
  readonly orderTtlSeconds?: number;
  /** The clock that scores the carts index (tests move it). */
  readonly now?: () => number;
}

export function createRedisCartStore(redis: RedisConnection, options: RedisCartStoreOptions): CartStore {
  const p = options.prefix ?? 'shop:';
  const index = `${p}carts`;
  const ttl = String(options.idleSeconds);
  const now = options.now ?? Date.now;
  const expiry = (at: number) => String(at + options.idleSeconds * 1000);
  const orderTtl = String(options.orderTtlSeconds ?? 7 * 24 * 3600);
  const write = redis.runWrite ?? redis.run; // REDIS_WAIT: a write also waits for the replicas

  const mutate = async (scope: CartScope, mode: 'add' | 'set', productId: string, quantity: number) => {
    const { maxLines, maxQuantity } = options.limits;
    const at = now();
    const keys = [`${p}cart:${scope.shopper}`, index];
    const args = [mode, productId, String(quantity), String(maxLines), String(maxQuantity), ttl, expiry(at),
      scope.shopper, String(at)];
    const reply = await write((c) => runScript<[string, string[]?]>(c, MUTATE, keys, args));
    if (reply[0] === 'quantity-limit') throw quantityLimit(options.limits);
    if (reply[0] === 'cart-full') throw cartFull(options.limits);
    return toLines(reply[1] ?? []);
  };

  return {
    kind: 'redis',
    read: async (scope) => {
      const at = now();
      const args = [ttl, expiry(at), scope.shopper, String(at)];
      return toLines(await redis.run((c) => runScript<string[]>(c, READ, [`${p}cart:${scope.shopper}`, index], args)));
    },
    add: (scope, productId, quantity) => mutate(scope, 'add', productId, quantity),
    set: (scope, productId, quantity) => mutate(scope, 'set', productId, quantity),
    checkout: async (scope, orderId, key) => {
      const keys = [`${p}cart:${scope.shopper}`, index, `${p}order:${scope.shopper}:${orderId}`,
        `${p}idem:${scope.shopper}:${key ?? ''}`];
      const args = [key === undefined ? '0' : '1', orderId, new Date().toISOString(), orderTtl, '86400', scope.shopper];
      const reply = await write((c) => runScript<[string, string?]>(c, CHECKOUT, keys, args));
      return reply[1] === undefined ? undefined : toOrder(reply[1]);
    },
    order: async (scope, orderId) => {
      const json = await redis.run((c) => c.get(`${p}order:${scope.shopper}:${orderId}`));
      return json ? toOrder(json) : undefined;
    },
    count: () => redis.run((c) => runScript<number>(c, COUNT, [index], [String(now())])),
  };
}

function toLines(flat: string[]): CartLine[] {
  const lines: CartLine[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    lines.push({ productId: flat[i] as string, quantity: Number(flat[i + 1]) });
  }
  return lines;
}

function toOrder(json: string): OrderRecord {
  const o = JSON.parse(json) as OrderRecord;
  return { orderId: o.orderId, createdAt: o.createdAt, lines: Array.isArray(o.lines) ? o.lines : [] };
}
