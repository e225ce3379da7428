// Wrong answers for exercise 09 (kept by workshop/test/wrong-solutions.test.ts): the table balancer is believed to keep
// its pins across a restart.
// The check must say so without telling what the real run measured.
export const answers = {
  balancerDown: 'connection-refused',
  tableRestart: 'every-cart-kept', // WRONG
  signedRestart: 'every-cart-kept',
  signedNewSecret: 'some-carts-lost',
  signedMustShare: 'the-affinity-secret',
};
