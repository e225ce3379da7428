// Writes index.html for a folder of runs: every sub-folder holding a results.json, by folder name newest first,
// with its verdict lines and a link to its report. A run that fails to load is listed with its error, not skipped.
import { access, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { variantFigures } from './figures.ts';
import { REPORT_CSS } from './html-style.ts';
import { loadRun } from './load-results.ts';
import { ReportError } from './report-error.ts';
import { esc } from './svg-escape.ts';

export type IndexEntry = {
  run: string; experiment: string | null; startedAt: string | null; verdicts: string[]; hasReport: boolean;
  error: string | null;
};
export type RunIndex = { html: string; runs: IndexEntry[] };

const exists = (file: string): Promise<boolean> => access(file).then(() => true, () => false);

async function entryFor(dir: string): Promise<IndexEntry> {
  const run = path.basename(dir);
  const hasReport = await exists(path.join(dir, 'report.html'));
  try {
    const { results } = await loadRun(dir);
    return {
      run, experiment: results.experiment, startedAt: results.startedAt,
      verdicts: results.variants.map((v) => variantFigures(v).verdict), hasReport, error: null,
    };
  } catch (err) {
    return { run, experiment: null, startedAt: null, verdicts: [], hasReport, error: (err as Error).message };
  }
}

function page(folder: string, runs: IndexEntry[]): string {
  const rows = runs.map((e) => `<tr data-run="${esc(e.run)}"><td>`
    + `${e.hasReport ? `<a href="${esc(encodeURIComponent(e.run))}/report.html">${esc(e.run)}</a>` : esc(e.run)}</td>`
    + `<td>${esc(e.experiment ?? 'n/a')}</td><td>${esc(e.startedAt ?? 'n/a')}</td><td>`
    + (e.error
      ? `<strong>cannot read: ${esc(e.error)}</strong>`
      : e.verdicts.map((v) => `<div data-verdict>${esc(v)}</div>`).join(''))
    + (e.hasReport || e.error ? '' : '<div><em>no report.html yet: pnpm report &lt;run folder&gt;</em></div>')
    + '</td></tr>').join('\n');
  const title = `Runs in ${esc(path.basename(folder))}`;
  const sub = `${runs.length} run${runs.length === 1 ? '' : 's'}, newest first (run folders are named by start time).`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>${REPORT_CSS} td { text-align: left; vertical-align: top; }</style></head>
<body><main><h1>Runs in ${esc(folder)}</h1><p class="sub">${sub}</p>
<table id="table-runs"><tr><th>Run</th><th>Experiment</th><th>Started</th><th>Verdict</th></tr>
${rows}</table></main></body></html>
`;
}

/** Lists every run folder under `folder` into `<folder>/index.html`. */
export async function renderRunIndex(folder: string): Promise<RunIndex> {
  const root = path.resolve(folder);
  const names = await readdir(root, { withFileTypes: true }).catch((err: unknown) => {
    throw new ReportError(
      'REPORT_ERR_NOT_FOUND', `${folder}: cannot list folder (${(err as Error).message})`, { cause: err },
    );
  });
  const dirs = names.filter((d) => d.isDirectory()).map((d) => path.join(root, d.name));
  const withResults = (await Promise.all(
    dirs.map(async (d) => ((await exists(path.join(d, 'results.json'))) ? d : null)),
  )).filter((d): d is string => d !== null);
  const runs = (await Promise.all(withResults.map(entryFor))).sort((x, y) => y.run.localeCompare(x.run));
  const html = path.join(root, 'index.html');
  await writeFile(html, page(root, runs));
  return { html, runs };
}
