// Keeps the Demo section of docs/errors.md in step with DEMO_ERRORS, both ways.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_ERROR_CODES } from '../src/index.ts';

function documentedCodes(): string[] {
  const text = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const start = text.indexOf('## Demo');
  const next = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, next === -1 ? undefined : next);
  return [...section.matchAll(/^\| `(DEMO_ERR_[A-Z_]+)` \|/gm)].map((m) => m[1] ?? '');
}

describe('docs/errors.md › demo section', () => {
  it('lists every DEMO_ERR code the demo uses, once', () => {
    const documented = documentedCodes();
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...DEMO_ERROR_CODES].sort());
  });
});
