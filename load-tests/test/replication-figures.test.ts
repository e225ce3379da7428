// The replicated runs' figures: the async kill window against the checker's loss, joins, codes; results.json
// accepts them, and the report's Replication table prints them (n/a where a run did not measure one).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { replicationFigures, type ReplicationSamples } from '../src/experiments/replication-figures.ts';
import type { LoadOutcome } from '../src/experiments/summarise-variant.ts';
import { parseExperimentArgs } from '../src/experiments/options.ts';
import { EXPERIMENT_NAMES } from '../src/experiments/definitions.ts';
import { renderMarkdown } from '../src/report/markdown.ts';
import { variantFigures } from '../src/report/figures.ts';
import { parseResults, type Results, type VariantResult } from '../src/results-schema.ts';
import type { WriteRecord } from '../src/shoppers/history.ts';

const fixture = (): Results =>
  parseResults(readFileSync(new URL('./fixtures/kill-node.json', import.meta.url), 'utf8'));

function outcome(killAt: number, writes: WriteRecord[]): LoadOutcome {
  return {
    t0: 0, loadEnd: killAt + 5000,
    records: [{
      shopper: 1, method: 'POST', path: '/api/cart/items', sentAt: 1, endedAt: 2, end: 'http4xx', status: 409,
      code: 'SHOP_ERR_REPLICATION_CONFLICT',
    }],
    ops: [{ t: killAt, doneAt: killAt + 5, type: 'kill', node: 'replicated-1' }], stateChanges: [],
    shoppers: [{ shopper: 1, jar: undefined as never, history: { shopper: 1, writes } }], readBacks: new Map(),
    victim: 'replicated-1',
  };
}

const add = (sentAt: number, quantity: number, node = 'replicated-1'): WriteRecord =>
  ({ op: { kind: 'add', productId: 'p01', quantity }, outcome: 'acked', sentAt, node });

function samples(maxLagMs: number): ReplicationSamples {
  return { intervalMs: 100, maxLagMs, last: new Map([
    ['replicated-1', { replication: { bytesSent: 600, messagesSent: 6 } }],
    ['replicated-4', { replication: { bytesSent: 400, messagesSent: 4, join: { from: 'http://127.0.0.1:4001', ms: 12, records: 30, bytes: 9000 } } }],
  ]) };
}

it('replication figures › async kill: the units the killed node acknowledged within the window bound the loss', () => {
  const v: VariantResult = {
    ...fixture().variants[0]!, integrity: { ...fixture().variants[0]!.integrity, itemsLost: 3 },
  };
  const writes = [add(9_000, 5), add(9_850, 2), add(9_950, 1), add(9_960, 4, 'replicated-2'), add(10_001, 9)];
  const f = replicationFigures({
    mode: 'async', samples: samples(150), outcome: outcome(10_000, writes), result: v, initialNodes: ['replicated-1'],
  });
  expect(f.killWindow).toEqual({ windowMs: 150, ackedInWindow: 3, itemsLost: 3, withinBound: true });
  expect(f).toMatchObject({
    bytesSent: 1000, messagesSent: 10, conflicts: 1, indeterminate: 0, intervalMs: 100, maxLagMs: 150,
  });
  expect(f.bytesPerRequest).toBe(Math.round(1000 / v.totals.requests));
  expect(f.joins).toEqual([expect.objectContaining({ node: 'replicated-4', ms: 12, records: 30, bytes: 9000 })]);
  const worse = replicationFigures({
    mode: 'async', samples: samples(20), outcome: outcome(10_000, writes), result: v, initialNodes: [],
  });
  expect(worse.killWindow).toMatchObject({ windowMs: 100, ackedInWindow: 1, withinBound: false });
  expect(replicationFigures({
    mode: 'sync', samples: samples(0), outcome: outcome(10_000, writes), result: v, initialNodes: [],
  }))
    .toMatchObject({ killWindow: null, intervalMs: null, maxLagMs: null });
});

it('replication figures › results.json keeps them and the report prints a Replication table, '
  + 'n/a for other runs', () => {
  const r = fixture();
  const base = r.variants[0]!;
  const replicated: VariantResult = { ...base, variant: 'replicated', label: 'replicated (async)',
    replication: replicationFigures({
      mode: 'async', samples: samples(150), outcome: outcome(10_000, [add(9_950, 2)]), result: base, initialNodes: [],
    }) };
  const withReplicated = parseResults(JSON.stringify({ ...r, variants: [...r.variants, replicated] }));
  const md = renderMarkdown(withReplicated, withReplicated.variants.map((v) => variantFigures(v)), []);
  const table = md.split('## Replication')[1]?.split('## ')[0] ?? '';
  expect(table).toContain('| Kill: loss window | n/a | n/a | 150 ms |');
  expect(table).toContain('replicated-4 ← :4001');
  expect(renderMarkdown(r, r.variants.map((v) => variantFigures(v)), [])).not.toContain('## Replication');
});

it('options › --variant replicated and --variant all', () => {
  expect(parseExperimentArgs(['kill-node', '--variant', 'replicated'], EXPERIMENT_NAMES).variants)
    .toEqual(['replicated']);
  expect(parseExperimentArgs(['kill-node', '--variant', 'all'], EXPERIMENT_NAMES).variants)
    .toEqual(['stateful', 'replicated', 'stateless']);
});
