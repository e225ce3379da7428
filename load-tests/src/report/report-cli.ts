// `pnpm report`: re-render a run's report from its results.json, compare two runs, or index a folder of runs.
// Bad input gets a clear message naming the problem and a non-zero exit; nothing is written on failure.
import path from 'node:path';
import { loadConfig } from './cli-config.ts';
import { renderComparison } from './compare-page.ts';
import { renderReport } from './index.ts';
import { loadRun } from './load-results.ts';
import { ReportError } from './report-error.ts';
import { renderRunIndex } from './run-index.ts';

export const USAGE = `usage:
  pnpm report <results.json | run folder> [--out <folder>]   re-render report.md, report.html and charts/
  pnpm report compare <run A> <run B> [--out <folder>]       compare.md/.html: B against A, worse figures flagged
  pnpm report index <folder>                                 <folder>/index.html listing every run and its verdict`;

type Args = { positional: string[]; out: string | null };

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out') {
      out = argv[++i] ?? null;
      if (!out) throw new ReportError('REPORT_ERR_USAGE', '--out needs a folder');
    } else if (arg.startsWith('-')) throw new ReportError('REPORT_ERR_USAGE', `unknown option ${arg}`);
    else positional.push(arg);
  }
  return { positional, out };
}

const compareDir = (a: string, b: string): string => path.join(path.dirname(b), `compare-${path.basename(a)}-vs-${path.basename(b)}`);

async function run(argv: string[], cwd: string): Promise<string[]> {
  if (argv.includes('--help') || argv.includes('-h')) return [USAGE];
  const { positional, out } = parseArgs(argv);
  const at = (p: string): string => path.resolve(cwd, p);
  const [first, ...rest] = positional;
  if (first === 'compare') {
    if (rest.length !== 2) throw new ReportError('REPORT_ERR_USAGE', 'compare needs two runs: pnpm report compare <run A> <run B>');
    const [a, b] = await Promise.all(rest.map((p) => loadRun(at(p))));
    const w = await renderComparison(a!, b!, out ? at(out) : compareDir(a!.dir, b!.dir));
    const worse = w.comparison.rows.filter((r) => r.worse).length;
    return [`compared ${a!.dir} (A) with ${b!.dir} (B): ${worse} figure${worse === 1 ? '' : 's'} worse`, `wrote ${w.html}`, `wrote ${w.markdown}`];
  }
  if (first === 'index') {
    if (rest.length !== 1) throw new ReportError('REPORT_ERR_USAGE', 'index needs one folder: pnpm report index <folder>');
    const idx = await renderRunIndex(at(rest[0]!));
    const bad = idx.runs.filter((r) => r.error);
    return [`wrote ${idx.html} listing ${idx.runs.length} runs`, ...bad.map((r) => `warning: ${r.run}: ${r.error}`)];
  }
  if (!first || rest.length) throw new ReportError('REPORT_ERR_USAGE', first ? `one run at a time, got ${positional.length}` : 'which run?');
  const loaded = await loadRun(at(first));
  const written = await renderReport(loaded.results, out ? at(out) : loaded.dir);
  return [`rendered ${loaded.file}`, `wrote ${written.html}`, `wrote ${written.markdown}`, `wrote ${written.charts.length} charts in ${path.dirname(written.charts[0] ?? written.markdown)}`];
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  try {
    for (const line of await run(process.argv.slice(2), config.cwd)) console.log(line);
  } catch (err) {
    const code = err instanceof ReportError ? err.code : 'REPORT_ERR_WRITE';
    console.error(`pnpm report: ${code}: ${(err as Error).message}`);
    if (code === 'REPORT_ERR_USAGE') console.error(USAGE);
    process.exitCode = code === 'REPORT_ERR_USAGE' ? 2 : 1;
  }
}

await main();
