// The order of a --repeat run: every variant (and each of its runs) once per round, rounds one after the
// other (stateful, stateless, stateful, stateless, ...), so a machine that drifts bills every variant alike.

export interface PlannedRun<V extends string, S> { variant: V; spec: S; repeat: number }

export function interleave<V extends string, S>(
  variants: readonly V[], runs: (variant: V) => readonly S[], repeat: number,
): PlannedRun<V, S>[] {
  const plan: PlannedRun<V, S>[] = [];
  for (let round = 1; round <= repeat; round++) {
    for (const variant of variants) for (const spec of runs(variant)) plan.push({ variant, spec, repeat: round });
  }
  return plan;
}
