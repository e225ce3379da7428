// The workshop's errors, each with a stable code: a check not yet passed, an unreadable answers file, bad usage.
// Callers match on `code`; the message is for the trainee and says what to do next.
export const WORKSHOP_ERROR_CODES = ['WORKSHOP_ERR_NOT_YET', 'WORKSHOP_ERR_ANSWERS', 'WORKSHOP_ERR_USAGE', 'WORKSHOP_ERR_TIMEOUT'] as const;
export type WorkshopErrorCode = (typeof WORKSHOP_ERROR_CODES)[number];

export class WorkshopError extends Error {
  readonly code: WorkshopErrorCode;
  readonly hint: string | undefined;
  /** What the real run measured, shown only with --reveal (a wrong prediction must not learn the answer). */
  readonly reveal: string | undefined;

  constructor(code: WorkshopErrorCode, message: string, hint?: string, reveal?: string) {
    super(message);
    this.name = 'WorkshopError';
    this.code = code;
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
