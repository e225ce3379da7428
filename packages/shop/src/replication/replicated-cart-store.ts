// Carts and orders in this process's memory as in the stateful variant, each shopper's as two records of the
// replica map (lines `c:<shopper>`, orders `o:<shopper>`), so every change is a versioned record shipped to every
// peer. The change is made synchronously (no other request of this node interleaves), then replicator.commit
// decides when to answer.
import type { CartStoreKind } from '../config.ts';
import { addLine, setLine } from '../cart/cart-lines.ts';
import type { CartLimits, CartLine, CartScope, CartStore, OrderRecord } from '../cart/cart-store.ts';
import type { Replicator } from './replicator.ts';

/** Orders kept per shopper (with their idempotency keys), as the session cart store does: a record stays small. */
const MAX_ORDERS = 20;

export interface ReplicatedCartStoreOptions {
  readonly idleSeconds: number;
  readonly limits: CartLimits;
}

export function createReplicatedCartStore(replicator: Replicator, options: ReplicatedCartStoreOptions): CartStore {
  const { map } = replicator;
  const idleMs = options.idleSeconds * 1000;
  const lines = (scope: CartScope): CartLine[] =>
    (map.get(`c:${scope.shopper}`) as { lines: CartLine[] } | undefined)?.lines ?? [];
  const orders = (scope: CartScope): OrderRecord[] =>
    (map.get(`o:${scope.shopper}`) as { orders: OrderRecord[] } | undefined)?.orders ?? [];
  const copy = (l: readonly CartLine[]): CartLine[] => l.map((x) => ({ ...x }));
  const write = (key: string, value: object) => replicator.commit(map.write(key, value, Date.now() + idleMs));
  const change = async (scope: CartScope, next: CartLine[]): Promise<CartLine[]> => {
    await write(`c:${scope.shopper}`, { lines: next });
    return copy(next);
  };
  const touch = (key: string) => {
    const touched = map.touch(key, Date.now() + idleMs, idleMs / 10);
    if (touched) replicator.shipLater(touched);
  };

  return {
    kind: 'memory' satisfies CartStoreKind,
    read: async (scope) => {
      touch(`c:${scope.shopper}`);
      touch(`o:${scope.shopper}`);
      return copy(lines(scope));
    },
    add: async (scope, productId, quantity) =>
      change(scope, addLine(lines(scope), productId, quantity, options.limits)),
    set: async (scope, productId, quantity) =>
      change(scope, setLine(lines(scope), productId, quantity, options.limits)),
    checkout: async (scope, orderId, idempotencyKey) => {
      const past = orders(scope);
      const previous = idempotencyKey === undefined ? undefined : past.find((o) => o.idempotencyKey === idempotencyKey);
      if (previous) return previous;
      const current = lines(scope);
      if (current.length === 0) return undefined;
      const order: OrderRecord = { orderId, lines: copy(current), createdAt: new Date().toISOString() };
      if (idempotencyKey !== undefined) order.idempotencyKey = idempotencyKey;
      // Both records in the same turn: one message per peer carries them, applied there in one step.
      await Promise.all([
        write(`o:${scope.shopper}`, { orders: [...past, order].slice(-MAX_ORDERS) }),
        write(`c:${scope.shopper}`, { lines: [] }),
      ]);
      return order;
    },
    order: async (scope, orderId) => orders(scope).find((o) => o.orderId === orderId),
    count: async () => map.carts(),
  };
}
