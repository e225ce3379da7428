// Which variants `--variant` names, and the runs each variant gets in an experiment. The replicated variant runs
// twice, sync then async, unless an experiment lists its own runs (definitions.ts `runs.replicated`).
import type { ExperimentDefinition, RunSpec } from './definitions.ts';

export type ExperimentVariant = 'stateful' | 'stateless' | 'replicated';

/** `both` is the original pair; `all` puts the replicated runs between them (the order of every report). */
export const VARIANT_SETS: Readonly<Record<string, ExperimentVariant[]>> = Object.freeze({
  both: ['stateful', 'stateless'],
  all: ['stateful', 'replicated', 'stateless'],
});

const REPLICATED_RUNS: readonly RunSpec[] = Object.freeze([
  { label: 'sync', replication: 'sync' },
  { label: 'async', replication: 'async' },
]);

export function runsOf(definition: ExperimentDefinition, variant: ExperimentVariant): readonly RunSpec[] {
  return variant === 'replicated' ? definition.runs.replicated ?? REPLICATED_RUNS : definition.runs[variant];
}
