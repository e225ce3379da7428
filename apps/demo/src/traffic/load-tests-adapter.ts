// The one file that reaches into load-tests: its shopper, journey, read-back and checker, so that the demo's
// "carts lost" is judged by the very code the experiments use. load-tests has no src/index.ts yet; once it
// exports these, this file becomes a plain re-export of '@stateshift/load-tests'.
export { Shopper, type RequestSpec } from '../../../../load-tests/src/shoppers/shopper.ts';
export { browseAndBuy, type Scenario } from '../../../../load-tests/src/shoppers/scenario.ts';
export { seededRng } from '../../../../load-tests/src/shoppers/rng.ts';
export { sendRequest, type Sent } from '../../../../load-tests/src/shoppers/send-request.ts';
export { readBackCarts } from '../../../../load-tests/src/shoppers/read-back.ts';
export type { RequestRecord } from '../../../../load-tests/src/shoppers/history.ts';
export { checkCart, type CartVerdict } from '../../../../load-tests/src/checker/check-integrity.ts';
export { fetchProductIds } from '../../../../load-tests/src/experiments/cluster-readiness.ts';
export { EXPERIMENTS, type ExperimentDefinition } from '../../../../load-tests/src/experiments/definitions.ts';
