// Writes a run: results.json first, validated against its schema (the contract with the reports), then
// report.md rendered from it: by the report renderer when present, else a tables-only fallback.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resultsSchema, type Results } from '../results-schema.ts';
import { ExperimentError } from './experiment-error.ts';
import { minimalReport } from './summary-table.ts';

/** `reports/20250101-120000-kill-node` (local time); a suffix when that directory already exists. */
function runDirName(startedAt: Date, name: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${startedAt.getFullYear()}${p(startedAt.getMonth() + 1)}${p(startedAt.getDate())}-` +
    `${p(startedAt.getHours())}${p(startedAt.getMinutes())}${p(startedAt.getSeconds())}`;
  return `${stamp}-${name}`;
}

export async function writeRun(
  results: Results, outRoot: string,
): Promise<{ dir: string; report: 'rendered' | 'minimal'; reportError?: string }> {
  const parsed = resultsSchema.safeParse(results);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ExperimentError(
      'EXPERIMENT_ERR_RESULTS',
      `results.json would be invalid at "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'unknown'}`,
    );
  }
  const dir = uniqueDir(join(outRoot, runDirName(new Date(results.startedAt), results.experiment)));
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(parsed.data, null, 2)}\n`);
  try {
    const { renderReport } = await import('../report/index.ts') as {
      renderReport?: (r: Results, dir: string) => Promise<unknown>;
    };
    if (typeof renderReport !== 'function') throw new Error('renderReport is not exported');
    await renderReport(parsed.data, dir);
    return { dir, report: 'rendered' };
  } catch (err) {
    writeFileSync(join(dir, 'report.md'), minimalReport(parsed.data));
    return { dir, report: 'minimal', reportError: (err as Error).message };
  }
}

function uniqueDir(base: string): string {
  mkdirSync(dirname(base), { recursive: true });
  for (let i = 0; ; i++) {
    const dir = i === 0 ? base : `${base}-${i}`;
    try {
      mkdirSync(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
