// Colours for a projector: one strong hue per variant (the same in every chart and tile), shades of it
// for that variant's nodes, and error classes in hues no variant uses.
import type { VariantResult } from '../results-schema.ts';

type Hue = { color: string; hue: number };
const BY_VARIANT: Record<string, Hue> = {
  stateful: { color: '#1d4ed8', hue: 224 },
  stateless: { color: '#c2410c', hue: 21 },
  // The replicated runs are told apart by label, each with its own hue.
  'replicated (sync)': { color: '#047857', hue: 160 },
  'replicated (async)': { color: '#7e22ce', hue: 272 },
};
const EXTRA: Hue[] = [{ color: '#0e7490', hue: 190 }, { color: '#a21caf', hue: 295 }];
const SHADES = [38, 58, 74, 48, 66, 30, 82];

export const ERROR_CLASS_COLORS = {
  http4xx: '#a16207', http5xx: '#dc2626', socket: '#0f172a', timeout: '#db2777',
} as const;
export const PHASE_FILL = {
  before: 'rgba(100,116,139,0.07)', during: 'rgba(220,38,38,0.11)', after: 'rgba(22,163,74,0.08)',
} as const;

/** One hue per variant in run order; a repeated variant (the race runs stateless twice) takes a spare hue. */
export function variantHues(variants: readonly VariantResult[]): Hue[] {
  const used = new Set<string>();
  let spare = 0;
  return variants.map((v) => {
    const key = BY_VARIANT[v.label] ? v.label : v.variant;
    const own = BY_VARIANT[key];
    if (own && !used.has(key)) { used.add(key); return own; }
    return EXTRA[spare++ % EXTRA.length]!;
  });
}

export function nodeShade(hue: number, index: number): string {
  return `hsl(${hue}, 70%, ${SHADES[index % SHADES.length]}%)`;
}
