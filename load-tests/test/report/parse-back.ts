// Test helpers that read a rendered report back: figures tagged in the HTML, tables in the Markdown, and a
// printed figure turned back into a number (with the rounding its format allows).
export type TaggedFigure = { figure: string; variant: string; value: string; text: string };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
export const unescapeHtml = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

export function taggedFigures(html: string): TaggedFigure[] {
  const re = /data-figure="([^"]*)" data-variant="([^"]*)" data-value="([^"]*)"[^>]*>([^<]*)</g;
  return [...html.matchAll(re)].map((m) => ({
    figure: unescapeHtml(m[1]!), variant: unescapeHtml(m[2]!), value: m[3]!, text: unescapeHtml(m[4]!),
  }));
}

/** The Markdown table under `## heading`: header cells and rows keyed by their first cell. */
export function markdownTable(md: string, heading: string): { head: string[]; rows: Map<string, string[]> } {
  const start = md.indexOf(`## ${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const lines = md.slice(start).split('\n').slice(2);
  const table = lines.slice(0, lines.findIndex((l) => !l.startsWith('|')));
  const cells = (l: string): string[] => l.slice(2, -2).split(' | ').map((c) => c.trim());
  const [head, , ...rows] = table;
  return { head: cells(head!), rows: new Map(rows.map((r) => [cells(r)[0]!, cells(r).slice(1)])) };
}

/** "1,852 ms" → 1852 (±0.5), "2.1 s" → 2100 (±50), "34%" → 0.34 (±0.005), "9.9%" → 0.099 (±0.0005). */
export function parseDisplayed(text: string): { value: number; tolerance: number } | null {
  if (text === 'n/a') return null;
  const m = /^([\d,]+(?:\.(\d+))?)\s*(ms|s|%|req\/s)?$/.exec(text);
  if (!m) throw new Error(`cannot read a figure from "${text}"`);
  const n = Number(m[1]!.replace(/,/g, ''));
  const half = 0.5 * 10 ** -(m[2]?.length ?? 0);
  const scale = m[3] === 's' ? 1000 : m[3] === '%' ? 0.01 : 1;
  return { value: n * scale, tolerance: half * scale + 1e-9 };
}
