// One experiment: its variant runs one after another under identical load (same options, same seed), then
// results.json, the summary table and report.md. The cluster of each run is closed before the next starts.
import type { Results, VariantResult } from '../results-schema.ts';
import { experimentByName } from './definitions.ts';
import { describeEnvironment } from './environment.ts';
import { ExperimentError } from './experiment-error.ts';
import type { ExperimentOptions } from './options.ts';
import type { Progress } from './progress.ts';
import { runVariant } from './run-variant.ts';
import { runsOf } from './variant-sets.ts';

export interface ExperimentRun {
  options: Readonly<ExperimentOptions>;
  progress: Progress;
  signal: AbortSignal;
  /** Repository root: git sha and the generator capacity file are read from here. */
  root: string;
}

export async function runExperiment({ options, progress, signal, root }: ExperimentRun): Promise<Results> {
  const definition = experimentByName(options.name);
  if (!definition) throw new ExperimentError('EXPERIMENT_ERR_UNKNOWN', `unknown experiment "${options.name}"`);
  const startedAt = new Date();
  const warnings: string[] = [];
  const variants: VariantResult[] = [];
  progress.line(`${definition.name}: ${definition.fault}. Shows: ${definition.shows}`);
  for (const variant of options.variants) {
    for (const spec of runsOf(definition, variant)) {
      if (signal.aborted) throw new ExperimentError('EXPERIMENT_ERR_ABORTED', 'interrupted');
      variants.push(await runVariant({ definition, spec, variant, options, progress, signal, warnings }));
    }
  }
  if (signal.aborted) throw new ExperimentError('EXPERIMENT_ERR_ABORTED', 'interrupted');
  const environment = describeEnvironment(root);
  warnGeneratorLimit(variants, environment.generatorCapacityRps ?? null, warnings);
  return {
    schemaVersion: 1, experiment: definition.name, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(),
    options: { ...options, scenario: definition.mode === 'race' ? 'race' : 'browse-and-buy' }, environment, warnings, variants,
  };
}

/** The generator, not the shop, may have been the limit when a run came within 80% of its capacity. */
function warnGeneratorLimit(variants: VariantResult[], capacity: number | null, warnings: string[]): void {
  if (capacity === null) return;
  for (const v of variants) {
    if (v.totals.rps >= 0.8 * capacity) {
      warnings.push(`${v.label}: ${v.totals.rps} req/s is ${Math.round((v.totals.rps / capacity) * 100)}% of the load generator's measured capacity (${capacity} req/s): the generator may have been the limit`);
    }
  }
}
