// Wrong solution for exercise 03: the cart is kept in a module-level Map and never reaches Redis. Every node
// process has its own Map, so node B does not know the cart node A holds.
import {
  ShopError, type CartLimits, type CartLine, type CartStore, type OrderRecord, type RedisConnection,
} from '@stateshift/shop';

export interface WorkshopCartStoreOptions {
  readonly idleSeconds: number;
  readonly limits: CartLimits;
  readonly prefix: string;
}

/** WRONG: the cart never leaves the process. */
const carts = new Map<string, Map<string, number>>();
const orders = new Map<string, OrderRecord>();

export function createCartStore(_redis: RedisConnection, options: WorkshopCartStoreOptions): CartStore {
  const { maxLines, maxQuantity } = options.limits;
  const cart = (shopper: string): Map<string, number> => {
    let c = carts.get(shopper);
    if (!c) carts.set(shopper, c = new Map());
    return c;
  };
  const lines = (shopper: string): CartLine[] =>
    [...cart(shopper)].map(([productId, quantity]) => ({ productId, quantity }));
  const change = (shopper: string, productId: string, quantity: number): CartLine[] => {
    const c = cart(shopper);
    if (quantity > maxQuantity) {
      throw new ShopError('SHOP_ERR_QUANTITY_LIMIT', `at most ${maxQuantity} units of one product`);
    }
    if (!c.has(productId) && quantity > 0 && c.size >= maxLines) {
      throw new ShopError('SHOP_ERR_CART_FULL', `at most ${maxLines} products`);
    }
    if (quantity <= 0) c.delete(productId);
    else c.set(productId, quantity);
    return lines(shopper);
  };
  return {
    kind: 'redis',
    read: async (scope) => lines(scope.shopper),
    add: async (scope, productId, quantity) =>
      change(scope.shopper, productId, (cart(scope.shopper).get(productId) ?? 0) + quantity),
    set: async (scope, productId, quantity) => change(scope.shopper, productId, quantity),
    async checkout(scope, orderId, idempotencyKey) {
      const earlier = idempotencyKey === undefined ? undefined : orders.get(`${scope.shopper}:${idempotencyKey}`);
      if (earlier) return earlier;
      const l = lines(scope.shopper);
      if (l.length === 0) return undefined;
      carts.delete(scope.shopper);
      const order: OrderRecord = { orderId, lines: l, createdAt: new Date().toISOString() };
      orders.set(`${scope.shopper}:${orderId}`, order);
      if (idempotencyKey !== undefined) orders.set(`${scope.shopper}:${idempotencyKey}`, order);
      return order;
    },
    order: async (scope, orderId) => orders.get(`${scope.shopper}:${orderId}`),
    count: async () => carts.size,
  };
}
