// Errors of the experiment runner, each with a stable code (house style 4). The CLI prints the message and
// exits 2 for bad input, 1 for a run that failed; none is an HTTP answer (status null).
import { defineErrors } from '@stateshift/errors';

export const EXPERIMENT_ERRORS = {
  EXPERIMENT_ERR_OPTIONS: null, // a flag or its value is not accepted
  EXPERIMENT_ERR_UNKNOWN: null, // no experiment by that name
  EXPERIMENT_ERR_SETUP: null, // the shop did not answer as expected before the load (no products...)
  EXPERIMENT_ERR_RESULTS: null, // results.json would not validate against its schema
  EXPERIMENT_ERR_ABORTED: null, // Ctrl-C
} as const;

const experiment = defineErrors('ExperimentError', EXPERIMENT_ERRORS);

export type ExperimentErrorCode = keyof typeof EXPERIMENT_ERRORS;
export const EXPERIMENT_ERROR_CODES = experiment.codes;
export const ExperimentError = experiment.Error;
export type ExperimentError = InstanceType<typeof ExperimentError>;
