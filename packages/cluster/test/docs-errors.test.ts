// Keeps the cluster section of docs/errors.md in step with CLUSTER_ERROR_CODES, both ways.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLUSTER_ERROR_CODES } from '../src/index.ts';

function documentedCodes(): string[] {
  const text = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const start = text.indexOf('## Cluster controller');
  const next = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, next === -1 ? undefined : next);
  return [...section.matchAll(/^\| `(CLUSTER_ERR_[A-Z_]+)` \|/gm)].map((m) => m[1] ?? '');
}

describe('docs/errors.md › cluster section', () => {
  it('lists every CLUSTER_ERR code the package throws, once', () => {
    const documented = documentedCodes();
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...CLUSTER_ERROR_CODES].sort());
  });
});
