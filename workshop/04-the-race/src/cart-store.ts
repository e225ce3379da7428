// Exercise 04: a cart store that works... one request at a time. It keeps the whole cart as one JSON value and
// changes it the classic way: read it, change it in the process, write it all back. Make add and set safe under
// concurrent requests (TODO below), then run `pnpm workshop check 04`.
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
  const write = async (scope: Scope, lines: CartLine[]): Promise<void> => {
    await redis.run((c) => c.set(cartKey(scope), JSON.stringify(lines), { EX: options.idleSeconds }));
  };

  // TODO: between `read` and `write` another request of the same shopper (on this node or another) can read the
  // same old cart; whichever writes last wins and the other add is lost. Make this one atomic step in Redis.
  const change = async (
    scope: Scope, productId: string, quantity: number, mode: 'add' | 'set',
  ): Promise<CartLine[]> => {
    const lines = await read(scope);
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
    await write(scope, changed);
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
