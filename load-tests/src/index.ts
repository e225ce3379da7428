// Public surface of @stateshift/load-tests: the results contract, the checker, and the experiment runner.
export * from './results-schema.ts';
export { checkCart, checkIntegrity, type CartCheck, type CartVerdict } from './checker/check-integrity.ts';
export type { ReadBack, RequestRecord, ShopperHistory, WriteOp, WriteRecord } from './shoppers/history.ts';
export { EXPERIMENTS, EXPERIMENT_NAMES, experimentByName, type ExperimentDefinition } from './experiments/definitions.ts';
export { parseExperimentArgs, DEFAULT_OPTIONS, type ExperimentOptions } from './experiments/options.ts';
export { runExperiment } from './experiments/run-experiment.ts';
export { writeRun } from './experiments/write-results.ts';
export { ExperimentError, EXPERIMENT_ERROR_CODES, type ExperimentErrorCode } from './experiments/experiment-error.ts';
