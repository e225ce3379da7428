// Exercise 02, reference answers: with N nodes and sessions spread evenly, one crash loses about 1/N of the carts.
export const answers = {
  lostShare2Nodes: 0.5,
  lostShare4Nodes: 0.25,
  statelessCartsLost: 0,
  lostCartsBelongTo: 'the-killed-node',
};
