// The environment of a workshop store node, read once: the shop's own config plus the trainee's cart store module
// (WORKSHOP_CART_STORE_MODULE), the key prefix it must use and the line limit of the check. The only file of the
// entry that reads the environment; errors name the variable and what it accepts.
import { DEFAULT_LIMITS, loadConfig, type CartLimits, type ShopConfig } from '@stateshift/shop';

export interface StoreNodeConfig {
  readonly shop: ShopConfig;
  readonly storeModule: string;
  readonly prefix: string;
  readonly limits: CartLimits;
}

export function loadStoreConfig(env: Readonly<Record<string, string | undefined>>): StoreNodeConfig {
  const storeModule = env.WORKSHOP_CART_STORE_MODULE;
  if (!storeModule) throw new Error('WORKSHOP_CART_STORE_MODULE must name the module that exports createCartStore');
  const prefix = env.WORKSHOP_CART_PREFIX ?? 'ws:';
  if (!/^[\w:.-]{1,32}$/.test(prefix)) {
    throw new Error(`WORKSHOP_CART_PREFIX=${JSON.stringify(prefix)} is not valid; ` +
      'accepted: letters, digits, : . _ - (1..32)');
  }
  const lines = env.WORKSHOP_MAX_LINES;
  const maxLines = lines === undefined || lines === '' ? DEFAULT_LIMITS.maxLines : Number(lines);
  if (!Number.isInteger(maxLines) || maxLines < 1 || maxLines > 1000) {
    throw new Error(`WORKSHOP_MAX_LINES=${JSON.stringify(lines)} is not valid; accepted: an integer in 1..1000`);
  }
  return Object.freeze({
    shop: loadConfig(env, { variant: 'stateless', cartStores: ['redis'] }),
    storeModule,
    prefix,
    limits: Object.freeze({ maxLines, maxQuantity: DEFAULT_LIMITS.maxQuantity }),
  });
}
