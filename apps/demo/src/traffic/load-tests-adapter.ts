// What the demo takes from load-tests: its shopper, journey, read-back and checker, so that the demo's
// "carts lost" is judged by the very code the experiments use.
export {
  Shopper, browseAndBuy, seededRng, sendRequest, readBackCarts, checkCart, fetchProductIds, EXPERIMENTS,
  classifyAnswer, classifyNoAnswer,
  type RequestSpec, type Scenario, type Sent, type RequestRecord, type CartVerdict, type ExperimentDefinition, type WriteRecord, type ReadBack, type CartLine,
} from '@stateshift/load-tests';
