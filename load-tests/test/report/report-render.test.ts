// Renders the crafted fixtures and reads every printed figure back out of report.html and report.md: each one
// must equal the figure in results.json, and a null must print as n/a, never as 0.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultStartMs, throughputDip } from '../../src/report/figures.ts';
import { type FigureKind, formatFigure } from '../../src/report/format.ts';
import { KEY_FIGURES } from '../../src/report/key-figures.ts';
import type { VariantResult } from '../../src/results-schema.ts';
import { markdownTable, parseDisplayed, taggedFigures } from './parse-back.ts';
import { renderFixture } from './render-fixture.ts';

type Getter = [FigureKind, (v: VariantResult) => number | null | undefined];
/** Peak p99 as the report defines it: whole seconds after warm-up, from the fault's second to 10 s after it. */
const maxP99 = (v: VariantResult): number | null => {
  const at = faultStartMs(v);
  const inWindow = (t: number) => t >= 1 && (t + 1) * 1000 <= v.durationMs
    && (at === null || ((t + 1) * 1000 > at && t * 1000 < at + 10_000));
  return v.timeline.reduce<number | null>(
    (m, b) => (b.p99 === null || !inWindow(b.t) ? m : Math.max(m ?? b.p99, b.p99)), null,
  );
};
/** Where each tagged figure lives in results.json, read straight from the data. */
const EXPECTED: Record<string, Getter> = {
  cartsLost: ['count', (v) => v.integrity.cartsLost], itemsLost: ['count', (v) => v.integrity.itemsLost],
  unexpected: ['count', (v) => v.integrity.unexpected],
  failedRequests: ['count', (v) => v.failover.failedRequests],
  timeToEjectMs: ['duration', (v) => v.failover.timeToEjectMs],
  errorWindowMs: ['duration', (v) => v.failover.errorWindowMs], peakP99Ms: ['latency', maxP99],
  throughputDip: ['pct', throughputDip],
  requests: ['count', (v) => v.totals.requests], ok: ['count', (v) => v.totals.ok],
  errors: ['count', (v) => v.totals.errors], rps: ['rps', (v) => v.totals.rps],
  latencyP50: ['latency', (v) => v.totals.latency.p50], latencyP90: ['latency', (v) => v.totals.latency.p90],
  latencyP99: ['latency', (v) => v.totals.latency.p99], latencyMax: ['latency', (v) => v.totals.latency.max],
  http4xx: ['count', (v) => v.totals.errorClasses?.http4xx], http5xx: ['count', (v) => v.totals.errorClasses?.http5xx],
  socket: ['count', (v) => v.totals.errorClasses?.socket], timeout: ['count', (v) => v.totals.errorClasses?.timeout],
  durationMs: ['duration', (v) => v.durationMs],
  shoppers: ['count', (v) => v.integrity.shoppers], cartsChecked: ['count', (v) => v.integrity.cartsChecked],
  cartsIntact: ['count', (v) => v.integrity.cartsIntact],
  cartsIndeterminate: ['count', (v) => v.integrity.cartsIndeterminate],
  itemsAcked: ['count', (v) => v.integrity.itemsAcked], indeterminate: ['count', (v) => v.integrity.indeterminate],
  'bar:intact': ['count', (v) => v.integrity.cartsIntact], 'bar:lost': ['count', (v) => v.integrity.cartsLost],
  'bar:indeterminate': ['count', (v) => v.integrity.cartsIndeterminate],
  raceRequests: ['count', (v) => v.race?.requests], raceAcked: ['count', (v) => v.race?.acked],
  raceFinalQuantity: ['count', (v) => v.race?.finalQuantity], lostUpdates: ['count', (v) => v.race?.lostUpdates],
};

function expectedFor(figure: string, v: VariantResult): Getter {
  const [kind, node] = figure.split(':');
  if (kind === 'requests' && node) return ['count', (x) => x.totals.byNode?.[node] ?? 0];
  if (kind === 'cartsLost' && node) return ['count', (x) => x.integrity.lostByNode[node] ?? 0];
  const g = EXPECTED[figure];
  if (!g) throw new Error(`test does not know figure ${figure} (${v.label})`);
  return g;
}

/** The printed text is the formatted data value, and reads back as that value within its rounding. */
function expectPrinted(text: string, kind: FigureKind, value: number | null | undefined, what: string): void {
  expect(text, what).toBe(formatFigure(kind, value));
  const back = parseDisplayed(text);
  if (value === null || value === undefined) return expect(back, `${what} is n/a`).toBeNull();
  expect(Math.abs(back!.value - value), `${what}: "${text}" reads back as ${value}`)
    .toBeLessThanOrEqual(back!.tolerance);
}

