// Keeps the reports section of docs/errors.md in step with REPORT_ERROR_CODES, both ways.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { REPORT_ERROR_CODES } from '../../src/report/report-error.ts';

it('docs/errors.md › the reports section lists exactly the REPORT_ERR codes of the code', () => {
  const text = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const start = text.indexOf('## Reports');
  expect(start).toBeGreaterThan(-1);
  const next = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, next === -1 ? undefined : next);
  const documented = [...section.matchAll(/^\| `(REPORT_ERR_[A-Z_]+)` \|/gm)].map((m) => m[1]);
  expect(new Set(documented).size).toBe(documented.length);
  expect([...documented].sort()).toEqual([...REPORT_ERROR_CODES].sort());
});
