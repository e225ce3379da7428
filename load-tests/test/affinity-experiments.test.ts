// Short real runs of restart-balancer and two-balancers (3 nodes, a few shoppers, a few seconds): the balancer's
// own state decides the carts of stateful shoppers. Invariants only, never timings.
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
const out = mkdtempSync(join(tmpdir(), 'stateshift-affinity-experiments-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function run(name: string, overrides: Partial<ExperimentOptions> = {}): Promise<Results> {
  const options: ExperimentOptions = {
    ...DEFAULT_OPTIONS, name, nodes: 3, nodesGiven: true, connections: 8, durationSec: 5, faultAtSec: 2,
    faultLengthSec: 1, timeoutSec: 3, out, ...overrides,
  };
  const results = await runExperiment({
    options, progress: createProgress(process.stdout, true), signal: new AbortController().signal, root,
  });
  const { dir } = await writeRun(results, out);
  return parseResults(readFileSync(join(dir, 'results.json'), 'utf8'));
}

function variant(results: Results, label: string): VariantResult {
  const found = results.variants.find((v) => v.label === label);
  if (!found) throw new Error(`no variant "${label}" in ${results.variants.map((v) => v.label).join(', ')}`);
  return found;
}

const LONG = 240_000;
const TABLE = 'stateful (table affinity)';
const SIGNED = 'stateful (signed affinity)';

describe('balancer experiments (short real runs)', () => {
  it('restart-balancer › every run has the restart marker; table re-pins (pins not known, carts lost); '
    + 'signed and stateless lose none', async () => {
    // Long enough after the restart (a new process under tsx takes a second or two) for the shoppers to come back.
    const results = await run('restart-balancer', { durationSec: 9 });
    expect(results.variants.map((v) => v.label)).toEqual([TABLE, SIGNED, 'stateless']);
    for (const v of results.variants) {
      expect(v.events.filter((e) => e.type === 'balancer-restart'), v.label).toHaveLength(1);
      expect(v.integrity.unexpected, v.label).toBe(0);
    }
    const table = variant(results, TABLE);
    expect(table.affinity).toMatchObject({ mode: 'table', balancers: 1 });
    expect(table.affinity?.pinsNotKnown).toBeGreaterThanOrEqual(1);
    // 8 shoppers re-pinned at random over 3 nodes: all 8 landing where they were has odds of (1/3)^8.
    expect(table.integrity.cartsLost).toBeGreaterThanOrEqual(1);
    expect(variant(results, SIGNED).affinity).toMatchObject({ mode: 'signed', pinsNotKnown: null, cookiesReplaced: 0 });
    expect(variant(results, SIGNED).integrity.cartsLost).toBe(0);
    expect(variant(results, 'stateless').integrity.cartsLost).toBe(0);
    expect(variant(results, 'stateless').affinity).toBeUndefined();
    // The runner's cost and drain figures reach these runs too (the restarted balancer billed from its start).
    for (const v of results.variants) {
      expect(v.drainMs, v.label).toBeDefined();
      expect(v.cost?.cpuMs.balancer, v.label).toBeGreaterThan(0);
    }
  }, LONG);

  it('two-balancers › table forks stateful carts (every alternate request unknown); signed holds; '
    + 'stateless holds', async () => {
    const results = await run('two-balancers');
    const table = variant(results, TABLE);
    expect(table.affinity).toMatchObject({ mode: 'table', balancers: 2 });
    // After its first request a shopper's every request reaches the balancer that did not issue its cookie.
    expect(table.affinity?.pinsNotKnown).toBeGreaterThan(table.totals.requests / 2);
    expect(table.integrity.cartsLost).toBeGreaterThanOrEqual(1);
    const signed = variant(results, SIGNED);
    expect(signed.affinity).toMatchObject({ mode: 'signed', balancers: 2, pinsNotKnown: null, cookiesReplaced: 0 });
    expect(signed.integrity).toMatchObject({ cartsLost: 0, unexpected: 0 });
    expect(variant(results, 'stateless').integrity).toMatchObject({ cartsLost: 0, unexpected: 0 });
    // The alternating driver ends the load as autocannon's shoppers do: answers in flight awaited, none cut; both
    // balancers are billed to the balancer tier.
    for (const v of results.variants) {
      expect(v.drainMs, v.label).toBeDefined();
      expect(v.cost?.cpuMs.balancer, v.label).toBeGreaterThan(0);
      expect(v.cost?.cpuUsPerRequest.generator, v.label).toBeGreaterThan(0);
    }
    for (const v of [signed, variant(results, 'stateless')]) expect(v.integrity.indeterminate, v.label).toBe(0);
  }, LONG);
});