describe.each(['kill-node', 'scale-out', 'race', 'not-measured'])('report [%s]', (fixture) => {
  it('report.html › every tagged figure equals results.json, and every key figure is shown per variant', async () => {
    const r = await renderFixture(fixture, 'render');
    const figures = taggedFigures(await readFile(r.html, 'utf8'));
    expect(figures.length).toBeGreaterThan(30 * r.results.variants.length);
    for (const f of figures) {
      const v = r.results.variants.find((x) => x.label === f.variant)!;
      expect(v, f.variant).toBeDefined();
      const [kind, get] = expectedFor(f.figure, v);
      const value = get(v) ?? null;
      expect(f.value, `${f.variant} ${f.figure} data-value`).toBe(String(value));
      expectPrinted(f.text, kind, value, `${f.variant} ${f.figure}`);
    }
    for (const v of r.results.variants) {
      for (const k of KEY_FIGURES) {
        expect(figures.some((f) => f.figure === k.id && f.variant === v.label), `${v.label} ${k.id} shown`).toBe(true);
      }
    }
  });

  it('report.md › key figures, totals and integrity tables equal results.json', async () => {
    const r = await renderFixture(fixture, 'render-md');
    const md = await readFile(r.markdown, 'utf8');
    const labels = r.results.variants.map((v) => v.label);
    const check = (heading: string, rows: [string, string][]): void => {
      const t = markdownTable(md, heading);
      expect(t.head.slice(1)).toEqual(labels);
      for (const [title, figure] of rows) {
        r.results.variants.forEach((v, i) => {
          const [kind, get] = expectedFor(figure, v);
          expectPrinted(t.rows.get(title)![i]!, kind, get(v), `${heading} › ${title} › ${v.label}`);
        });
      }
    };
    check('Key figures', KEY_FIGURES.map((k) => [k.title, k.id]));
    check('Totals', [
      ['Requests', 'requests'], ['2xx', 'ok'], ['Throughput', 'rps'], ['Latency p99', 'latencyP99'],
      ['Latency max', 'latencyMax'], ['Socket errors', 'socket'],
    ]);
    check('Cart integrity', [
      ['Carts lost', 'cartsLost'], ['Carts intact', 'cartsIntact'], ['Items lost', 'itemsLost'],
      ['Unexpected items', 'unexpected'],
    ]);
    for (const c of r.charts) expect(md).toContain(`](charts/${path.basename(c)})`);
  });
});

describe('report › data and markup', () => {
  it('report.html embeds the timeline as JSON: the 2xx series is each second\'s ok count', async () => {
    const r = await renderFixture('kill-node', 'render-json');
    const html = await readFile(r.html, 'utf8');
    const json = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)![1]!;
    const model = JSON.parse(json) as {
      rows: { id: string; panels: { series: { label: string; values: (number | null)[] }[] }[] }[];
    };
    const outcome = model.rows.find((row) => row.id === 'outcome')!.panels[0]!.series;
    r.results.variants.forEach((v) => {
      const values = outcome.find((s) => s.label === `${v.label} 2xx`)!.values;
      v.timeline.forEach((b) => expect(values[b.t]).toBe(b.ok));
    });
    expect(html).not.toMatch(/(src|href)="https?:|<link |@import|url\(\s*["']?https?:/);
  });

  it('escapes text from results.json: a label cannot inject markup', async () => {
    const r = await renderFixture('race', 'render-escape');
    r.results.variants[0]!.label = '<img src=x onerror=alert(1)>';
    const { renderReport } = await import('../../src/report/index.ts');
    const out = await renderReport(r.results, r.dir);
    const html = await readFile(out.html, 'utf8');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(await readFile(out.charts[0]!, 'utf8')).not.toContain('<img');
  });

  it('the not-measured run prints n/a where the data holds null, and never 0', async () => {
    const r = await renderFixture('not-measured', 'render-nulls');
    const figures = taggedFigures(await readFile(r.html, 'utf8'));
    for (const id of ['timeToEjectMs', 'errorWindowMs']) {
      const tagged = figures.filter((f) => f.figure === id);
      expect(tagged.length).toBeGreaterThan(0);
      for (const f of tagged) expect([f.value, f.text]).toEqual(['null', 'n/a']);
    }
    const md = await readFile(r.markdown, 'utf8');
    expect(markdownTable(md, 'Key figures').rows.get('Time to eject')).toEqual(['n/a']);
    expect(markdownTable(md, 'Run').rows.get('Git sha')).toEqual(['n/a']);
    expect(md).toContain('not back to normal by the end of the run');
  });
});
