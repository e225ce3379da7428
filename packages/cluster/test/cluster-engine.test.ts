// startCluster({ engine }) starts the balancer with that --engine (read from its own command line), and the
// cluster hands out the pids the experiments bill CPU and memory to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startCluster } from '../src/index.ts';

describe('startCluster engine', () => {
  it('passes --engine native to the balancer; pids() names balancer and node', async () => {
    const cluster = await startCluster({ variant: 'stateful', nodes: 1, engine: 'native' });
    try {
      const pids = cluster.pids();
      const argv = readFileSync(`/proc/${pids.balancer}/cmdline`, 'utf8').split('\0');
      expect(argv[argv.indexOf('--engine') + 1]).toBe('native');
      expect(Object.values(pids.nodes)).toHaveLength(1);
      const answer = await fetch(`${cluster.balancerUrl}/api/products`);
      expect(answer.status).toBe(200);
    } finally {
      await cluster.close();
    }
  }, 60_000);
});
