// Keeps docs/errors.md in step with the code: every SHOP_ERR_* code (and its status) is in the shop table,
// and the table lists no code the shop does not have.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SHOP_ERRORS } from '../src/index.ts';

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
const section = doc.split(/^## /m).find((s) => s.startsWith('Shop')) ?? '';
const rows = [...section.matchAll(/^\|\s*`(SHOP_ERR_\w+)`\s*\|\s*([^|]*)\|/gm)].map((m) => [m[1], m[2]!.trim()] as const);

it('docs/errors.md › the shop table lists exactly the SHOP_ERR_* codes of the code', () => {
  expect(rows.map(([code]) => code).sort()).toEqual(Object.keys(SHOP_ERRORS).sort());
});

it('docs/errors.md › each shop code has the status the code answers with', () => {
  for (const [code, status] of rows) {
    const expected = SHOP_ERRORS[code as keyof typeof SHOP_ERRORS];
    expect(status, code).toBe(expected === 0 ? '—' : String(expected));
  }
});
