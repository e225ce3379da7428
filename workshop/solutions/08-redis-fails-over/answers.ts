// Exercise 08, reference answers.
export const answers = {
  /** The sentinels need down-after-milliseconds (1 s) to call the primary down, then agree and promote, and the nodes
   *  must learn of the promotion: ~4 s. */
  errorWindowSeconds: 4,
  /** Replication is asynchronous: what the primary acknowledged while the replica was cut off never reached it. */
  lostWithoutWait: 'those acknowledged while the replica was cut off',
  /** WAIT 1 with no replica left: every write is stored on the new primary but not confirmed. */
  answerAfterPromotion: '503 SHOP_ERR_STORE_INDETERMINATE',
};
