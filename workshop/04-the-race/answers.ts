// Exercise 04, your answers: replace each null, then run `pnpm workshop check 04`.
export const answers = {
  /** Q1. With CART_STORE=session (the cart inside the session, saved whole), does a burst of concurrent adds by one
   *  shopper lose updates? true | false */
  sessionCartLosesUpdates: null,
  /** Q2. Why? 'last-write-wins' | 'redis-drops-writes' | 'the-balancer-retries' */
  whyLost: null,
};
