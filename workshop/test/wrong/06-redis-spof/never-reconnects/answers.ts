// Exercise 06, reference answers: without persistence a restart starts empty; the append-only file replays the writes.
export const answers = {
  cartSurvivesRestartWithoutPersistence: false,
  cartSurvivesRestartWithAppendonly: true,
};
