// results.json `options` as the flags a user types (`--nodes 3`, `--variant both`), for the report's run table
// and for naming the options two compared runs differ in. Internal keys never reach a reader.
import type { Results } from '../results-schema.ts';

type Options = Results['options'];

const FLAG_OF: readonly [key: string, flag: string][] = [
  ['variants', '--variant'], ['nodes', '--nodes'], ['connections', '--connections'], ['durationSec', '--duration'],
  ['faultAtSec', '--fault-at'], ['faultLengthSec', '--fault-length'], ['timeoutSec', '--timeout'], ['seed', '--seed'],
  ['repeat', '--repeat'], ['engine', '--engine'], ['sessionProbe', '--session-probe'], ['scenario', 'scenario'],
];

function valueText(key: string, value: unknown, options: Options): string {
  if (key === 'variants' && Array.isArray(value)) return value.length === 2 ? 'both' : value.join(', ');
  if (key === 'faultLengthSec' && value === undefined) return "the experiment's default";
  if (key === 'nodes' && options.nodesGiven === false) return `${String(value)} (default)`;
  if (key === 'engine' && value === undefined) return "the balancer's default";
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** [flag, value] per option, in the order of `pnpm experiment --help`. */
export function optionFlags(options: Options): [string, string][] {
  return FLAG_OF.filter(([key]) => key in options || key === 'engine' || key === 'repeat')
    .map(([key, flag]) => [flag, valueText(key, key === 'repeat' ? options.repeat ?? 1 : options[key], options)]);
}

/** "--nodes 3 → 4" for every option whose value differs between two runs. */
export function differingOptions(a: Options, b: Options): string[] {
  const plain = (text: string | undefined) => text?.replace(' (default)', '');
  const fa = new Map(optionFlags(a));
  return optionFlags(b).flatMap(([flag, vb]) => {
    const va = fa.get(flag);
    return plain(va) === plain(vb) ? [] : [`${flag} ${plain(va) ?? 'n/a'} → ${plain(vb)}`];
  });
}
