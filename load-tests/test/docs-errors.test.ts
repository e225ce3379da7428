// Keeps the experiments and reports sections of docs/errors.md in step with the codes, both ways.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { EXPERIMENT_ERROR_CODES } from '../src/experiments/experiment-error.ts';
import { REPORT_ERROR_CODES } from '../src/report/report-error.ts';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

function documented(heading: string, prefix: string): string[] {
  const start = doc.indexOf(`## ${heading}`);
  expect(start, `docs/errors.md has a "## ${heading}" section`).toBeGreaterThan(-1);
  const next = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, next === -1 ? undefined : next);
  return [...section.matchAll(new RegExp(`^\\| \`(${prefix}[A-Z_]+)\` \\|`, 'gm'))].map((m) => m[1] ?? '');
}

it.each([
  ['Experiments', 'EXPERIMENT_ERR_', EXPERIMENT_ERROR_CODES],
  ['Reports', 'REPORT_ERR_', REPORT_ERROR_CODES],
] as const)('docs/errors.md › the %s section lists exactly the codes of the code', (heading, prefix, codes) => {
  const listed = documented(heading, prefix);
  expect(new Set(listed).size).toBe(listed.length);
  expect([...listed].sort()).toEqual([...codes].sort());
});
