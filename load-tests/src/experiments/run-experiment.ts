// One experiment: its variant runs one after another under identical load (same options, same seed), then
// results.json, the summary table and report.md. The cluster of each run is closed before the next starts.
import { DEFAULT_SESSION_PROBE } from '../cost/session-probe.ts';
import { measureGeneratorCapacity, CALIBRATION_SEC } from '../generator/measure-capacity.ts';
import { derivedWarnings } from '../report/run-warnings.ts';
import { interleave } from '../repeat/interleave.ts';
import { medianRun } from '../repeat/spread.ts';
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
  // Read before the runs: the git sha is that of the code that ran, whatever is committed meanwhile.
  const described = describeEnvironment(root);
  const warnings: string[] = [];
  const runs: VariantResult[] = [];
  progress.line(`${definition.name}: ${definition.fault}. Shows: ${definition.shows}`);
  progress.line(`measuring the load generator's capacity (${CALIBRATION_SEC} s against a trivial in-process node)…`);
  const capacity = await measureGeneratorCapacity(
    options.connections, CALIBRATION_SEC, (definition.balancers ?? 1) > 1 ? 'alternating' : 'autocannon',
  );
  progress.line(`load generator: ${capacity.rps} req/s with ${capacity.connections} connections`);
  const plan = interleave(options.variants, (variant) => runsOf(definition, variant), options.repeat);
  for (const [i, { variant, spec, repeat }] of plan.entries()) {
    if (signal.aborted) throw new ExperimentError('EXPERIMENT_ERR_ABORTED', 'interrupted');
    if (options.repeat > 1) progress.line(`run ${i + 1} of ${plan.length} (repeat ${repeat} of ${options.repeat})`);
    const result = await runVariant({ definition, spec, variant, options, progress, signal, warnings });
    if (options.repeat > 1) result.repeat = repeat;
    runs.push(result);
  }
  if (signal.aborted) throw new ExperimentError('EXPERIMENT_ERR_ABORTED', 'interrupted');
  const environment = {
    ...described, generatorCapacityRps: capacity.rps,
    generatorCapacity: { method: 'calibration' as const, ...capacity }, backgroundCpuShare: backgroundShare(runs),
  };
  const results: Results = {
    schemaVersion: 1, experiment: definition.name, startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options: {
      ...options, sessionProbe: options.sessionProbe ?? DEFAULT_SESSION_PROBE,
      scenario: definition.mode === 'race' ? 'race' : 'browse-and-buy',
    },
    environment, warnings,
    variants: options.repeat > 1 ? representatives(runs) : runs,
    ...(options.repeat > 1 ? { repeats: runs } : {}),
  };
  for (const w of derivedWarnings(results)) if (!warnings.includes(w)) warnings.push(w);
  return results;
}

/** One run per label, in first-run order: the one of median throughput. */
function representatives(runs: VariantResult[]): VariantResult[] {
  const labels = [...new Set(runs.map((v) => v.label))];
  return labels.map((label) => medianRun(runs.filter((v) => v.label === label)));
}

/** Other programs' share of the machine's CPU over every load phase together; null when not measured. */
function backgroundShare(runs: VariantResult[]): number | null {
  let total = 0;
  let other = 0;
  for (const v of runs) {
    const m = v.cost?.machineCpuMs;
    if (!m) continue;
    total += m.total;
    other += Math.max(0, m.busy - m.experiment);
  }
  return total > 0 ? Math.min(1, Math.round((other / total) * 1000) / 1000) : null;
}
