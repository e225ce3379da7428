// Writes compare.md and compare.html for two runs: a headline of what got worse, then every figure side by
// side with its delta. Static HTML only: nothing to draw, so no script at all.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Comparison, compareRuns, type CompareRow, formatDelta } from './compare.ts';
import { formatFigure } from './format.ts';
import { variantFigures } from './figures.ts';
import { REPORT_CSS } from './html-style.ts';
import { figureAttrs } from './html-sections.ts';
import type { LoadedRun } from './load-results.ts';
import { markdownTable } from './markdown.ts';
import { esc } from './svg-escape.ts';

export type WrittenComparison = { markdown: string; html: string; comparison: Comparison };

const runName = (r: LoadedRun): string => path.basename(r.dir);
/** A side's median, with its runs' range when it had several. */
const side = (r: CompareRow, which: 'a' | 'b'): string => {
  const span = which === 'a' ? r.rangeA : r.rangeB;
  const value = formatFigure(r.kind, r[which]);
  return span ? `${value} (${formatFigure(r.kind, span[0])}–${formatFigure(r.kind, span[1])})` : value;
};
const mark = (row: CompareRow): string => (row.worse ? 'worse' : row.better ? 'better' : '');

function headline(c: Comparison): string[] {
  const worse = c.rows.filter((r) => r.worse);
  const notes = [
    c.optionsDiffer.length ? `options differ: ${c.optionsDiffer.join(', ')}` : 'same options',
    ...(c.a.results.experiment !== c.b.results.experiment
      ? [`different experiments: A is ${c.a.results.experiment}, B is ${c.b.results.experiment}`]
      : []),
    ...c.onlyInA.map((l) => `variant ${l} only in A`), ...c.onlyInB.map((l) => `variant ${l} only in B`),
  ];
  const head = worse.length
    ? `${worse.length} figure${worse.length === 1 ? '' : 's'} got worse: `
      + worse.map((r) => `${r.variant} ${r.title} (${formatFigure(r.kind, r.a)} → ${formatFigure(r.kind, r.b)})`)
        .join('; ')
    : 'No figure got worse.';
  return [...notes.slice(0, 1), head, ...notes.slice(1)];
}

function markdown(c: Comparison): string {
  const table = {
    id: 'compare', head: ['Variant', 'Figure', `A: ${runName(c.a)}`, `B: ${runName(c.b)}`, 'Delta', ''],
    rows: c.rows.map((r) => [
      r.variant, r.title, side(r, 'a'), side(r, 'b'), formatDelta(r), r.worse ? '⚠ worse' : mark(r),
    ].map((text) => ({ text }))),
  };
  const verdicts = (run: LoadedRun): string[] => run.results.variants.map((v) => `- ${variantFigures(v).verdict}`);
  return [`# Compare ${c.b.results.experiment}: A ${runName(c.a)} vs B ${runName(c.b)}`, '',
    ...headline(c).map((l) => `**${l}**`), '',
    `## A: ${runName(c.a)}`, '', ...verdicts(c.a), '', `## B: ${runName(c.b)}`, '', ...verdicts(c.b), '',
    '## Figures', '', markdownTable(table), ''].join('\n');
}

function html(c: Comparison): string {
  const cell = (r: CompareRow, which: 'a' | 'b'): string =>
    `<td ${figureAttrs(`${which}:${r.figure}`, r.variant, r[which])}>${esc(side(r, which))}</td>`;
  const rows = c.rows.map((r) =>
    `<tr class="${mark(r)}" data-compare="${esc(r.figure)}" data-variant="${esc(r.variant)}" data-worse="${r.worse}">`
    + `<td>${esc(r.variant)}</td><td>${esc(r.title)}</td>${cell(r, 'a')}${cell(r, 'b')}`
    + `<td>${esc(formatDelta(r))}</td><td>${r.worse ? '⚠ worse' : mark(r)}</td></tr>`).join('\n');
  const verdicts = (run: LoadedRun): string =>
    run.results.variants.map((v) => `<p class="steady">${esc(variantFigures(v).verdict)}</p>`).join('');
  const title = `Compare ${esc(runName(c.a))} vs ${esc(runName(c.b))}`;
  const style = `${REPORT_CSS} tr.worse td { background: #fee2e2; font-weight: 700; }`
    + ' tr.better td { background: #dcfce7; }';
  const color = (i: number): string =>
    i === 1 && c.rows.some((r) => r.worse) ? '#dc2626' : i === 0 && c.optionsDiffer.length ? '#b45309' : '#15803d';
  const notes = headline(c)
    .map((l, i) => `<p class="verdict"${i === 0 ? ' data-options-differ' : ''} style="--c:${color(i)}">${esc(l)}</p>`)
    .join('');
  const head = '<tr><th>Variant</th><th>Figure</th><th>A</th><th>B</th><th>Delta (B − A)</th><th></th></tr>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>${style}</style></head>
<body><main><h1>Compare ${esc(c.b.results.experiment)}</h1><p class="sub">A: ${esc(c.a.dir)}<br>B: ${esc(c.b.dir)}</p>
<div class="card">${notes}</div>
<h2>A: ${esc(runName(c.a))}</h2>${verdicts(c.a)}<h2>B: ${esc(runName(c.b))}</h2>${verdicts(c.b)}
<h2>Figures</h2><table id="table-compare">${head}
${rows}</table></main></body></html>
`;
}

/** Writes compare.md and compare.html into outDir (created) and returns their paths and the comparison. */
export async function renderComparison(a: LoadedRun, b: LoadedRun, outDir: string): Promise<WrittenComparison> {
  const c = compareRuns(a, b);
  const dir = path.resolve(outDir);
  await mkdir(dir, { recursive: true });
  const files = { markdown: path.join(dir, 'compare.md'), html: path.join(dir, 'compare.html') };
  await writeFile(files.markdown, markdown(c));
  await writeFile(files.html, html(c));
  return { ...files, comparison: c };
}
