// Exercise 07, your answers: replace each null, then run `pnpm workshop check 07`.
// Setup: 2 stateful nodes behind a sticky balancer. Each shopper has one item in its cart.
export const answers = {
  /** Q1. A node is drained. The next request of a shopper pinned to it goes to: 'the-draining-node' | 'another-node' */
  drainPinnedShopper: null,
  /** Q2. While it drains, a brand-new shopper goes to: 'the-draining-node' | 'another-node' */
  drainNewShopper: null,
  /** Q3-Q5. A node is killed. The next cart read of a shopper pinned to it sees, for each --sticky-miss policy:
   *  'another-node-empty-cart' | 'another-node-cart-intact' | 'error-503' | 'no-answer' */
  missContinue: null,
  missReject: null,
  missDrop: null,
  /** Q6. What would let 'continue' carry on without losing the shopper's state?
   *  'session-state-replication' | 'longer-timeouts' | 'more-nodes' */
  makesContinueSafe: null,
};
