// Shop errors: a stable code and an HTTP status (null: thrown at start, never an HTTP answer). Callers and tests
// match on `code`, never on the message. Every code here is listed in docs/errors.md (a test keeps both in step).
import { defineErrors } from '@stateshift/errors';

export const SHOP_ERRORS = {
  SHOP_ERR_BAD_JSON: 400,
  SHOP_ERR_MALFORMED_REQUEST: 400,
  SHOP_ERR_REQUEST_TIMEOUT: 408,
  SHOP_ERR_HEADERS_TOO_LARGE: 431,
  SHOP_ERR_BODY_TOO_LARGE: 413,
  SHOP_ERR_INVALID_INPUT: 400,
  SHOP_ERR_INVALID_QUANTITY: 400,
  SHOP_ERR_INVALID_IDEMPOTENCY_KEY: 400,
  SHOP_ERR_PRODUCT_NOT_FOUND: 404,
  SHOP_ERR_ORDER_NOT_FOUND: 404,
  SHOP_ERR_NOT_FOUND: 404,
  SHOP_ERR_METHOD_NOT_ALLOWED: 405,
  SHOP_ERR_CART_FULL: 409,
  SHOP_ERR_QUANTITY_LIMIT: 409,
  SHOP_ERR_CART_EMPTY: 409,
  SHOP_ERR_STORE_UNAVAILABLE: 503,
  SHOP_ERR_STORE_INDETERMINATE: 503,
  SHOP_ERR_SHUTTING_DOWN: 503,
  SHOP_ERR_CAPACITY: 503,
  SHOP_ERR_INTERNAL: 500,
  SHOP_ERR_CONFIG: null,
  // The replicated variant (src/replication/): a write no peer confirmed, a write that lost to a newer one.
  SHOP_ERR_REPLICATION_INDETERMINATE: 503,
  SHOP_ERR_REPLICATION_CONFLICT: 409,
  SHOP_ERR_JOIN_FAILED: null,
  // Refusals of the peer port: logged by the refusing node, answered to the sender; nothing is changed.
  SHOP_ERR_PEER_UNSIGNED: 401,
  SHOP_ERR_PEER_BAD_SIGNATURE: 401,
  SHOP_ERR_PEER_STALE_MESSAGE: 401,
  SHOP_ERR_PEER_MALFORMED: 400,
  SHOP_ERR_PEER_TOO_LARGE: 413,
  SHOP_ERR_PEER_FUTURE_VERSION: 409,
  SHOP_ERR_PEER_NOT_FOUND: 404,
} as const;

const shop = defineErrors('ShopError', SHOP_ERRORS);

export type ShopErrorCode = keyof typeof SHOP_ERRORS;
export const ShopError = shop.Error;
export type ShopError = InstanceType<typeof ShopError>;
export const isShopError = shop.is;
/** The status the shop answers `code` with where it has no error object (a refusal of Node's parser). */
export const shopHttpStatus = shop.httpStatus;

export type StoreFailureCode = 'SHOP_ERR_STORE_UNAVAILABLE' | 'SHOP_ERR_STORE_INDETERMINATE';

const STORE_FAILURE: Record<StoreFailureCode, string> = {
  SHOP_ERR_STORE_UNAVAILABLE: 'the store is unavailable; nothing was changed',
  SHOP_ERR_STORE_INDETERMINATE: 'a write was sent to the store and not confirmed; it may or may not be applied',
};

/** A store failure with this code: a raw error is wrapped, a store failure of the other code re-coded (keeping
 *  its root cause), any other ShopError passes through. */
export function storeFailure(code: StoreFailureCode, cause: unknown): ShopError {
  if (isShopError(cause) && (!isStoreFailure(cause) || cause.code === code)) return cause;
  const root = isStoreFailure(cause) && cause.cause !== undefined ? cause.cause : cause;
  return new ShopError(code, `${STORE_FAILURE[code]}: ${why(root)}`, { cause: root });
}

export function isStoreFailure(err: unknown): err is ShopError {
  return isShopError(err) && err.code in STORE_FAILURE;
}

function why(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
