// The warnings a run deserves, derived from results.json by one function: the experiment stores them in
// `warnings` and every report shows them (an older results.json gets them derived when rendered).
import type { Results, VariantResult } from '../results-schema.ts';
import { formatPct, formatRps } from './format.ts';
import { GENERATOR_BOUND_SHARE, steadyLineFor, steadyState } from './figures.ts';

/** Above this share of the machine's CPU used by other programs, throughput figures are not to be trusted. */
const BACKGROUND_CPU_LIMIT = 0.10;

const runName = (v: VariantResult): string => (v.repeat ? `${v.label} (repeat ${v.repeat})` : v.label);

export function derivedWarnings(r: Results): string[] {
  const runs = r.repeats ?? r.variants;
  const warnings: string[] = [];
  for (const v of runs) {
    if (v.race) continue;
    if (steadyState(v).met === false) warnings.push(steadyLineFor({ ...v, label: runName(v) }));
  }
  const cap = r.environment.generatorCapacityRps;
  const near = cap ? runs.filter((x) => x.totals.rps >= GENERATOR_BOUND_SHARE * cap) : [];
  if (near.length) {
    warnings.push(`${near.map((v) => `${runName(v)} ${formatRps(v.totals.rps)}`).join(', ')}: at least `
      + `${formatPct(GENERATOR_BOUND_SHARE)} of the load generator's capacity (${formatRps(cap)}): `
      + 'the generator, not the shop, may have been the limit');
  }
  const background = r.environment.backgroundCpuShare;
  if (background !== null && background !== undefined && background > BACKGROUND_CPU_LIMIT) {
    const worst = runs.filter((v) => (v.cost?.backgroundCpuShare ?? 0) > BACKGROUND_CPU_LIMIT)
      .map((v) => `${runName(v)} ${formatPct(v.cost?.backgroundCpuShare)}`);
    warnings.push(`other programs used ${formatPct(background)} of the machine's CPU during the load (above `
      + `${formatPct(BACKGROUND_CPU_LIMIT)}${worst.length ? `; ${worst.join(', ')}` : ''}): `
      + 'req/s and latency are not comparable with a quiet machine; CPU µs per request is the steadier figure');
  }
  return warnings;
}

/** The run's own warnings, then any derived one it does not already carry. */
export function reportWarnings(r: Results): string[] {
  return [...new Set([...r.warnings, ...derivedWarnings(r)])];
}
