// Wrong answers for exercise 09 (kept by workshop/test/wrong-solutions.test.ts): a signed balancer restarted with a new
// secret is believed to route old cookies.
// The check must say so without telling what the real run measured.
export const answers = {
  balancerDown: 'connection-refused',
  tableRestart: 'some-carts-lost',
  signedRestart: 'every-cart-kept',
  signedNewSecret: 'every-cart-kept', // WRONG
  signedMustShare: 'the-affinity-secret',
};
