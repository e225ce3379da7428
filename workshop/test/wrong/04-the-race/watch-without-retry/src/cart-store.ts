// Wrong solution for exercise 04: WATCH … MULTI … EXEC on a connection of its own, without a retry: no update
// is lost, but every conflict becomes a 500 and a third of the shopper's adds are refused.
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

  const read = async (scope: Scope): Promise<CartLine[]> => {
    const json = await redis.run((c) => c.get(cartKey(scope)));
    return json ? JSON.parse(json) as CartLine[] : [];
  };

  // WRONG: optimistic locking on a connection of its own (right: WATCH state belongs to a connection), but a
  // conflict is not retried: EXEC fails, the error reaches the shop as a 500, and the shopper's add is refused.
  const change = async (
    scope: Scope, productId: string, quantity: number, mode: 'add' | 'set',
  ): Promise<CartLine[]> => {
    const conn = redis.client.duplicate();
    await conn.connect();
    try {
      await conn.watch(cartKey(scope));
      const json = await conn.get(cartKey(scope));
      const lines = json ? JSON.parse(json) as CartLine[] : [];
      const changed = apply(lines, productId, quantity, mode);
      await conn.multi().set(cartKey(scope), JSON.stringify(changed), { EX: options.idleSeconds }).exec();
      return changed;
    } finally {
      conn.destroy();
    }
  };
  const apply = (lines: CartLine[], productId: string, quantity: number, mode: 'add' | 'set'): CartLine[] => {
    const line = lines.find((l) => l.productId === productId);
    const next = mode === 'add' ? (line?.quantity ?? 0) + quantity : quantity;
    if (next > maxQuantity) {
      throw new ShopError('SHOP_ERR_QUANTITY_LIMIT', `at most ${maxQuantity} units of one product`);
    }
    if (!line && next > 0 && lines.length >= maxLines) {
      throw new ShopError('SHOP_ERR_CART_FULL', `at most ${maxLines} different products in one cart`);
    }
    const changed = next <= 0 ? lines.filter((l) => l.productId !== productId)
      : line ? lines.map((l) => (l.productId === productId ? { productId, quantity: next } : l))
        : [...lines, { productId, quantity: next }];
    return changed;
  };

  return {
    kind: 'redis',
    read,
    add: (scope, productId, quantity) => change(scope, productId, quantity, 'add'),
    set: (scope, productId, quantity) => change(scope, productId, quantity, 'set'),
    async checkout(scope, orderId) {
      const [json] = await redis.run((c) => c.multi().get(cartKey(scope)).del(cartKey(scope)).exec());
      const lines = typeof json === 'string' ? JSON.parse(json) as CartLine[] : [];
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
