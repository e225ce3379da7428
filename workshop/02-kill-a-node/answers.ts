// Exercise 02, your answers: replace each null, then run `pnpm workshop check 02`.
export const answers = {
  /** Q1. 2 stateful nodes behind a sticky balancer, 20 shoppers with a cart each; one node is killed.
   *  What share of the carts is lost? A number from 0 to 1. */
  lostShare2Nodes: null,
  /** Q2. The same with 4 nodes, one killed. A number from 0 to 1. */
  lostShare4Nodes: null,
  /** Q3. How many carts does the stateless variant lose when one node is killed? A number. */
  statelessCartsLost: null,
  /** Q4. Whose carts are lost? 'the-killed-node' | 'any-node' | 'the-newest-shoppers' */
  lostCartsBelongTo: null,
};
