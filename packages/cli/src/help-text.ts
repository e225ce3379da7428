// --help from the option table: the usage lines the caller writes, then one line per flag with its
// placeholder, description, accepted values (an enum's) and default. Never written by hand twice.
import { acceptedText } from './cli-error.ts';
import { acceptedOf, type OptionSpec, type OptionTable } from './option-table.ts';

const MAX_LEFT = 48;

export interface HelpSection {
  title: string;
  /** [left column, right column] rows. */
  rows: readonly (readonly [string, string])[];
}

/** `usage` is printed as given (one or more lines, without "usage: "); `sections` (e.g. the commands) come next. */
export function helpText(usage: string, table: OptionTable, sections: readonly HelpSection[] = []): string {
  const options: HelpSection = { title: 'options', rows: table.map((spec) => [flagColumn(spec), describe(spec)]) };
  const all = [...sections, options].filter((s) => s.rows.length > 0);
  const lines = usage.split('\n').map((line, i) => (i === 0 ? `usage: ${line}` : `       ${line}`));
  for (const section of all) {
    // Each section aligns its own right column; a left entry too long for it puts its text on the next line.
    const width = Math.min(MAX_LEFT, Math.max(...section.rows.map(([left]) => left.length))) + 2;
    lines.push('', `${section.title}:`);
    for (const [left, right] of section.rows) {
      const line = left.length < width ? `  ${left.padEnd(width)}${right}`
        : `  ${left}\n  ${' '.repeat(width)}${right}`;
      lines.push(line.trimEnd());
    }
  }
  return lines.join('\n');
}

function flagColumn(spec: OptionSpec): string {
  const flag = spec.short ? `${spec.short}, ${spec.name}` : `    ${spec.name}`;
  return spec.type === 'string' ? `${flag} <${spec.placeholder ?? 'value'}>` : flag;
}

function describe(spec: OptionSpec): string {
  if (spec.type === 'boolean') return spec.description;
  const accepted = acceptedOf(spec);
  const values = typeof accepted === 'string' ? '' : `: ${acceptedText(accepted)}`;
  const dflt = spec.default === undefined ? '' : ` (default ${defaultText(spec.default)})`;
  return `${spec.description}${values}${dflt}`;
}

function defaultText(value: unknown): string {
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : JSON.stringify(value);
}
