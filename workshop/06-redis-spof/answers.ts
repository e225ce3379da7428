// Exercise 06, your answers: replace each null, then run `pnpm workshop check 06`.
export const answers = {
  /** Q1. Redis runs without persistence (our default). It is stopped and started again. Is a cart written before
   *  the stop still there after? true | false */
  cartSurvivesRestartWithoutPersistence: null,
  /** Q2. The same with appendonly yes (fsync every second), stopped cleanly. true | false */
  cartSurvivesRestartWithAppendonly: null,
};
