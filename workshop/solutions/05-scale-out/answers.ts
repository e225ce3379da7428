// Exercise 05, reference answers: pinned shoppers stay where they are; round-robin spreads at once over 3 nodes;
// new sessions are spread over all 3 nodes, so the new node only catches up as old sessions end.
export const answers = {
  stickyShareOnNewNode: 0,
  roundRobinShareOnNewNode: 0.33,
  newShoppersOnNewNodeSticky: 4,
  skewFades: 'when-old-sessions-end',
};
