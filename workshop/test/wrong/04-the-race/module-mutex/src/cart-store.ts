// Wrong solution for exercise 04: the starter's read-change-write behind a mutex kept in the module. It holds in
// one process; with two node processes each has its own mutex and adds are lost as before.
import {
  ShopError, type CartLimits, type CartLine, type CartStore, type OrderRecord, type RedisConnection,
} from '@stateshift/shop';

export interface WorkshopCartStoreOptions {
  readonly idleSeconds: number;
  readonly limits: CartLimits;
  readonly prefix: string;
}

type Scope = Parameters<CartStore['read']>[0];

/** WRONG: a lock per shopper in this process. It serialises the requests of one node only; the other node's
 *  process has its own lock, so the two nodes still overwrite each other. */
const locks = new Map<string, Promise<unknown>>();
function locked<T>(shopper: string, work: () => Promise<T>): Promise<T> {
  const run = (locks.get(shopper) ?? Promise.resolve()).then(work, work);
  locks.set(shopper, run.catch(() => undefined));
  return run;
}

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
    add: (scope, productId, quantity) => locked(scope.shopper, () => change(scope, productId, quantity, 'add')),
    set: (scope, productId, quantity) => locked(scope.shopper, () => change(scope, productId, quantity, 'set')),
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
