// Exercise 09, reference answers. While the balancer is dead nothing listens on its port: every shopper is refused,
// whatever the mode. table: the new process knows no pin, treats every returning shopper as new and spreads them
// again, so some land on the node that has their cart and the others (about half with 2 nodes, (N-1)/N with N) do
// not. signed: the route is sealed in the cookie, any process with the secret opens it, so every shopper returns
// to its node; with a new secret the old cookies are forgeries to it and are replaced, as in table mode.
export const answers = {
  balancerDown: 'connection-refused',
  tableRestart: 'some-carts-lost',
  signedRestart: 'every-cart-kept',
  signedNewSecret: 'some-carts-lost',
  signedMustShare: 'the-affinity-secret',
};
