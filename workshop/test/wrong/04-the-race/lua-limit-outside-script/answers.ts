// Exercise 04, reference answers: each request loads the whole session, changes it, saves it whole; the last save wins.
export const answers = {
  sessionCartLosesUpdates: true,
  whyLost: 'last-write-wins',
};
