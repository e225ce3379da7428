// Errors of the experiment runner, each with a stable code (house style 4). The CLI prints the message and
// exits 2 for bad input, 1 for a run that failed.

export const EXPERIMENT_ERROR_CODES = [
  'EXPERIMENT_ERR_OPTIONS', // a flag or its value is not accepted
  'EXPERIMENT_ERR_UNKNOWN', // no experiment by that name
  'EXPERIMENT_ERR_SETUP', // the shop did not answer as expected before the load (no products...)
  'EXPERIMENT_ERR_RESULTS', // results.json would not validate against its schema
  'EXPERIMENT_ERR_ABORTED', // Ctrl-C
] as const;

export type ExperimentErrorCode = (typeof EXPERIMENT_ERROR_CODES)[number];

export class ExperimentError extends Error {
  readonly code: ExperimentErrorCode;

  constructor(code: ExperimentErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExperimentError';
    this.code = code;
  }
}
