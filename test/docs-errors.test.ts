// Keeps docs/errors.md in step with the code: each section lists exactly the codes its package can produce.
// (The shop's and the balancer's own suites also check each code's HTTP status.)
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { DEMO_ERROR_CODES } from '../apps/demo/src/index.ts';
import { EXPERIMENT_ERROR_CODES } from '../load-tests/src/experiments/experiment-error.ts';
import { REPORT_ERROR_CODES } from '../load-tests/src/report/report-error.ts';
import { CLUSTER_ERROR_CODES } from '../packages/cluster/src/index.ts';
import { WORKSHOP_ERROR_CODES } from '../workshop/kit/src/workshop-error.ts';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

function listed(heading: string, prefix: string): string[] {
  const start = doc.indexOf(`\n## ${heading}`);
  expect(start, `docs/errors.md has a "## ${heading}" section`).toBeGreaterThan(-1);
  const next = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, next === -1 ? undefined : next);
  return [...section.matchAll(new RegExp(`^\\| \`(${prefix}[A-Z_]+)\` \\|`, 'gm'))].map((m) => m[1] ?? '');
}

it.each([
  ['Cluster controller', 'CLUSTER_ERR_', CLUSTER_ERROR_CODES],
  ['Experiments', 'EXPERIMENT_ERR_', EXPERIMENT_ERROR_CODES],
  ['Reports', 'REPORT_ERR_', REPORT_ERROR_CODES],
  ['Demo', 'DEMO_ERR_', DEMO_ERROR_CODES],
  ['Workshop', 'WORKSHOP_ERR_', WORKSHOP_ERROR_CODES],
] as const)('docs/errors.md › the %s section lists exactly the codes of the code, once each', (heading, prefix, codes) => {
  const found = listed(heading, prefix);
  expect(new Set(found).size).toBe(found.length);
  expect([...found].sort()).toEqual([...codes].sort());
});
