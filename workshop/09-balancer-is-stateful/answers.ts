// Exercise 09, your answers: replace each null, then run `pnpm workshop check 09`.
// Setup: 2 stateful nodes behind a sticky balancer; 20 shoppers with one item each, every one pinned to the node
// that holds its cart. The balancer is SIGKILLed and started again on the same ports (what `restart-balancer` does).
export const answers = {
  /** Q1. Between the SIGKILL and the new balancer's start, a shopper's request gets:
   *  'connection-refused' | 'error-503' | 'served-by-a-node' */
  balancerDown: null,
  /** Q2-Q4. After the restart, the 20 shoppers read their carts. What do they see?
   *  'every-cart-kept' | 'some-carts-lost' | 'every-cart-lost'
   *  Q2: --affinity table (the balancer remembers each pin in its own memory) */
  tableRestart: null,
  /** Q3: --affinity signed, restarted with the same LB_AFFINITY_SECRET */
  signedRestart: null,
  /** Q4: --affinity signed, restarted with a NEW LB_AFFINITY_SECRET (a deploy that generated a fresh one) */
  signedNewSecret: null,
  /** Q5. What must every instance of a signed balancer share (a restarted one, a second one behind DNS)?
   *  'the-affinity-secret' | 'the-pin-table' | 'nothing' */
  signedMustShare: null,
};
