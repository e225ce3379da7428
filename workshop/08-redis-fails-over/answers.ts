// Exercise 08, your answers: replace each null, then run `pnpm workshop check 08`.
export const answers = {
  /** Q1. The primary is SIGKILLed under load (the sentinels' down-after-milliseconds is 1000). For how many
   *  seconds do your nodes fail adds (503) before they store adds on the promoted replica? A number, 0..30. */
  errorWindowSeconds: null,
  /** Q2. A control node of the check runs without REDIS_WAIT. Which of its acknowledged (2xx) adds are gone
   *  after the failover? 'none' | 'those acknowledged while the replica was cut off' | 'every acknowledged add' */
  lostWithoutWait: null,
  /** Q3. With your REDIS_WAIT: once the replica is promoted, the topology has one data node until the old primary
   *  comes back as its replica. What do adds to your nodes answer in between?
   *  '200' | '503 SHOP_ERR_STORE_INDETERMINATE' | '503 SHOP_ERR_STORE_UNAVAILABLE' */
  answerAfterPromotion: null,
};
