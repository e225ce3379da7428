// The cart inside the session object, saved whole (the classic way, kept on purpose for the race lesson):
// two concurrent requests of one shopper each load the session, change it, and save it; the last write wins.
import type { CartLimits, CartScope, CartStore, OrderRecord } from './cart-store.ts';
import { addLine, setLine } from './cart-lines.ts';

/** Orders kept per session; older ones drop off so a session stays small. */
const MAX_ORDERS = 20;

export function createSessionCartStore(options: { readonly limits: CartLimits }): CartStore {
  const lines = (scope: CartScope) => (scope.session.cart ?? []).map((l) => ({ ...l }));
  const commit = async (scope: CartScope, next: OrderRecord['lines']) => {
    scope.session.cart = next;
    await scope.save();
    return lines(scope);
  };
  return {
    kind: 'session',
    read: async (scope) => lines(scope),
    add: async (scope, productId, quantity) =>
      commit(scope, addLine(lines(scope), productId, quantity, options.limits)),
    set: async (scope, productId, quantity) =>
      commit(scope, setLine(lines(scope), productId, quantity, options.limits)),
    checkout: async (scope, orderId, key) => {
      const orders = scope.session.orders ?? [];
      const previous = key === undefined ? undefined : orders.find((o) => o.idempotencyKey === key);
      if (previous) return previous;
      const current = lines(scope);
      if (current.length === 0) return undefined;
      const order: OrderRecord = { orderId, lines: current, createdAt: new Date().toISOString() };
      if (key !== undefined) order.idempotencyKey = key;
      scope.session.orders = [...orders, order].slice(-MAX_ORDERS);
      scope.session.cart = [];
      await scope.save();
      return order;
    },
    order: async (scope, orderId) => (scope.session.orders ?? []).find((o) => o.orderId === orderId),
    count: async () => null,
  };
}
