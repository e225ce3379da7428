// Wrong answers for exercise 09 (kept by workshop/test/wrong-solutions.test.ts): the restarted table balancer is
// believed to send every shopper elsewhere.
// The check must say so without telling what the real run measured.
export const answers = {
  balancerDown: 'connection-refused',
  tableRestart: 'every-cart-lost', // WRONG
  signedRestart: 'every-cart-kept',
  signedNewSecret: 'some-carts-lost',
  signedMustShare: 'the-affinity-secret',
};
