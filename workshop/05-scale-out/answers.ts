// Exercise 05, your answers: replace each null, then run `pnpm workshop check 05`.
export const answers = {
  /** Q1. Sticky balancer, 2 nodes, 12 shoppers already shopping. A third node joins. Those same 12 shoppers keep
   *  going: what share of their requests does the new node serve? A number from 0 to 1. */
  stickyShareOnNewNode: null,
  /** Q2. The same with a round-robin balancer. A number from 0 to 1. */
  roundRobinShareOnNewNode: null,
  /** Q3. Sticky, after the third node joined: 12 NEW shoppers arrive. How many are pinned to the new node? */
  newShoppersOnNewNodeSticky: null,
  /** Q4. When does the sticky skew fade? 'when-old-sessions-end' | 'the-balancer-moves-sessions' | 'never' */
  skewFades: null,
};
