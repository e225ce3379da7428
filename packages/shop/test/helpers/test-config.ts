// What the test helpers read from the environment, once. SHOP_TEST_REDIS_CART_STORE names a module exporting
// createCartStore(redis, { idleSeconds, limits, prefix }) to use wherever the suites use the shop's own Redis cart
// store: `pnpm workshop check 03` runs these very suites against a trainee's store that way.
export const REDIS_CART_STORE_MODULE: string | undefined = process.env.SHOP_TEST_REDIS_CART_STORE || undefined;
