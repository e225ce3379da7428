// The shop's variants and cart stores as values: what the cluster and the experiments accept and the shop wires.
// Imports nothing, so a package that only needs the names (the cluster) does not load the shop.
export const VARIANT_VALUES = ['stateful', 'stateless', 'replicated'] as const;
export const CART_STORE_VALUES = ['memory', 'redis', 'session'] as const;

export type Variant = (typeof VARIANT_VALUES)[number];
export type CartStoreKind = (typeof CART_STORE_VALUES)[number];
