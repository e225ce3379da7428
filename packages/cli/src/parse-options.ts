// Reads flags with node:util parseArgs and checks each value with its row's zod schema. Every refusal is a
// CliError naming the flag, the value and what is accepted; nothing is guessed, an unknown flag is an error.
import { parseArgs } from 'node:util';
import { CliError, acceptedText, type CliProblem } from './cli-error.ts';
import { suggestion } from './did-you-mean.ts';
import { acceptedOf, type OptionTable, type OptionValues, type StringOption } from './option-table.ts';

export interface ParsedCommandLine<T extends OptionTable> {
  values: OptionValues<T>;
  /** Keys (flag without dashes) given on the command line, so a default can be told from a value typed. */
  given: ReadonlySet<string>;
  positionals: string[];
}

export interface ParseOptions {
  /** How many positional arguments are allowed (default 0: any positional is an error). */
  maxPositionals?: number;
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** `argv` without node and script. A leading `--` (pnpm passes it through) is dropped. */
export function parseOptions<const T extends OptionTable>(argv: readonly string[], table: T,
  options: ParseOptions = {}): ParsedCommandLine<T> {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const spec of table) {
    config[keyOf(spec.name)] = { type: spec.type, ...(spec.short ? { short: spec.short.slice(1) } : {}) };
  }
  const { tokens } = parseArgs({ args, options: config, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, unknown> = {};
  for (const spec of table) values[keyOf(spec.name)] = spec.type === 'boolean' ? false : spec.default;
  const given = new Set<string>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = table.find((s) => keyOf(s.name) === token.name);
    if (!spec) throw unknownFlag(token.rawName, table);
    values[token.name] = spec.type === 'boolean' ? booleanValue(token, spec.name) : stringValue(token, spec);
    given.add(token.name);
  }
  const max = options.maxPositionals ?? 0;
  if (positionals.length > max) {
    const extra = positionals[max]!;
    const accepted = max === 0 ? 'flags only' : `at most ${max} argument${max === 1 ? '' : 's'} besides the flags`;
    throw new CliError('CLI_ERR_FLAG', `unexpected argument "${extra}" (${accepted})`,
      { flag: null, value: extra, accepted });
  }
  return { values: values as OptionValues<T>, given, positionals };
}

function booleanValue(token: Token & { kind: 'option' }, flag: string): boolean {
  if (token.inlineValue) {
    throw flagError(`${flag} takes no value (got "${token.value ?? ''}")`, flag, token.value, 'no value');
  }
  return true;
}

function stringValue(token: Token & { kind: 'option' }, spec: StringOption): unknown {
  const accepted = acceptedOf(spec);
  // `--duration --nodes 3`: the next flag is no value (parseArgs would take it as one when not strict).
  if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) {
    throw flagError(`${spec.name} needs a value: ${acceptedText(accepted)}`, spec.name, undefined, accepted);
  }
  const result = spec.schema.safeParse(token.value);
  if (!result.success) {
    const shown = typeof accepted === 'string' ? accepted : `one of ${acceptedText(accepted)}`;
    throw flagError(`${spec.name} must be ${shown} (got "${token.value}")`, spec.name, token.value, accepted);
  }
  return result.data;
}

function unknownFlag(raw: string, table: OptionTable): CliError {
  const names = table.map((s) => s.name);
  const flag = raw.split('=')[0] ?? raw;
  return new CliError('CLI_ERR_FLAG', `unknown flag "${flag}"${suggestion(flag, names)}; accepted: ${flagList(table)}`,
    { flag, value: undefined, accepted: names });
}

function flagError(message: string, flag: string, value: string | undefined,
  accepted: CliProblem['accepted']): CliError {
  return new CliError('CLI_ERR_FLAG', message, { flag, value, accepted });
}

const flagList = (table: OptionTable): string => table.map((s) => s.name).join(', ');
const keyOf = (name: string): string => name.slice(2);
