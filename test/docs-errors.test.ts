// Keeps docs/errors.md in step with the code: each family's section lists exactly the codes of its table, once
// each, with the status the code is answered with (`-` for a code that is never an HTTP answer).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { LB_ERRORS } from '../apps/balancer/src/index.ts';
import { DEMO_ERRORS } from '../apps/demo/src/index.ts';
import { EXPERIMENT_ERRORS } from '../load-tests/src/experiments/experiment-error.ts';
import { REPORT_ERRORS } from '../load-tests/src/report/report-error.ts';
import { CLI_ERRORS } from '../packages/cli/src/index.ts';
import { CLUSTER_ERRORS } from '../packages/cluster/src/index.ts';
import { checkErrorsDoc } from '../packages/errors/src/index.ts';
import { SHOP_ERRORS } from '../packages/shop/src/index.ts';
import { WORKSHOP_ERRORS } from '../workshop/kit/src/workshop-error.ts';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

it.each([
  ['Shop', SHOP_ERRORS],
  ['Balancer', LB_ERRORS],
  ['Cluster controller', CLUSTER_ERRORS],
  ['Reports', REPORT_ERRORS],
  ['Demo', DEMO_ERRORS],
  ['Experiments', EXPERIMENT_ERRORS],
  ['Workshop', WORKSHOP_ERRORS],
  ['Command lines', CLI_ERRORS],
] as const)('docs/errors.md › the %s section lists exactly the codes of the code, once each, with their status',
  (heading, table) => {
    expect(checkErrorsDoc(doc, heading, table)).toEqual({ missing: [], stale: [], wrongStatus: [] });
  });

it('docs/errors.md › every section is checked', () => {
  const headings = [...doc.matchAll(/^## (\S+)/gm)].map((m) => m[1]);
  expect(headings).toEqual(['Shop', 'Balancer', 'Cluster', 'Reports', 'Demo', 'Experiments', 'Workshop', 'Command']);
});
