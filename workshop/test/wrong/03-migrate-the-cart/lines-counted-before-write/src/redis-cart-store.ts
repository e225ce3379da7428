// Wrong solution for exercise 03 (the reference solution before issue #17): the line limit is counted (HLEN)
// before the write, so concurrent adds of new products all see room and the cart ends with more lines than allowed.
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

  const read = async (scope: Scope): Promise<CartLine[]> =>
    toLines(await redis.run((c) => c.hGetAll(cartKey(scope))));

  const change = async (
    scope: Scope, productId: string, quantity: number, mode: 'add' | 'set',
  ): Promise<CartLine[]> => {
    const key = cartKey(scope);
    const before = await redis.run((c) => c.hGet(key, productId));
    const isNew = before === null || before === undefined;
    if (isNew && quantity > 0 && await redis.run((c) => c.hLen(key)) >= maxLines) { // WRONG: counted before the write
      throw new ShopError('SHOP_ERR_CART_FULL', `at most ${maxLines} different products in one cart`);
    }
    if (mode === 'add') {
      const after = await redis.run((c) => c.hIncrBy(key, productId, quantity));
      if (after > maxQuantity) {
        await redis.run((c) => c.hIncrBy(key, productId, -quantity)); // undo: nothing changes past a limit
        throw new ShopError('SHOP_ERR_QUANTITY_LIMIT', `at most ${maxQuantity} units of one product`);
      }
    } else if (quantity === 0) {
      await redis.run((c) => c.hDel(key, productId));
    } else {
      if (quantity > maxQuantity) {
        throw new ShopError('SHOP_ERR_QUANTITY_LIMIT', `at most ${maxQuantity} units of one product`);
      }
      await redis.run((c) => c.hSet(key, productId, quantity));
    }
    await redis.run((c) => c.expire(key, options.idleSeconds));
    return read(scope);
  };

  return {
    kind: 'redis',
    read,
    add: (scope, productId, quantity) => change(scope, productId, quantity, 'add'),
    set: (scope, productId, quantity) => change(scope, productId, quantity, 'set'),
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
