// Short real runs of redis-failover and redis-freeze (2 nodes, a few connections, seconds; stateless only, the
// stateful control is the same code path as redis-outage's), asserting what must hold whatever the timing: the
// topology switched, the sentinels' events are in the log, the runs are labelled, and nothing leaks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, type ExperimentOptions } from '../src/experiments/options.ts';
import { createProgress } from '../src/experiments/progress.ts';
import { runExperiment } from '../src/experiments/run-experiment.ts';
import { writeRun } from '../src/experiments/write-results.ts';
import { parseResults, type Results } from '../src/results-schema.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'stateshift-redis-ha-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function run(name: string, overrides: Partial<ExperimentOptions>): Promise<Results> {
  const options: ExperimentOptions = {
    ...DEFAULT_OPTIONS, name, variants: ['stateless'], nodes: 2, nodesGiven: true, connections: 4, durationSec: 9,
    faultAtSec: 2, timeoutSec: 3, out, ...overrides,
  };
  const results = await runExperiment({
    options, progress: createProgress(process.stdout, true), signal: new AbortController().signal, root,
  });
  const { dir } = await writeRun(results, out);
  return parseResults(readFileSync(join(dir, 'results.json'), 'utf8'));
}

const LONG = 240_000;

describe('redis HA experiments (short real runs)', () => {
  it.each([
    ['redis-failover', 'redis-kill', {}],
    ['redis-freeze', 'redis-freeze', { faultLengthSec: 4 }],
  ] as const)('%s [stateless (no WAIT), stateless (WAIT 1:100)] › the replica is promoted, sentinel events logged, '
    + 'who was primary when', async (name, faultType, extra) => {
    const results = await run(name, extra);
    expect(results.variants.map((v) => v.label)).toEqual(['stateless (no WAIT)', 'stateless (WAIT 1:100)']);
    for (const v of results.variants) {
      const types = v.events.map((e) => e.type);
      expect(types, v.label)
        .toEqual(expect.arrayContaining(['redis-primary', faultType, '+sdown', '+odown', '+switch-master']));
      expect(v.events.find((e) => e.type === faultType)?.node, v.label).toBe('redis-1');
      expect(v.redisHa?.primaries.map((p) => p.member), v.label).toEqual(['redis-1', 'redis-2']);
      expect(v.redisHa?.wait, v.label).toBe(v.label.includes('WAIT 1:100') ? '1:100' : null);
      expect(v.integrity.unexpected, v.label).toBe(0);
      expect(v.failover.failedRequests, v.label).toBeGreaterThan(0);
    }
    // With WAIT an acknowledged write was on the replica before the answer: the promoted replica has it.
    expect(results.variants[1]?.integrity.itemsLost).toBe(0);
  }, LONG);
});
