// Exercise 03, a reference solution: one hash per cart (productId → quantity), expiring with the session, changed
// with single commands (HINCRBY, HSET, HDEL) and checked AFTER the write: a change that went past a limit is undone.
// This is the check-then-write step towards exercise 04, done with plain commands. Because each command is atomic
// on its own, concurrent adds never lose each other and the cart never stays past a limit; checkout reads and empties
// the cart in one MULTI, so an add cannot slip in between.
// What plain commands cannot close, named (exercise 04's Lua script, and the shop's own store, close them all):
// - a change past a limit is visible for a moment before its undo, so a concurrent add can be refused although it
//   would have fitted (refused, never lost);
// - an undo that races a DELETE or PATCH of the same product: the undo's HINCRBY leaves 0 or less, and the HDEL that
//   follows cleans it up, but an add of that product landing between those two is deleted with it;
// - two checkouts with the same Idempotency-Key at the same moment: one gets the order, the other sees an empty
//   cart (409) instead of the same order. A retry after the answer (the usual case) gets the same order.
import {
  ShopError, type CartLimits, type CartLine, type CartStore, type OrderRecord, type RedisConnection,
} from '@stateshift/shop';

export interface WorkshopCartStoreOptions {
  readonly idleSeconds: number;
  readonly limits: CartLimits;
  readonly prefix: string;
}

type Scope = Parameters<CartStore['read']>[0];

export function createCartStore(redis: RedisConnection, options: WorkshopCartStoreOptions): CartStore {
  const { maxLines, maxQuantity } = options.limits;
  const cartKey = (scope: Scope) => `${options.prefix}cart:${scope.shopper}`;
  const orderKey = (scope: Scope, orderId: string) => `${options.prefix}order:${scope.shopper}:${orderId}`;
  const idemKey = (scope: Scope, key: string) => `${options.prefix}idem:${scope.shopper}:${key}`;
  const quantityLimit = () => new ShopError('SHOP_ERR_QUANTITY_LIMIT', `at most ${maxQuantity} units of one product`);
  const cartFull = () => new ShopError('SHOP_ERR_CART_FULL', `at most ${maxLines} different products in one cart`);

  const read = async (scope: Scope): Promise<CartLine[]> =>
    toLines(await redis.run((c) => c.hGetAll(cartKey(scope))));

  /** Takes back `quantity` units; a line left at 0 or less (a DELETE came in between) is removed. */
  const undo = async (key: string, productId: string, quantity: number): Promise<void> => {
    const left = await redis.run((c) => c.hIncrBy(key, productId, -quantity));
    if (left <= 0) await redis.run((c) => c.hDel(key, productId));
  };

  const add = async (scope: Scope, productId: string, quantity: number): Promise<CartLine[]> => {
    const key = cartKey(scope);
    const after = await redis.run((c) => c.hIncrBy(key, productId, quantity));
    if (after > maxQuantity) {
      await undo(key, productId, quantity);
      throw quantityLimit();
    }
    if (after === quantity && await redis.run((c) => c.hLen(key)) > maxLines) { // a new line, one too many
      await undo(key, productId, quantity);
      throw cartFull();
    }
    await redis.run((c) => c.expire(key, options.idleSeconds));
    return read(scope);
  };

  const set = async (scope: Scope, productId: string, quantity: number): Promise<CartLine[]> => {
    const key = cartKey(scope);
    if (quantity > maxQuantity) throw quantityLimit();
    if (quantity === 0) {
      await redis.run((c) => c.hDel(key, productId));
    } else if (await redis.run((c) => c.hSet(key, productId, quantity)) === 1
      && await redis.run((c) => c.hLen(key)) > maxLines) {
      await redis.run((c) => c.hDel(key, productId)); // HSET created the line: take it back
      throw cartFull();
    }
    await redis.run((c) => c.expire(key, options.idleSeconds));
    return read(scope);
  };

  return {
    kind: 'redis',
    read,
    add,
    set,
    async checkout(scope, orderId, idempotencyKey) {
      if (idempotencyKey !== undefined) {
        const earlier = await redis.run((c) => c.get(idemKey(scope, idempotencyKey)));
        if (earlier) return JSON.parse(earlier) as OrderRecord;
      }
      const [flat] = await redis.run((c) => c.multi().hGetAll(cartKey(scope)).del(cartKey(scope)).exec());
      const lines = toLines(flat as unknown as Record<string, string>);
      if (lines.length === 0) return undefined;
      const order: OrderRecord = { orderId, lines, createdAt: new Date().toISOString() };
      const json = JSON.stringify(order);
      await redis.run((c) => c.set(orderKey(scope, orderId), json, { EX: 7 * 24 * 3600 }));
      if (idempotencyKey !== undefined) {
        await redis.run((c) => c.set(idemKey(scope, idempotencyKey), json, { EX: 24 * 3600 }));
      }
      return order;
    },
    async order(scope, orderId) {
      const json = await redis.run((c) => c.get(orderKey(scope, orderId)));
      return json ? JSON.parse(json) as OrderRecord : undefined;
    },
    count: async () => null,
  };
}

function toLines(hash: Record<string, string>): CartLine[] {
  return Object.entries(hash).map(([productId, quantity]) => ({ productId, quantity: Number(quantity) }));
}
