// Bad startCluster options fail with CLUSTER_ERR_OPTIONS naming the option, before anything starts.
import { describe, expect, it } from 'vitest';
import { ClusterError, startCluster, type ClusterOptions } from '../src/index.ts';

const cases: Array<[string, unknown, RegExp]> = [
  ['unknown variant', { variant: 'serverless' }, /variant must be stateful \| stateless \| replicated/],
  ['zero nodes', { variant: 'stateful', nodes: 0 }, /nodes must be an integer 1\.\.16/],
  ['fractional nodes', { variant: 'stateful', nodes: 1.5 }, /nodes/],
  ['too many nodes', { variant: 'stateless', nodes: 17 }, /nodes/],
  [
    'unknown strategy', { variant: 'stateful', strategy: 'random' },
    /strategy must be sticky \| round-robin \| least-connections/,
  ],
  ['unknown sticky miss', { variant: 'stateful', stickyMiss: 'ignore' },
    /stickyMiss must be continue \| reject \| drop/],
  ['unknown cart store', { variant: 'stateless', cartStore: 'disk' }, /cartStore must be memory \| redis \| session/],
  ['redis url not a url', { variant: 'stateless', redisUrl: 'localhost:6380' }, /redisUrl must be a redis:\/\/ URL/],
  ['port out of range', { variant: 'stateful', balancerPort: 70000 }, /balancerPort must be an integer 0\.\.65535/],
  ['negative timeout', { variant: 'stateful', upTimeoutMs: -1 }, /upTimeoutMs/],
  ['unknown engine', { variant: 'stateful', engine: 'haproxy' }, /engine must be http-proxy \| native \| raw/],
];

describe('startCluster options', () => {
  it.each(cases)('%s is refused with CLUSTER_ERR_OPTIONS', async (_name, options, message) => {
    const err = await startCluster(options as ClusterOptions).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterError);
    expect((err as ClusterError).code).toBe('CLUSTER_ERR_OPTIONS');
    expect((err as ClusterError).message).toMatch(message);
  });
});
