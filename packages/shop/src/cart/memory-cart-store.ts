// Carts and orders in this process's memory, keyed by shopper (the stateful variant). Lost when the process ends,
// invisible to every other node; an entry idle longer than the session timeout is dropped.
import type { CartStoreKind } from '../config.ts';
import { addLine, setLine } from './cart-lines.ts';
import type { CartLimits, CartLine, CartScope, CartStore, OrderRecord } from './cart-store.ts';

interface Entry {
  lines: CartLine[];
  orders: Map<string, OrderRecord>;
  byKey: Map<string, string>;
  touchedAt: number;
}

export interface MemoryCartStoreOptions {
  readonly idleSeconds: number;
  readonly limits: CartLimits;
  readonly now?: () => number;
}

export function createMemoryCartStore(options: MemoryCartStoreOptions): CartStore {
  const entries = new Map<string, Entry>();
  const now = options.now ?? Date.now;
  const idleMs = options.idleSeconds * 1000;
  let ops = 0;

  const sweep = (): void => {
    const cutoff = now() - idleMs;
    for (const [shopper, entry] of entries) if (entry.touchedAt < cutoff) entries.delete(shopper);
  };
  const entry = (scope: CartScope): Entry => {
    if (++ops % 1000 === 0) sweep();
    let e = entries.get(scope.shopper);
    if (!e || e.touchedAt < now() - idleMs) {
      e = { lines: [], orders: new Map(), byKey: new Map(), touchedAt: now() };
      entries.set(scope.shopper, e);
    }
    e.touchedAt = now();
    return e;
  };
  const copy = (lines: CartLine[]): CartLine[] => lines.map((l) => ({ ...l }));

  return {
    kind: 'memory' satisfies CartStoreKind,
    read: async (scope) => copy(entry(scope).lines),
    add: async (scope, productId, quantity) => {
      const e = entry(scope);
      e.lines = addLine(e.lines, productId, quantity, options.limits);
      return copy(e.lines);
    },
    set: async (scope, productId, quantity) => {
      const e = entry(scope);
      e.lines = setLine(e.lines, productId, quantity, options.limits);
      return copy(e.lines);
    },
    checkout: async (scope, orderId, key) => {
      const e = entry(scope);
      const previous = key === undefined ? undefined : e.orders.get(e.byKey.get(key) ?? '');
      if (previous) return previous;
      if (e.lines.length === 0) return undefined;
      const order: OrderRecord = { orderId, lines: e.lines, createdAt: new Date(now()).toISOString() };
      e.orders.set(orderId, order);
      if (key !== undefined) e.byKey.set(key, orderId);
      e.lines = [];
      return order;
    },
    order: async (scope, orderId) => entries.get(scope.shopper)?.orders.get(orderId),
    count: async () => {
      sweep();
      let n = 0;
      for (const e of entries.values()) if (e.lines.length > 0) n++;
      return n;
    },
  };
}
