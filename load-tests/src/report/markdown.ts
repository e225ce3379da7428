// Writes report.md: verdict, key figures, charts (SVG files next to it), totals, integrity, nodes, events,
// run settings and how to read it. Prints only cells built by report-tables.ts and figures.ts.
import type { Results } from '../results-schema.ts';
import type { VariantFigures } from './figures.ts';
import { reportWarnings } from './run-warnings.ts';
import { HOW_TO_READ } from './how-to-read.ts';
import { replicationTable } from './replication-table.ts';
import { hasSessionMemory, SESSION_MEMORY_NOTE } from './session-memory.ts';
import {
  costTable, eventsTable, integrityTable, keyFiguresTable, nodesTable, repeatsTable, runTable, type Table, totalsTable,
} from './report-tables.ts';

export type ChartFile = { title: string; file: string };

const cellText = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ') || ' ';

export function markdownTable(t: Table): string {
  const line = (cells: string[]): string => `| ${cells.map(cellText).join(' | ')} |`;
  const numeric = t.head.map((_, i) => t.rows.some((row) => row[i]?.figure !== undefined));
  return [
    line(t.head),
    `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|`,
    ...t.rows.map((row) => line(row.map((c) => c.text))),
  ].join('\n');
}

export function renderMarkdown(r: Results, figs: VariantFigures[], charts: ChartFile[]): string {
  const warnings = reportWarnings(r);
  const replication = replicationTable(r);
  return [
    `# ${r.experiment}: ${r.variants.map((v) => v.label).join(' vs ')}`, '',
    `Run started ${r.startedAt}, finished ${r.finishedAt}. Rendered from results.json.`, '',
    '## Verdict', '', ...figs.map((f) => `- **${f.verdict}**`), ...figs.map((f) => `- ${f.steadyLine}`), '',
    ...(r.repeats
      ? ['Charts and per-run tables show, for each variant, its run of median throughput '
        + `(of ${r.repeats.length / r.variants.length}).`, '']
      : []),
    ...(warnings.length ? ['## Warnings', '', ...warnings.map((w) => `> ⚠ ${w}`), ''] : []),
    '## Key figures', '',
    ...(r.repeats ? [`Median (min–max) over ${r.repeats.length / r.variants.length} runs of each variant.`, ''] : []),
    markdownTable(keyFiguresTable(r, figs)), '',
    '## Charts', '', ...charts.flatMap((c) => [`![${c.title}](${c.file})`, '']),
    '## Totals', '', markdownTable(totalsTable(r)), '',
    '## Cart integrity', '', markdownTable(integrityTable(r)), '',
    ...(r.variants.some((v) => v.cost) ? ['## Cost per tier', '', markdownTable(costTable(r)), ''] : []),
    ...(hasSessionMemory(r) ? [SESSION_MEMORY_NOTE, ''] : []),
    ...(r.repeats ? ['## Repeats', '', markdownTable(repeatsTable(r)), ''] : []),
    '## Per node', '', markdownTable(nodesTable(r, figs)), '',
    ...(replication ? ['## Replication', '', markdownTable(replication), ''] : []),
    '## Event log', '', markdownTable(eventsTable(r)), '',
    '## Run', '', markdownTable(runTable(r)), '',
    '## How to read this', '', ...HOW_TO_READ.map((e) => `- **${e.term}**: ${e.text}`), '',
  ].join('\n');
}
