// What the demo takes from load-tests: its shopper, journey, read-back and checker, so that the demo's
// "carts lost" is judged by the very code the experiments use.
export {
  Shopper, browseAndBuy, seededRng, sendRequest, readBackCarts, checkCart, fetchProductIds, EXPERIMENTS,
  classifyAnswer, classifyNoAnswer,
  type RequestRecord, type CartVerdict, type WriteRecord, type CartLine,
} from '@stateshift/load-tests';
