// Exercise 01, reference answers. The add lands on one node; round-robin alternates, so 5 of 10 reads find it.
export const answers = {
  stickyDistinctNodes: 1,
  roundRobinReadsWithItem: 5,
  cartLivesIn: 'node-memory',
  sessionCookieCarries: 'a-signed-session-id',
};
