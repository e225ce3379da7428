// The fuzz suites' knobs, read once. The environment may lengthen a local hunt or change its seed (see
// fuzz-requests.test.ts), never what a case asserts.

export const SEED = Number(process.env.LB_FUZZ_SEED ?? 0x5eed1);
export const CASES = Number(process.env.LB_FUZZ_CASES ?? 100);
export const ANSWER_CASES = Number(process.env.LB_FUZZ_ANSWER_CASES ?? 80);
/** Failing cases shown in full in the report (all are counted and listed by number). */
export const SHOW = Number(process.env.LB_FUZZ_SHOW ?? 3);
/** A case that has not ended by then is a hang: the client half-closes, so every engine must finish and close. */
export const CASE_DEADLINE_MS = 1000;
