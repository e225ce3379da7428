// Exercise 01, your answers: replace each null, then run `pnpm workshop check 01`.
export const answers = {
  /** Q1. Sticky balancer over 2 stateful nodes: one shopper adds an item, then reads the cart 10 times.
   *  How many different nodes (x-served-by) serve those 10 reads? A number. */
  stickyDistinctNodes: null,
  /** Q2. Round-robin balancer over the same 2 nodes: one shopper adds an item, then reads the cart 10 times.
   *  In how many of those 10 reads is the item there? A number. */
  roundRobinReadsWithItem: null,
  /** Q3. Where does the stateful shop keep the cart? 'cookie' | 'balancer' | 'node-memory' | 'redis' */
  cartLivesIn: null,
  /** Q4. What does the shop.sid cookie carry? 'the-cart' | 'a-signed-session-id' | 'the-node-address' */
  sessionCookieCarries: null,
};
