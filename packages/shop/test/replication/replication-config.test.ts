// The replicated variant's variables: defaults, and every bad value refused naming the variable and the accepted
// values.
import { expect, it } from 'vitest';
import { loadReplicationConfig } from '../../src/index.ts';

it('replication config › defaults: sync, 300 ms, 1 copy, 100 ms, no peers, a free peer port, the dev secret', () => {
  expect(loadReplicationConfig({})).toMatchObject({
    mode: 'sync', timeoutMs: 300, minCopies: 1, intervalMs: 100, peers: [], peerPort: 0, usingDevPeerSecret: true,
  });
  expect(loadReplicationConfig({ REPLICATION: 'async', PEERS: 'http://127.0.0.1:4001, http://127.0.0.1:4002/', PEER_SECRET: 'x'.repeat(16) }))
    .toMatchObject({ mode: 'async', peers: ['http://127.0.0.1:4001', 'http://127.0.0.1:4002'], usingDevPeerSecret: false });
});

it.each([
  ['REPLICATION', 'eventual', /REPLICATION="eventual".*sync \| async/],
  ['REPLICATION_TIMEOUT_MS', '5', /REPLICATION_TIMEOUT_MS.*10\.\.60000/],
  ['REPLICATION_MIN_COPIES', '-1', /REPLICATION_MIN_COPIES/],
  ['REPLICATION_INTERVAL_MS', 'soon', /REPLICATION_INTERVAL_MS/],
  ['PEERS', 'http://10.0.0.1:4001', /PEERS.*http:\/\/127\.0\.0\.1:<port>/],
  ['PEER_PORT', '70000', /PEER_PORT/],
  ['PEER_SECRET', 'short', /PEER_SECRET.*at least 16/],
])('replication config › %s=%s is refused with SHOP_ERR_CONFIG naming it', (name, value, message) => {
  expect(() => loadReplicationConfig({ [name]: value }))
    .toThrow(expect.objectContaining({ code: 'SHOP_ERR_CONFIG', message: expect.stringMatching(message) }));
});
