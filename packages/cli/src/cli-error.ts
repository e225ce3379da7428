// The one error of a command line: which flag (or command), the value given, and what is accepted. Each CLI
// reports it under its own code (EXPERIMENT_ERR_OPTIONS, DEMO_ERR_FLAGS, ...) with this error as the cause.
import { defineErrors } from '@stateshift/errors';

const family = defineErrors('CliError', {
  CLI_ERR_FLAG: null, // an unknown flag, a flag without its value, or a value out of range
  CLI_ERR_COMMAND: null, // a missing or unknown command (or experiment, benchmark, ...)
});

/** The table (code → status, null: never an HTTP answer), for the docs/errors.md check. */
export const CLI_ERRORS = family.table;
export const CLI_ERROR_CODES = family.codes;
export type CliErrorCode = (typeof family.codes)[number];

export interface CliProblem {
  /** The flag as typed (`--nodes`), or null for a command word. */
  flag: string | null;
  /** The value given; undefined when none was. */
  value: string | undefined;
  /** The accepted values, or a description of them ("an integer 1..16"). */
  accepted: readonly string[] | string;
}

export class CliError extends family.Error implements CliProblem {
  readonly flag: string | null;
  readonly value: string | undefined;
  readonly accepted: readonly string[] | string;

  constructor(code: CliErrorCode, message: string, problem: CliProblem) {
    super(code, message);
    this.flag = problem.flag;
    this.value = problem.value;
    this.accepted = problem.accepted;
  }
}

/** The accepted values as a reader sees them: `a | b | c`, or the description as is. */
export function acceptedText(accepted: readonly string[] | string): string {
  return typeof accepted === 'string' ? accepted : accepted.join(' | ');
}
