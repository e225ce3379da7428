// The report package's public surface: render a run's report, compare two runs, index a folder of runs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Results } from '../results-schema.ts';
import { buildChartModel } from './chart-model.ts';
import { variantFigures } from './figures.ts';
import { renderHtml } from './html-page.ts';
import { type ChartFile, renderMarkdown } from './markdown.ts';
import { loadPageAssets } from './page-assets.ts';
import { renderSvgPanel } from './svg-chart.ts';

export { ReportError, type ReportErrorCode } from './report-error.ts';
export { loadRun, parseRun, type LoadedRun } from './load-results.ts';
export { variantFigures, type VariantFigures } from './figures.ts';
export { compareRuns, type Comparison, type CompareRow } from './compare.ts';
export { renderComparison, type WrittenComparison } from './compare-page.ts';
export { renderRunIndex, type RunIndex, type IndexEntry } from './run-index.ts';

export type RenderedReport = { markdown: string; html: string; charts: string[] };

/**
 * Writes report.md, report.html and charts/*.svg into outDir, all derived from `results` alone.
 * Returns the absolute paths of the files written.
 */
export async function renderReport(results: Results, outDir: string): Promise<RenderedReport> {
  const dir = path.resolve(outDir);
  const chartDir = path.join(dir, 'charts');
  await mkdir(chartDir, { recursive: true });
  const figs = results.variants.map(variantFigures);
  const model = buildChartModel(results);
  const files: ChartFile[] = [];
  for (const row of model.rows) {
    for (const panel of row.panels) {
      const file = `charts/${panel.id}.svg`;
      await writeFile(path.join(dir, file), renderSvgPanel(panel, model.xs));
      files.push({ title: panel.title, file });
    }
  }
  const markdown = path.join(dir, 'report.md');
  const html = path.join(dir, 'report.html');
  await writeFile(markdown, renderMarkdown(results, figs, files));
  await writeFile(html, renderHtml(results, figs, model, await loadPageAssets()));
  return { markdown, html, charts: files.map((f) => path.join(dir, f.file)) };
}
