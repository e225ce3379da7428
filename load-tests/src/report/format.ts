// How every figure is printed, in one place, so the HTML, the Markdown and the tests agree.
// A null is "not measured" and prints as n/a: never as 0.
export const NA = 'n/a';

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? NA : counts.format(n);
}

/** Durations: "850 ms" below a second, "2.1 s" from a second on. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return NA;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Latencies stay in ms: "3.4 ms" below 100 ms, "512 ms" above. */
function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return NA;
  return ms < 100 ? `${ms.toFixed(1)} ms` : `${counts.format(Math.round(ms))} ms`;
}

/** A fraction 0..1 as a percentage: "34%", "3.4%". */
export function formatPct(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined) return NA;
  const pct = fraction * 100;
  return Number.isInteger(pct) || pct >= 10 ? `${Math.round(pct)}%` : `${pct.toFixed(1)}%`;
}

export function formatRps(rps: number | null | undefined): string {
  if (rps === null || rps === undefined) return NA;
  return rps < 10 ? `${rps.toFixed(1)} req/s` : `${counts.format(Math.round(rps))} req/s`;
}

/** An instant on the run's clock: "10.0 s". */
export function formatAt(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** CPU time per request: "42 µs", "1.2 ms". */
export function formatMicros(us: number | null | undefined): string {
  if (us === null || us === undefined) return NA;
  return us < 1000 ? `${us < 10 ? us.toFixed(1) : counts.format(Math.round(us))} µs` : `${(us / 1000).toFixed(1)} ms`;
}

/** Memory: "512 B", "3.4 KiB", "12.0 MiB" (negative when memory shrank). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return NA;
  const abs = Math.abs(bytes);
  if (abs < 1024) return `${Math.round(bytes)} B`;
  return abs < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export type FigureKind = 'count' | 'duration' | 'latency' | 'pct' | 'rps' | 'us' | 'bytes';

export function formatFigure(kind: FigureKind, value: number | null | undefined): string {
  switch (kind) {
    case 'count': return formatCount(value);
    case 'duration': return formatDuration(value);
    case 'latency': return formatLatency(value);
    case 'pct': return formatPct(value);
    case 'rps': return formatRps(value);
    case 'us': return formatMicros(value);
    case 'bytes': return formatBytes(value);
  }
}
