// Exercise 07, reference answers: drain keeps pinned shoppers and turns new ones away; on a miss, continue re-pins
// to a node that has no cart, reject answers 503, drop closes the connection; replication is what makes continue safe.
export const answers = {
  drainPinnedShopper: 'the-draining-node',
  drainNewShopper: 'another-node',
  missContinue: 'another-node-empty-cart',
  missReject: 'error-503',
  missDrop: 'no-answer',
  makesContinueSafe: 'session-state-replication',
};
