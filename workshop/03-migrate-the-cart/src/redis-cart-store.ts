// Exercise 03: the cart in Redis, so that every node can serve every shopper. Fill in the TODOs, then run
// `pnpm workshop check 03`. Keep the whole cart of one shopper under one key: `${prefix}cart:${scope.shopper}`.
import {
  ShopError, type CartLimits, type CartLine, type CartStore, type OrderRecord, type RedisConnection,
} from '@stateshift/shop';

export interface WorkshopCartStoreOptions {
  /** The session's idle timeout: the cart must expire together with it (EXPIRE after every change). */
  readonly idleSeconds: number;
  readonly limits: CartLimits;
  /** Every key you write starts with this. */
  readonly prefix: string;
}

/** Answers 500 with this text, so the check shows which part is still to do. Remove when done. */
const todo = (what: string) => new ShopError('SHOP_ERR_INTERNAL', `TODO ${what}`);

export function createCartStore(redis: RedisConnection, options: WorkshopCartStoreOptions): CartStore {
  const cartKey = (shopper: string) => `${options.prefix}cart:${shopper}`;
  const orderKey = (shopper: string, orderId: string) => `${options.prefix}order:${shopper}:${orderId}`;
  void cartKey; void orderKey; void redis; // remove once you use them

  return {
    kind: 'redis',
    async read(scope): Promise<CartLine[]> {
      // TODO: read the shopper's cart from Redis (a hash of productId → quantity is a good shape: HGETALL).
      throw todo(`read the cart of ${scope.shopper}`);
    },
    async add(scope, productId, quantity): Promise<CartLine[]> {
      // TODO: add `quantity` units (HINCRBY), refuse past the limits without changing anything:
      //   more than options.limits.maxQuantity units → throw new ShopError('SHOP_ERR_QUANTITY_LIMIT', '...')
      //   a new line when the cart has options.limits.maxLines lines → throw new ShopError('SHOP_ERR_CART_FULL', '...')
      // then refresh the expiry (EXPIRE cartKey options.idleSeconds) and return the cart.
      // Two nodes run this at the same time for one shopper: a limit checked before the write lets a burst pass it
      // (see the README's hints).
      throw todo(`add ${quantity} × ${productId}`);
    },
    async set(scope, productId, quantity): Promise<CartLine[]> {
      // TODO: set the quantity (HSET); 0 removes the line (HDEL). Same limits and expiry as add.
      throw todo(`set ${productId} to ${quantity}`);
    },
    async checkout(scope, orderId, idempotencyKey): Promise<OrderRecord | undefined> {
      // TODO: turn the cart into an order and empty the cart in one step (MULTI: HGETALL + DEL), store the order
      // as JSON under orderKey(...), and return it; return undefined when the cart was empty.
      // (Idempotency: if idempotencyKey is given, a second checkout with it returns the first order.)
      throw todo(`checkout ${orderId} (key: ${idempotencyKey ?? 'none'})`);
    },
    async order(scope, orderId): Promise<OrderRecord | undefined> {
      // TODO: read the order stored by checkout, or undefined.
      throw todo(`read order ${orderId}`);
    },
    async count(): Promise<number | null> {
      // Optional: how many carts exist. null means "cannot tell cheaply", which /healthz accepts.
      return null;
    },
  };
}
