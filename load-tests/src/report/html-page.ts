// Assembles report.html: one self-contained file (uPlot, styles, script and data inlined, no request of any
// kind). Verdict, tiles, integrity and tables are static HTML; charts start as inline SVG and uPlot redraws them.
import type { Results } from '../results-schema.ts';
import type { ChartModel } from './chart-model.ts';
import type { VariantFigures } from './figures.ts';
import { type Colored, howToReadHtml, integrityHtml, tableHtml, tilesHtml, verdictHtml } from './html-sections.ts';
import { REPORT_CSS } from './html-style.ts';
import type { PageAssets } from './page-assets.ts';
import { PHASE_FILL, variantHues } from './palette.ts';
import {
  costTable, eventsTable, integrityTable, nodesTable, repeatsTable, runTable, totalsTable,
} from './report-tables.ts';
import { replicationTable } from './replication-table.ts';
import { hasSessionMemory, SESSION_MEMORY_NOTE } from './session-memory.ts';
import { esc } from './svg-escape.ts';
import { renderSvgPanel } from './svg-chart.ts';

/** JSON inside <script type="application/json">: `<` escaped so no text can end the element. */
function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function chartsHtml(model: ChartModel): string {
  return model.rows.map((row) => `<section class="chart-row" data-row="${row.id}"><h3>${esc(row.title)}</h3>`
    + `<p class="note">${esc(row.note)}</p>`
    + row.panels.map((p) => (row.panels.length > 1 ? `<p class="panel-title">${esc(p.title)}</p>` : '')
      + `<div class="chart" data-panel="${esc(p.id)}">${renderSvgPanel(p, model.xs)}</div>`).join('\n')
    + '</section>').join('\n');
}

export function renderHtml(r: Results, figs: VariantFigures[], model: ChartModel, assets: PageAssets): string {
  const hues = variantHues(r.variants);
  const list: Colored[] = r.variants.map((v, i) => ({ v, f: figs[i]!, color: hues[i]!.color }));
  const title = `${r.experiment}: ${r.variants.map((v) => v.label).join(' vs ')}`;
  const chips = list.map(({ v, color }) => `<span class="chip" style="--c:${color}">`
    + `${esc(v.label)}: ${esc(v.strategy)}, ${esc(v.cartStore)} carts</span>`).join('');
  const engine = typeof r.options.engine === 'string'
    ? `<span class="chip" data-engine="${esc(r.options.engine)}">balancer engine: ${esc(r.options.engine)}</span>`
    : '';
  const repeatsNote = r.repeats
    ? `<p class="sub">Each variant ran ${r.repeats.length / r.variants.length} times, interleaved. Key figures: `
      + 'median (min–max); charts and per-run tables: the run of median throughput.</p>'
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${assets.uplotCss}</style><style>${REPORT_CSS}</style></head>
<body><main>
<h1>${esc(title)}</h1>
<p class="sub">Run started ${esc(r.startedAt)}, finished ${esc(r.finishedAt)}. Rendered from results.json.</p>
<div class="chips">${chips}${engine}</div>
${repeatsNote}
<h2 id="verdict">Verdict</h2>
${verdictHtml(r, list)}
<h2 id="key-figures">Key figures</h2>
${tilesHtml(r, list)}
<h2 id="charts">Over time</h2>
${chartsHtml(model)}
<h2 id="integrity">Cart integrity</h2>
${integrityHtml(list)}
<h2 id="tables">Tables</h2>
<h3>Totals and percentiles</h3>
${tableHtml(totalsTable(r))}
<h3>Cart integrity</h3>
${tableHtml(integrityTable(r))}
${r.variants.some((v) => v.cost) ? `<h3 id="cost">Cost per tier</h3>\n${tableHtml(costTable(r), true)}` : ''}${
  sessionNote(r)}
${r.repeats ? `<h3 id="repeats">Repeats</h3>\n${tableHtml(repeatsTable(r), true)}` : ''}
<h3>Per node</h3>
${tableHtml(nodesTable(r, figs))}
${replicationSection(r)}<h3>Event log</h3>
${tableHtml(eventsTable(r), true)}
<h3>Options and environment</h3>
${tableHtml(runTable(r), true)}
<h2 id="how-to-read">How to read this</h2>
${howToReadHtml()}
</main>
<script type="application/json" id="report-data">${embedJson({ ...model, phaseFill: PHASE_FILL })}</script>
<script>${assets.uplotJs}</script>
<script>${assets.clientJs}</script>
</body></html>
`;
}

function replicationSection(r: Results): string {
  const table = replicationTable(r);
  return table ? `<h3>Replication</h3>\n${tableHtml(table, true)}\n` : '';
}

function sessionNote(r: Results): string {
  return hasSessionMemory(r) ? `\n<p class="note" id="session-memory-note">${esc(SESSION_MEMORY_NOTE)}</p>` : '';
}
