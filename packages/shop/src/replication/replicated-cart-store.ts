// Carts and orders in this process's memory as in the stateful variant, each shopper's as one record of the
// replica map (`c:<shopper>`), so every change is one versioned record shipped to every peer. The change is made
// synchronously (no other request of this node interleaves), then replicator.commit decides when to answer.
import type { CartStoreKind } from '../config.ts';
import { addLine, setLine } from '../cart/cart-lines.ts';
import type { CartLimits, CartLine, CartScope, CartStore, OrderRecord } from '../cart/cart-store.ts';
import type { Replicator } from './replicator.ts';

/** Orders kept per shopper (with their idempotency keys), as the session cart store does: a record stays small. */
export const MAX_ORDERS = 20;

export interface CartValue {
  lines: CartLine[];
  orders: OrderRecord[];
}

export interface ReplicatedCartStoreOptions {
  readonly idleSeconds: number;
  readonly limits: CartLimits;
}

export function createReplicatedCartStore(replicator: Replicator, options: ReplicatedCartStoreOptions): CartStore {
  const { map } = replicator;
  const idleMs = options.idleSeconds * 1000;
  const key = (scope: CartScope) => `c:${scope.shopper}`;
  const current = (scope: CartScope): CartValue => (map.get(key(scope)) as CartValue | undefined) ?? { lines: [], orders: [] };
  const copy = (lines: readonly CartLine[]): CartLine[] => lines.map((l) => ({ ...l }));
  const commit = async (scope: CartScope, next: CartValue): Promise<void> => {
    await replicator.commit(map.write(key(scope), next, Date.now() + idleMs));
  };
  const change = async (scope: CartScope, lines: CartLine[]): Promise<CartLine[]> => {
    await commit(scope, { lines, orders: current(scope).orders });
    return copy(lines);
  };

  return {
    kind: 'memory' satisfies CartStoreKind,
    read: async (scope) => {
      const touched = map.touch(key(scope), Date.now() + idleMs, idleMs / 10);
      if (touched) replicator.shipLater(touched);
      return copy(current(scope).lines);
    },
    add: async (scope, productId, quantity) => change(scope, addLine(current(scope).lines, productId, quantity, options.limits)),
    set: async (scope, productId, quantity) => change(scope, setLine(current(scope).lines, productId, quantity, options.limits)),
    checkout: async (scope, orderId, idempotencyKey) => {
      const { lines, orders } = current(scope);
      const previous = idempotencyKey === undefined ? undefined : orders.find((o) => o.idempotencyKey === idempotencyKey);
      if (previous) return previous;
      if (lines.length === 0) return undefined;
      const order: OrderRecord = { orderId, lines: copy(lines), createdAt: new Date().toISOString() };
      if (idempotencyKey !== undefined) order.idempotencyKey = idempotencyKey;
      await commit(scope, { lines: [], orders: [...orders, order].slice(-MAX_ORDERS) });
      return order;
    },
    order: async (scope, orderId) => current(scope).orders.find((o) => o.orderId === orderId),
    count: async () => map.carts(),
  };
}
