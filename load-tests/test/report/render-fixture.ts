// Test helper: renders a crafted fixture into an ignored folder next to the tests (test-results/ is
// git-ignored), so a person can open the report and its screenshot after a run.
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRun } from '../../src/report/load-results.ts';
import { renderReport, type RenderedReport } from '../../src/report/index.ts';
import type { Results } from '../../src/results-schema.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const OUT = fileURLToPath(new URL('./test-results/', import.meta.url));

export async function readFixture(name: string): Promise<{ results: Results; raw: unknown }> {
  const text = await readFile(path.join(FIXTURES, `${name}.json`), 'utf8');
  return { results: parseRun(text, name), raw: JSON.parse(text) };
}

export async function renderFixture(
  name: string, suite: string,
): Promise<RenderedReport & { results: Results; dir: string }> {
  const dir = path.join(OUT, suite, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const { results } = await readFixture(name);
  return { ...(await renderReport(results, dir)), results, dir };
}
