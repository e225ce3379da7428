// `pnpm experiment <name> [--variant stateful|stateless|both] [--nodes 3] [--connections 50] [--duration 30]
// [--fault-at 10] [--fault-length s] [--timeout 10] [--seed 1] [--repeat 1] [--engine raw] [--out reports]`.
// Warnings come last, after the summary. Exit 0 when the run completed
// (whatever it measured), 1 when the run failed, 2 for bad flags. Ctrl-C closes the cluster before exiting.
// `--help` prints the flags (generated from the table in experiments/options.ts).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPERIMENT_NAMES } from './experiments/definitions.ts';
import { ExperimentError } from './experiments/experiment-error.ts';
import { wantsHelp } from '@stateshift/cli';
import { experimentHelp, parseExperimentArgs } from './experiments/options.ts';
import { createProgress } from './experiments/progress.ts';
import { runExperiment } from './experiments/run-experiment.ts';
import { summaryTable } from './experiments/summary-table.ts';
import { writeRun } from './experiments/write-results.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function main(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    console.log(experimentHelp(EXPERIMENT_NAMES));
    return 0;
  }
  let options;
  try {
    options = parseExperimentArgs(argv, EXPERIMENT_NAMES);
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    return 2;
  }
  const abort = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    if (++interrupts > 1) process.exit(130);
    console.error('\ninterrupted: stopping the load and closing the cluster… (Ctrl-C again to quit at once)');
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const results = await runExperiment({
      options, progress: createProgress(process.stdout), signal: abort.signal, root,
    });
    const written = await writeRun(results, resolve(root, options.out));
    console.log(`\n${summaryTable(results)}\n`);
    if (options.repeat > 1) {
      console.log(`median (min–max) over ${options.repeat} runs of each variant; ` +
        'rows below the cost rows: the run of median req/s\n');
    }
    console.log(`balancer engine: ${options.engine}`);
    console.log(`results: ${written.dir}/results.json`);
    const tablesOnly = written.report === 'minimal' ? ` (tables only: ${written.reportError})` : '';
    console.log(`report:  ${written.dir}/report.md${tablesOnly}`);
    for (const warning of results.warnings) console.log(`warning: ${warning}`);
    return 0;
  } catch (err) {
    const code = err instanceof ExperimentError ? err.code : (err as { code?: string }).code;
    console.error(`\nthe run failed${code ? ` (${code})` : ''}: ${(err as Error).message}`);
    return abort.signal.aborted ? 130 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
