// docs/errors.md in step with the code: each package's section (`## Heading ...`) has one table row per code,
// `| \`CODE\` | status | meaning | what to do |`, with `-` in the status column for a code that is no HTTP answer.
import type { ErrorTable } from './define-errors.ts';

/** The rows of the section whose heading starts with `heading`: code → the text of its status column. */
export function documentedCodes(doc: string, heading: string): Map<string, string> {
  const start = doc.search(new RegExp(`^## ${escape(heading)}`, 'm'));
  if (start === -1) throw new Error(`docs/errors.md has no "## ${heading}" section`);
  const next = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, next === -1 ? undefined : next);
  const rows = new Map<string, string>();
  for (const m of section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| ([^|]*) \|/gm)) {
    const code = m[1] as string;
    if (rows.has(code)) throw new Error(`docs/errors.md lists ${code} twice in "## ${heading}"`);
    rows.set(code, (m[2] as string).trim());
  }
  return rows;
}

export interface DocCheck {
  /** Codes of the table with no row in the section. */
  missing: string[];
  /** Rows of the section whose code the table does not have. */
  stale: string[];
  /** Codes whose status column differs from the table (`-` for null): [code, documented, expected]. */
  wrongStatus: [string, string, string][];
}

/** Compares a section of docs/errors.md with a family's table; all three lists are empty when they agree. */
export function checkErrorsDoc(doc: string, heading: string, table: ErrorTable): DocCheck {
  const rows = documentedCodes(doc, heading);
  const codes = Object.keys(table);
  const wrongStatus: [string, string, string][] = [];
  for (const code of codes) {
    const documented = rows.get(code);
    const expected = table[code] === null ? '-' : String(table[code]);
    if (documented !== undefined && documented !== expected) wrongStatus.push([code, documented, expected]);
  }
  return {
    missing: codes.filter((code) => !rows.has(code)),
    stale: [...rows.keys()].filter((code) => !Object.hasOwn(table, code)),
    wrongStatus,
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
