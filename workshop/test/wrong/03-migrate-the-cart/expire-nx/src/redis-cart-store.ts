// Wrong solution for exercise 03: EXPIRE … NX sets the TTL only when the key has none, so the expiry never moves:
// the cart expires idleSeconds after its first add, while the shopper is still shopping.
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
    await redis.run((c) => c.expire(key, options.idleSeconds, 'NX')); // WRONG: set once, never refreshed
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
    await redis.run((c) => c.expire(key, options.idleSeconds, 'NX')); // WRONG: set once, never refreshed
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
