// For scripts (benchmarks) that have flags and nothing else: --help prints the table and exits 0, a bad flag
// prints the CliError's message and exits 2. Never for a library or a server: they throw and let their caller decide.
import { CliError } from './cli-error.ts';
import { helpText } from './help-text.ts';
import type { OptionTable, OptionValues } from './option-table.ts';
import { parseOptions } from './parse-options.ts';
import { wantsHelp } from './pick-command.ts';

/** `usage`: the first line(s) of --help, e.g. `pnpm bench shop [flags]`. */
export function readFlagsOrExit<const T extends OptionTable>(argv: readonly string[], table: T,
  usage: string): OptionValues<T> {
  if (wantsHelp(argv)) {
    console.log(helpText(usage, table));
    process.exit(0);
  }
  try {
    return parseOptions(argv, table).values;
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    console.error(`error: ${err.message}\nusage: ${usage} (--help lists the flags)`);
    process.exit(2);
  }
}
