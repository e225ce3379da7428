// Public surface of @stateshift/load-tests: the results contract, the checker, and the experiment runner.
export * from './results-schema.ts';
export { checkCart, checkIntegrity, type CartCheck, type CartVerdict } from './checker/check-integrity.ts';
export type { CartLine, ReadBack, RequestRecord, ShopperHistory, WriteOp, WriteRecord } from './shoppers/history.ts';
export {
  EXPERIMENTS, EXPERIMENT_NAMES, experimentByName, type ExperimentDefinition,
} from './experiments/definitions.ts';
export { parseExperimentArgs, DEFAULT_OPTIONS, type ExperimentOptions } from './experiments/options.ts';
export { runExperiment } from './experiments/run-experiment.ts';
export { writeRun } from './experiments/write-results.ts';
export { ExperimentError, EXPERIMENT_ERROR_CODES, type ExperimentErrorCode } from './experiments/experiment-error.ts';
// The shopper machinery, for the demo's background traffic (judged by the same checker as the experiments).
export { Shopper, type RequestSpec } from './shoppers/shopper.ts';
export { browseAndBuy, type Scenario } from './shoppers/scenario.ts';
export { seededRng } from './shoppers/rng.ts';
export { sendRequest, type Sent } from './shoppers/send-request.ts';
export { readBackCarts } from './shoppers/read-back.ts';
export { classifyAnswer, classifyNoAnswer } from './shoppers/classify-response.ts';
export { fetchProductIds } from './experiments/cluster-readiness.ts';
export { DEFAULT_ENGINE } from './experiments/options.ts';
