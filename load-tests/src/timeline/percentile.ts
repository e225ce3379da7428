// Nearest-rank percentiles over raw latencies: no histogram, no interpolation, so a figure can be re-derived
// by hand from the same numbers.

/** p in (0, 100]; `sorted` ascending; null for an empty list. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
