// `pnpm report`: re-render a run's report from its results.json, compare two runs, or index a folder of runs.
// Bad input gets a clear message naming the problem and a non-zero exit; nothing is written on failure.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { HELP_OPTION, defineOptions, didYouMean, helpText, parseOptions, wantsHelp } from '@stateshift/cli';
import { z } from 'zod';
import { loadConfig } from './cli-config.ts';
import { renderComparison } from './compare-page.ts';
import { renderReport } from './index.ts';
import { loadRun } from './load-results.ts';
import { ReportError } from './report-error.ts';
import { renderRunIndex } from './run-index.ts';

const COMMANDS = ['compare', 'index'] as const;

/** The flags of `pnpm report`; --help is generated from it. */
const REPORT_FLAGS = defineOptions([
  { name: '--out', type: 'string', schema: z.string().min(1).describe('a folder'), default: undefined,
    placeholder: 'folder',
    description: "where to write (default: the run's folder; compare: next to run B)" },
  HELP_OPTION,
]);

export const USAGE = helpText(`pnpm report <results.json | run folder> [--out <folder>]
pnpm report compare <run A> <run B> [--out <folder>]
pnpm report index <folder>`, REPORT_FLAGS, [{ title: 'commands', rows: [
  ['<run>', 're-render report.md, report.html and charts/'],
  ['compare', 'compare.md/.html: B against A, worse figures flagged'],
  ['index', '<folder>/index.html listing every run and its verdict'],
] }]);

type Args = { positional: string[]; out: string | undefined };

function parseArgs(argv: string[], cwd: string): Args {
  let parsed;
  try {
    parsed = parseOptions(argv, REPORT_FLAGS, { maxPositionals: Infinity });
  } catch (err) {
    throw new ReportError('REPORT_ERR_USAGE', (err as Error).message, { cause: err });
  }
  const first = parsed.positionals[0];
  // `pnpm report compar a b`: a word close to a command that is no file either is a typo, not a run.
  const known = (COMMANDS as readonly string[]).includes(first ?? '');
  if (first !== undefined && !known && !existsSync(path.resolve(cwd, first))) {
    const guess = didYouMean(first, COMMANDS);
    if (guess) throw new ReportError('REPORT_ERR_USAGE', `unknown command "${first}" (did you mean ${guess}?)`);
  }
  return { positional: parsed.positionals, out: parsed.values.out };
}

const compareDir = (a: string, b: string): string =>
  path.join(path.dirname(b), `compare-${path.basename(a)}-vs-${path.basename(b)}`);

async function run(argv: string[], cwd: string): Promise<string[]> {
  if (wantsHelp(argv)) return [USAGE];
  const { positional, out } = parseArgs(argv, cwd);
  const at = (p: string): string => path.resolve(cwd, p);
  const [first, ...rest] = positional;
  if (first === 'compare') {
    if (rest.length !== 2) {
      throw new ReportError('REPORT_ERR_USAGE', 'compare needs two runs: pnpm report compare <run A> <run B>');
    }
    const [a, b] = await Promise.all(rest.map((p) => loadRun(at(p))));
    const w = await renderComparison(a!, b!, out ? at(out) : compareDir(a!.dir, b!.dir));
    const worse = w.comparison.rows.filter((r) => r.worse).length;
    return [
      `compared ${a!.dir} (A) with ${b!.dir} (B): ${worse} figure${worse === 1 ? '' : 's'} worse`,
      `wrote ${w.html}`, `wrote ${w.markdown}`,
    ];
  }
  if (first === 'index') {
    if (rest.length !== 1) {
      throw new ReportError('REPORT_ERR_USAGE', 'index needs one folder: pnpm report index <folder>');
    }
    const idx = await renderRunIndex(at(rest[0]!));
    const bad = idx.runs.filter((r) => r.error);
    return [`wrote ${idx.html} listing ${idx.runs.length} runs`, ...bad.map((r) => `warning: ${r.run}: ${r.error}`)];
  }
  if (!first || rest.length) {
    throw new ReportError('REPORT_ERR_USAGE', first ? `one run at a time, got ${positional.length}` : 'which run?');
  }
  const loaded = await loadRun(at(first));
  const written = await renderReport(loaded.results, out ? at(out) : loaded.dir);
  return [
    `rendered ${loaded.file}`, `wrote ${written.html}`, `wrote ${written.markdown}`,
    `wrote ${written.charts.length} charts in ${path.dirname(written.charts[0] ?? written.markdown)}`,
  ];
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
