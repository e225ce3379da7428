// Wrong solution for exercise 04 (kept by workshop/test/wrong-solutions.test.ts): a hash per cart, but each
// change reads the quantity (HGET) and writes the new one (HSET): two nodes adding the same product both read the
// same old value, and the last write wins.
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

  const read = async (scope: Scope): Promise<CartLine[]> => toLines(await redis.run((c) => c.hGetAll(cartKey(scope))));

  const change = async (
    scope: Scope, productId: string, quantity: number, mode: 'add' | 'set',
  ): Promise<CartLine[]> => {
    const key = cartKey(scope);
    // WRONG: read, change in the process, write back: two nodes read the same old quantity and one add is lost.
    const before = await redis.run((c) => c.hGet(key, productId));
    const next = mode === 'add' ? Number(before ?? 0) + quantity : quantity;
    if (next > maxQuantity) {
      throw new ShopError('SHOP_ERR_QUANTITY_LIMIT', `at most ${maxQuantity} units of one product`);
    }
    if (before === null && next > 0 && await redis.run((c) => c.hLen(key)) >= maxLines) {
      throw new ShopError('SHOP_ERR_CART_FULL', `at most ${maxLines} different products in one cart`);
    }
    if (next <= 0) await redis.run((c) => c.hDel(key, productId));
    else await redis.run((c) => c.hSet(key, productId, next));
    await redis.run((c) => c.expire(key, options.idleSeconds));
    return read(scope);
  };

  return {
    kind: 'redis',
    read,
    add: (scope, productId, quantity) => change(scope, productId, quantity, 'add'),
    set: (scope, productId, quantity) => change(scope, productId, quantity, 'set'),
    async checkout(scope, orderId) {
      const [flat] = await redis.run((c) => c.multi().hGetAll(cartKey(scope)).del(cartKey(scope)).exec());
      const lines = toLines(flat as unknown as Record<string, string>);
      if (lines.length === 0) return undefined;
      const order: OrderRecord = { orderId, lines, createdAt: new Date().toISOString() };
      await redis.run((c) => c.set(orderKey(scope, orderId), JSON.stringify(order), { EX: 7 * 24 * 3600 }));
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
