// The CartStore seam: where a shopper's cart and orders live (process memory, Redis, or the session itself).
// Chosen once at the composition root (main.ts); routes never know which one they talk to.
import type { CartStoreKind } from '../config.ts';

export interface CartLine {
  productId: string;
  quantity: number;
}

export interface OrderRecord {
  orderId: string;
  lines: CartLine[];
  createdAt: string;
  idempotencyKey?: string;
}

export interface CartLimits {
  /** Distinct products in one cart. */
  readonly maxLines: number;
  /** Units of one product. */
  readonly maxQuantity: number;
}

export const DEFAULT_LIMITS: CartLimits = Object.freeze({ maxLines: 50, maxQuantity: 99 });

/** What a store may use of the session: its cart/orders fields (session store) and a durable save. */
interface CartSession {
  cart?: CartLine[];
  orders?: OrderRecord[];
}

export interface CartScope {
  /** Stable id of the shopper, kept in the session across login (session id regeneration). */
  readonly shopper: string;
  readonly session: CartSession;
  /** Persists the session; resolves only once the session store acknowledged it. */
  save(): Promise<void>;
}

export interface CartStore {
  readonly kind: CartStoreKind;
  read(scope: CartScope): Promise<CartLine[]>;
  /** Adds quantity; throws SHOP_ERR_CART_FULL / SHOP_ERR_QUANTITY_LIMIT and changes nothing past a limit. */
  add(scope: CartScope, productId: string, quantity: number): Promise<CartLine[]>;
  /** Sets the quantity; 0 removes the line. */
  set(scope: CartScope, productId: string, quantity: number): Promise<CartLine[]>;
  /** Cart → order, cart emptied, atomically. undefined when the cart is empty (and no order has this key). */
  checkout(scope: CartScope, orderId: string, idempotencyKey?: string): Promise<OrderRecord | undefined>;
  order(scope: CartScope, orderId: string): Promise<OrderRecord | undefined>;
  /** Carts this store holds (non-empty), or null when it cannot tell cheaply. */
  count(): Promise<number | null>;
}
