// An option table: one row per flag, as data. Each row names the flag as typed, its type, a short alias, the
// zod schema a string value must pass (its enum or its description says what is accepted), the default and a
// one-line description; parsing, errors and --help all come from it.
import { z } from 'zod';

interface OptionBase {
  /** The flag as typed: `--nodes`. */
  readonly name: `--${string}`;
  /** A one-letter alias: `-n`. */
  readonly short?: `-${string}`;
  /** One line for --help. */
  readonly description: string;
}

export interface StringOption<Out = unknown> extends OptionBase {
  readonly type: 'string';
  /** Takes the text typed, gives the value (or fails). An enum lists its values; else `.describe()` what it takes. */
  readonly schema: z.ZodType<Out, string>;
  /** Used when the flag is not given. */
  readonly default: Out | undefined;
  /** What --help shows after the flag: `--nodes <n>`. */
  readonly placeholder?: string;
}

export interface BooleanOption extends OptionBase {
  readonly type: 'boolean';
  readonly default?: false;
}

export type OptionSpec = StringOption | BooleanOption;
export type OptionTable = readonly OptionSpec[];

type KeyOf<S extends OptionSpec> = S['name'] extends `--${infer K}` ? K : never;
type ValueOfSpec<S extends OptionSpec> = S extends { type: 'boolean' } ? boolean
  : S extends { schema: infer Z extends z.ZodType; default: infer D } ? z.output<Z> | D : never;

/** The parsed values of a table, keyed by the flag without its dashes: `{ nodes: number, 'fault-at': number }`. */
export type OptionValues<T extends OptionTable> = { -readonly [S in T[number] as KeyOf<S>]: ValueOfSpec<S> };

/** The standard `--help`, `-h`; put it in a table to offer it. */
export const HELP_OPTION = {
  name: '--help', short: '-h', type: 'boolean', description: 'this text',
} as const satisfies BooleanOption;

/** Checks a table's rows with their types kept, for `OptionValues`. */
export function defineOptions<const T extends OptionTable>(table: T): T {
  return table;
}

/** A whole number from `min` to `max`, typed in digits. */
export function intIn(min: number, max: number): z.ZodType<number, string> {
  return z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max))
    .describe(`an integer ${min}..${max}`);
}

/** One of `values`, exactly (at least one). */
export function oneOf<const V extends readonly string[]>(values: V): z.ZodType<V[number], string> {
  return z.enum(values as unknown as [string, ...string[]]) as unknown as z.ZodType<V[number], string>;
}

/** Any text `accept` takes (default: any but empty); `description` says what that is ("a folder"). */
export function textWhere(description: string, accept: (raw: string) => boolean = (raw) => raw.trim() !== ''):
  z.ZodType<string, string> {
  return z.string().refine(accept).describe(description);
}

/** A number (decimals allowed) that `accept` takes; `description` says which ("a number above 0"). */
export function numberWhere(description: string, accept: (n: number) => boolean): z.ZodType<number, string> {
  return z.string().regex(/^\d+(\.\d+)?$/).transform(Number).refine(accept).describe(description);
}

/** A comma-separated list, each item one of `values`: `--engines raw,native`. */
export function listOf<const V extends readonly string[]>(values: V): z.ZodType<V[number][], string> {
  const items = (raw: string) => raw.split(',').map((item) => item.trim());
  return z.string().refine((raw) => items(raw).every((item) => values.includes(item)))
    .transform((raw) => items(raw) as V[number][]).describe(`a comma-separated list of ${values.join(', ')}`);
}

/** What a row accepts, for an error or --help: an enum's values, else the schema's description. */
export function acceptedOf(spec: OptionSpec): readonly string[] | string {
  if (spec.type === 'boolean') return 'no value';
  const schema = spec.schema as z.ZodType & { options?: unknown };
  if (schema.description !== undefined) return schema.description;
  if (Array.isArray(schema.options) && schema.options.every((o) => typeof o === 'string')) return schema.options;
  return 'a value';
}
