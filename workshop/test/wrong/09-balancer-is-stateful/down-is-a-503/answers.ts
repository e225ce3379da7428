// Wrong answers for exercise 09 (kept by workshop/test/wrong-solutions.test.ts): the dead balancer is believed to
// answer 503, as a balancer does when it has no node.
// The check must say so without telling what the real run measured.
export const answers = {
  balancerDown: 'error-503', // WRONG
  tableRestart: 'some-carts-lost',
  signedRestart: 'every-cart-kept',
  signedNewSecret: 'some-carts-lost',
  signedMustShare: 'the-affinity-secret',
};
