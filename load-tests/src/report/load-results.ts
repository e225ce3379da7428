// Finds and validates a run's results.json (a file or the run folder holding it); never renders from memory.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseResults, type Results } from '../results-schema.ts';
import { ReportError } from './report-error.ts';

export type LoadedRun = { file: string; dir: string; results: Results };

/** Resolves `<run folder>` to `<run folder>/results.json`; a file path is taken as is. */
async function resolveResultsFile(target: string): Promise<string> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new ReportError('REPORT_ERR_NOT_FOUND', `${target}: no such file or folder`);
  if (!info.isDirectory()) return target;
  const file = path.join(target, 'results.json');
  const inner = await stat(file).catch(() => null);
  if (!inner?.isFile()) throw new ReportError('REPORT_ERR_NOT_FOUND', `${target}: folder has no results.json`);
  return file;
}

/** Parses results.json text, turning the schema's errors into coded ones that name the bad field. */
export function parseRun(text: string, source: string): Results {
  try {
    JSON.parse(text);
  } catch (err) {
    throw new ReportError(
      'REPORT_ERR_BAD_JSON', `${source} is not valid JSON: ${(err as Error).message}`, { cause: err },
    );
  }
  try {
    return parseResults(text, source);
  } catch (err) {
    throw new ReportError('REPORT_ERR_BAD_FIELD', (err as Error).message, { cause: err });
  }
}

export async function loadRun(target: string): Promise<LoadedRun> {
  const file = path.resolve(await resolveResultsFile(target));
  const text = await readFile(file, 'utf8');
  return { file, dir: path.dirname(file), results: parseRun(text, file) };
}
