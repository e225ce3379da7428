// The workshop's errors, each with a stable code: a check not yet passed, an unreadable answers file, bad usage.
// Callers match on `code`; the message is for the trainee and says what to do next. None is an HTTP answer.
import { defineErrors } from '@stateshift/errors';

export const WORKSHOP_ERRORS = {
  WORKSHOP_ERR_NOT_YET: null,
  WORKSHOP_ERR_ANSWERS: null,
  WORKSHOP_ERR_USAGE: null,
  WORKSHOP_ERR_TIMEOUT: null,
} as const;

const workshop = defineErrors('WorkshopError', WORKSHOP_ERRORS);

export type WorkshopErrorCode = keyof typeof WORKSHOP_ERRORS;
export const WORKSHOP_ERROR_CODES = workshop.codes;

/** The family's error plus what the trainee is shown next to it: a hint, and (with --reveal) the measured value. */
export class WorkshopError extends workshop.Error {
  readonly hint: string | undefined;
  /** What the real run measured, shown only with --reveal (a wrong prediction must not learn the answer). */
  readonly reveal: string | undefined;

  constructor(code: WorkshopErrorCode, message: string, hint?: string, reveal?: string) {
    super(code, message);
    this.hint = hint;
    this.reveal = reveal;
  }
}

/** A check that does not pass yet: `message` says what was expected and what was seen, `hint` what to try. */
export function notYet(message: string, hint?: string): WorkshopError {
  return new WorkshopError('WORKSHOP_ERR_NOT_YET', message, hint);
}

/** A wrong prediction: `message` says what was wrong about it, `reveal` the measured value (--reveal only). */
export function missed(message: string, reveal: string, hint?: string): WorkshopError {
  return new WorkshopError('WORKSHOP_ERR_NOT_YET', message, hint, reveal);
}
