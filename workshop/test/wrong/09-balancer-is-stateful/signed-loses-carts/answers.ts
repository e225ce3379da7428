// Wrong answers for exercise 09 (kept by workshop/test/wrong-solutions.test.ts): the signed balancer is believed to
// lose pins on a restart like the table one.
// The check must say so without telling what the real run measured.
export const answers = {
  balancerDown: 'connection-refused',
  tableRestart: 'some-carts-lost',
  signedRestart: 'some-carts-lost', // WRONG
  signedNewSecret: 'some-carts-lost',
  signedMustShare: 'the-affinity-secret',
};
