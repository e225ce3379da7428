// Wrong answers for exercise 09 (kept by workshop/test/wrong-solutions.test.ts): signed balancers are believed to need
// a shared pin table.
// The check must say so without telling what the real run measured.
export const answers = {
  balancerDown: 'connection-refused',
  tableRestart: 'some-carts-lost',
  signedRestart: 'every-cart-kept',
  signedNewSecret: 'some-carts-lost',
  signedMustShare: 'the-pin-table', // WRONG
};
