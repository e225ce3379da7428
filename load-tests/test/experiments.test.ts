// Short real runs of every experiment (2 nodes, a few connections, a few seconds), asserting the figures'
// invariants, never timings. Runs are sequential: each starts real clusters, and the machine is small.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, type ExperimentOptions } from '../src/experiments/options.ts';
import { createProgress } from '../src/experiments/progress.ts';
import { runExperiment } from '../src/experiments/run-experiment.ts';
import { writeRun } from '../src/experiments/write-results.ts';
import { parseResults, type Results, type VariantResult } from '../src/results-schema.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'stateshift-experiments-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function run(name: string, overrides: Partial<ExperimentOptions> = {}): Promise<Results> {
  const options: ExperimentOptions = {
    ...DEFAULT_OPTIONS, name, nodes: 2, nodesGiven: true, connections: 6, durationSec: 4, faultAtSec: 2,
    faultLengthSec: 1, timeoutSec: 3, out, ...overrides,
  };
  const results = await runExperiment({
    options, progress: createProgress(process.stdout, true), signal: new AbortController().signal, root,
  });
  const { dir } = await writeRun(results, out);
  // What was written is what the reports will read: it must validate.
  return parseResults(readFileSync(join(dir, 'results.json'), 'utf8'));
}

const variant = (results: Results, label: string): VariantResult => {
  const found = results.variants.find((v) => v.label === label);
  if (!found) throw new Error(`no variant "${label}" in ${results.variants.map((v) => v.label).join(', ')}`);
  return found;
};

const LONG = 180_000;

describe('experiments (short real runs)', () => {
  it('baseline [stateful, stateless] › loses no cart and leaks no item', async () => {
    const results = await run('baseline');
    for (const v of results.variants) {
      expect(v.integrity, v.label).toMatchObject({ cartsLost: 0, unexpected: 0 });
      expect(v.totals.ok, v.label).toBeGreaterThan(0);
      expect(v.integrity.cartsChecked + (v.integrity.readFailures ?? 0), v.label).toBe(v.integrity.shoppers);
    }
  }, LONG);

  it('kill-node [stateless] › loses no cart; [stateful] › loses carts, '
    + 'only those pinned to the killed node', async () => {
    const results = await run('kill-node');
    expect(variant(results, 'stateless').integrity).toMatchObject({ cartsLost: 0, unexpected: 0 });
    const stateful = variant(results, 'stateful');
    expect(stateful.integrity.cartsLost).toBeGreaterThanOrEqual(1);
    expect(stateful.integrity.unexpected).toBe(0);
    expect(Object.keys(stateful.integrity.lostByNode)).toEqual(['stateful-1']);
    expect(stateful.events.some((e) => e.type === 'kill' && e.node === 'stateful-1')).toBe(true);
  }, LONG);

  it('freeze-node [stateful, stateless] › freezes and thaws; stateless loses no cart; nothing leaks', async () => {
    const results = await run('freeze-node');
    for (const v of results.variants) {
      expect(v.events.map((e) => e.type), v.label).toEqual(expect.arrayContaining(['freeze', 'thaw']));
      expect(v.integrity.unexpected, v.label).toBe(0);
    }
    expect(variant(results, 'stateless').integrity.cartsLost).toBe(0);
  }, LONG);

  it('drain-node [stateful, stateless] › drains then stops the node; stateless loses no cart', async () => {
    const results = await run('drain-node');
    for (const v of results.variants) {
      expect(v.events.map((e) => e.type), v.label).toEqual(expect.arrayContaining(['drain', 'stop']));
      expect(v.integrity.unexpected, v.label).toBe(0);
    }
    expect(variant(results, 'stateless').integrity.cartsLost).toBe(0);
  }, LONG);

  it('scale-out [stateful, stateless] › adds two nodes; round-robin sends them requests at once', async () => {
    // Starting a node takes seconds on a small machine: the load must outlast the adds.
    const results = await run('scale-out', { durationSec: 12, faultAtSec: 1, connections: 4 });
    for (const v of results.variants) expect(v.nodes, v.label).toHaveLength(4);
    const stateless = variant(results, 'stateless');
    expect(stateless.totals.byNode?.['stateless-3']).toBeGreaterThan(0);
    expect(stateless.totals.byNode?.['stateless-4']).toBeGreaterThan(0);
    expect(stateless.integrity).toMatchObject({ cartsLost: 0, unexpected: 0 });
  }, LONG);

  it('redis-outage [stateful control, stateless] › without persistence Redis comes back empty and carts are lost; '
    + 'nothing leaks', async () => {
    const results = await run('redis-outage');
    expect(results.variants.filter((v) => v.variant === 'stateless').map((v) => v.redisAppendonly))
      .toEqual([false, true]);
    // The control keeps nothing in Redis: its outage is stamped on the timeline, and it loses no cart.
    expect(variant(results, 'stateful').integrity).toMatchObject({ cartsLost: 0, unexpected: 0 });
    for (const v of results.variants) {
      expect(v.events.map((e) => e.type), v.label).toEqual(expect.arrayContaining(['redis-stop', 'redis-start']));
      expect(v.integrity.unexpected, v.label).toBe(0);
    }
    expect(variant(results, 'stateless (no persistence)').integrity.cartsLost).toBeGreaterThan(0);
  }, LONG);

  it('race [stateful, stateless] › lost updates only with CART_STORE=session', async () => {
    const results = await run('race', { connections: 20, durationSec: 2 });
    for (const label of ['stateful', 'stateless']) {
      expect(variant(results, label).race?.lostUpdates, label).toBe(0);
      expect(variant(results, label).race?.acked, label).toBeGreaterThan(0);
    }
    expect(variant(results, 'stateless (session cart)').race?.lostUpdates).toBeGreaterThan(0);
    for (const v of results.variants) expect(v.integrity.unexpected, v.label).toBe(0);
  }, LONG);
});
