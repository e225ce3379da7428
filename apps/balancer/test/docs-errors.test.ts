// Keeps the "Balancer (LB_ERR_*)" table of docs/errors.md in step with the codes and statuses in src/errors.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LB_ERRORS } from '../src/index.ts';

const doc = readFileSync(fileURLToPath(new URL('../../../docs/errors.md', import.meta.url)), 'utf8');

function balancerRows(): Map<string, string> {
  const section = doc.split(/^## /m).find((s) => s.startsWith('Balancer')) ?? '';
  const rows = new Map<string, string>();
  for (const m of section.matchAll(/^\| `(LB_ERR_[A-Z_]+)` \| ([^|]+) \|/gm)) rows.set(m[1] as string, (m[2] as string).trim());
  return rows;
}

describe('docs/errors.md', () => {
  it('lists every LB_ERR_* code with its status, and no other', () => {
    const rows = balancerRows();
    expect([...rows.keys()].sort()).toEqual(Object.keys(LB_ERRORS).sort());
    for (const [code, status] of Object.entries(LB_ERRORS)) expect(rows.get(code), code).toBe(status === 0 ? '-' : String(status));
  });
});
