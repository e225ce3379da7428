// The session memory probe in every place a run is read: report.md and report.html (cost rows, the note, the key
// figure), compare, the terminal summary. Measured shows bytes; off shows "off" and n/a, never 0; a run from before
// the probe existed shows none of it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { costFigures } from '../../src/cost/cost-probe.ts';
import { summaryTable } from '../../src/experiments/summary-table.ts';
import { renderReport } from '../../src/report/index.ts';
import { compareRuns } from '../../src/report/compare.ts';
import type { Results } from '../../src/results-schema.ts';
import { sessionMemorySchema, type SessionMemory } from '../../src/session-memory-schema.ts';
import { OUT, readFixture } from './render-fixture.ts';

const MEASURED: SessionMemory = {
  node: 'stateful-2', requested: 10_000, created: 5_405, countedBy: 'healthz',
  stoppedEarly: 'time bound (15.0 s) reached',
  durationMs: 15_013, peers: 0, bytesPerSession: { node: 4_785, store: null, peerCopy: null, total: 4_785 },
  growthBytes: { node: 25_862_144, store: null, peers: null },
};

/** report.md and report.html as written. */
async function rendered(results: Results, name: string): Promise<{ markdown: string; html: string }> {
  const files = await renderReport(results, path.join(OUT, 'session-memory', name));
  return { markdown: await readFile(files.markdown, 'utf8'), html: await readFile(files.html, 'utf8') };
}

/** The kill-node fixture with cost figures: stateful probed, stateless with the probe off (null). */
async function withProbe(stateless: SessionMemory | null | undefined): Promise<Results> {
  const { results } = await readFixture('kill-node');
  const cost = costFigures({ cpuMs: { balancer: 100, nodes: 400, store: null, generator: 90 }, machine: null,
    nodesRssGrowthBytes: null, storeGrowthBytes: null }, 1_000, 10);
  const probe = (label: string) => (label === 'stateful' ? { sessionMemory: MEASURED }
    : stateless === undefined ? {} : { sessionMemory: stateless });
  results.variants = results.variants.map((v) => ({ ...v, cost: { ...cost, ...probe(v.label) } }));
  return results;
}

describe('report › memory per session (probe)', () => {
  it('report.md and .html: the cost rows, the note and the key figure; off is "off" and n/a', async () => {
    const { markdown, html } = await rendered(await withProbe(null), 'measured');
    expect(markdown).toContain('| Memory per session | 4.7 KiB | n/a |');
    expect(markdown).toContain('| Session probe: sessions created | 5,405 of 10,000 on stateful-2 in 15.0 s '
      + '(counted by /healthz sessions); stopped: time bound (15.0 s) reached | off |');
    expect(markdown).toContain('| Memory per session: node RSS | 4.7 KiB | n/a |');
    expect(markdown).toContain('| Memory per session: every copy | 4.7 KiB | n/a |');
    expect(markdown).toMatch(/Memory per session is measured after the load and the cart read-back.*allocator slack/);
    expect(html).toContain('id="session-memory-note"');
    expect(html).toContain('Memory per session: each peer copy');
    expect(markdown).not.toMatch(/Memory per session[^|\n]*\| 0 B/);
  });

  it('the heap figures (runs since the probe read the heap) beside RSS; older runs show the heap as n/a', async () => {
    const results = await withProbe(null);
    const heap: SessionMemory = {
      ...MEASURED, requested: 2_000, created: 2_000, stoppedEarly: null, steps: 5,
      bytesPerSession: {
        node: 1_300, store: null, peerCopy: null, total: 1_152, heap: { node: 1_152, peerCopy: null },
      },
      growthBytes: { node: 2_600_000, store: null, peers: null, heap: { node: 2_400_000, peers: null } },
    };
    // Both shapes parse: results.json from before the heap figures stays readable.
    expect(sessionMemorySchema.parse(heap)).toEqual(heap);
    expect(sessionMemorySchema.parse(MEASURED)).toEqual(MEASURED);
    const [stateful] = results.variants;
    stateful!.cost!.sessionMemory = heap;
    const { markdown } = await rendered(results, 'heap');
    expect(markdown).toContain('| Memory per session: node heap after GC | 1.1 KiB | n/a |');
    expect(markdown).toContain('| Memory per session: node RSS | 1.3 KiB | n/a |');
    expect(markdown).toContain('| Memory per session | 1.1 KiB | n/a |');
    expect(markdown).toMatch(/live JS heap after a full GC/);
    const old = await rendered(await withProbe(null), 'heap-before');
    expect(old.markdown).toContain('| Memory per session: node heap after GC | n/a | n/a |');
  });

  it('a run from before the probe existed shows no probe row', async () => {
    const results = await withProbe(undefined);
    for (const v of results.variants) delete v.cost?.sessionMemory;
    const { markdown, html } = await rendered(results, 'absent');
    expect(markdown).not.toMatch(/^\| (Memory per session|Session probe)/m);
    expect(html).not.toContain('session-memory-note');
  });

  it('terminal summary and compare carry the figure', async () => {
    const results = await withProbe(null);
    const table = summaryTable(results);
    expect(table).toMatch(/KiB\/session \(probe\)\s+4\.7\s+—/);
    expect(table).toMatch(/sessions probed\s+5405 of 10000 on stateful-2 \(stopped early\)\s+off/);
    const run = { file: 'a/results.json', dir: 'a', results };
    const row = compareRuns(run, { ...run, file: 'b/results.json', dir: 'b' }).rows
      .find((r) => r.variant === 'stateful' && r.figure === 'memSession');
    expect(row).toMatchObject({ a: 4_785, b: 4_785, delta: 0 });
  });
});
