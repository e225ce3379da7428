// Wrong answers for exercise 01 (kept by workshop/test/wrong-solutions.test.ts): the sticky balancer is believed to
// spread one shopper's reads over both nodes. The check must say so without telling the measured count.
export const answers = {
  stickyDistinctNodes: 2, // WRONG: a sticky balancer keeps one browser on one node
  roundRobinReadsWithItem: 5,
  cartLivesIn: 'node-memory',
  sessionCookieCarries: 'a-signed-session-id',
};
