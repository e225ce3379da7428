// The shared command-line reader: values from the table, refusals naming flag/value/accepted, did-you-mean,
// --help generated from the table (the CLI codes' docs/errors.md rows: test/docs-errors.test.ts).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CliError, HELP_OPTION, defineOptions, didYouMean, editDistance, helpText, intIn, oneOf,
  parseOptions, pickCommand, wantsHelp,
} from '../src/index.ts';

const TABLE = defineOptions([
  { name: '--nodes', short: '-n', type: 'string', schema: intIn(1, 16), default: 3, placeholder: 'n',
    description: 'nodes' },
  { name: '--engine', type: 'string', schema: oneOf(['http-proxy', 'native', 'raw']), default: 'raw',
    description: 'engine' },
  { name: '--out', type: 'string', schema: z.string().min(1).describe('a folder'), default: undefined,
    description: 'where' },
  { name: '--no-traffic', type: 'boolean', description: 'start quiet' },
  HELP_OPTION,
]);

function refusal(argv: string[], max = 0): CliError {
  try {
    parseOptions(argv, TABLE, { maxPositionals: max });
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('parseOptions', () => {
  it('gives defaults, typed values in both forms, booleans, short aliases, and which flags were given', () => {
    const none = parseOptions([], TABLE);
    expect(none.values).toEqual({ nodes: 3, engine: 'raw', out: undefined, 'no-traffic': false, help: false });
    expect(none.given.size).toBe(0);
    const argv = ['--', '-n', '4', '--engine=native', '--no-traffic', 'run-a'];
    const some = parseOptions(argv, TABLE, { maxPositionals: 1 });
    expect(some.values).toMatchObject({ nodes: 4, engine: 'native', 'no-traffic': true });
    expect([...some.given].sort()).toEqual(['engine', 'no-traffic', 'nodes']);
    expect(some.positionals).toEqual(['run-a']);
  });

  it.each([
    [['--nodes', '17'], '--nodes', '17', 'an integer 1..16', '--nodes must be an integer 1..16 (got "17")'],
    [['--nodes=1.5'], '--nodes', '1.5', 'an integer 1..16', '--nodes must be an integer 1..16'],
    [['--engine', 'nginx'], '--engine', 'nginx', ['http-proxy', 'native', 'raw'],
      'must be one of http-proxy | native | raw'],
    [['--out'], '--out', undefined, 'a folder', '--out needs a value: a folder'],
    [['--nodes', '--engine', 'raw'], '--nodes', undefined, 'an integer 1..16', '--nodes needs a value'],
    [['--no-traffic=yes'], '--no-traffic', 'yes', 'no value', '--no-traffic takes no value'],
  ] as const)('%j is refused: flag %s, value %s, accepted %j', (argv, flag, value, accepted, text) => {
    const err = refusal([...argv]);
    expect(err.code).toBe('CLI_ERR_FLAG');
    expect({ flag: err.flag, value: err.value, accepted: err.accepted }).toEqual({ flag, value, accepted });
    expect(err.message).toContain(text);
  });

  it('an unknown flag is named, with the closest known flag and every accepted one', () => {
    const err = refusal(['--nodse', '3']);
    expect([err.code, err.flag]).toEqual(['CLI_ERR_FLAG', '--nodse']);
    expect(err.message).toContain('unknown flag "--nodse" (did you mean --nodes?); accepted: --nodes, --engine');
    expect(refusal(['--frobnicate=1']).message).not.toContain('did you mean');
  });

  it('a positional beyond those allowed is refused, naming it', () => {
    expect(refusal(['a', 'b'], 1))
      .toMatchObject({
        code: 'CLI_ERR_FLAG', flag: null, value: 'b', accepted: 'at most 1 argument besides the flags'
      });
    expect(refusal(['a']).message).toBe('unexpected argument "a" (flags only)');
  });
});

describe('commands and did-you-mean', () => {
  const EXPERIMENTS = ['baseline', 'kill-node', 'freeze-node', 'drain-node', 'scale-out'] as const;

  it('edit distance counts an adjacent swap as one edit', () => {
    expect([editDistance('kil-node', 'kill-node'), editDistance('chekc', 'check'), editDistance('', 'ab')])
      .toEqual([1, 1, 2]);
  });

  it.each([
    ['kil-node', 'kill-node'], ['kill-nod', 'kill-node'], ['frezee-node', 'freeze-node'], ['scaleout', 'scale-out'],
    ['base', 'baseline'], ['zzz', undefined], ['kill', 'kill-node'],
  ])('%s → %s', (word, meant) => {
    expect(didYouMean(word, EXPERIMENTS)).toBe(meant);
  });

  it('pickCommand returns a known word and refuses another naming it, the closest and every accepted one', () => {
    expect(pickCommand('kill-node', EXPERIMENTS, 'experiment')).toBe('kill-node');
    let err: unknown;
    try { pickCommand('kil-node', EXPERIMENTS, 'experiment'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(CliError);
    expect(err).toMatchObject({ code: 'CLI_ERR_COMMAND', flag: null, value: 'kil-node', accepted: EXPERIMENTS });
    expect((err as Error).message)
      .toBe(`unknown experiment "kil-node" (did you mean kill-node?); accepted: ${EXPERIMENTS.join(', ')}`);
    expect(() => pickCommand(undefined, EXPERIMENTS, 'experiment')).toThrow('name the experiment');
  });

  it('wantsHelp: --help or -h anywhere before a -- terminator', () => {
    expect([wantsHelp(['x', '--help']), wantsHelp(['-h']), wantsHelp(['x', '--', '--help']), wantsHelp(['x'])])
      .toEqual([true, true, false, false]);
  });
});

describe('helpText', () => {
  it('lists every flag of the table with its placeholder, description, enum values and default', () => {
    const commands = [{ title: 'commands', rows: [['run', 'runs it']] as const }];
    const text = helpText('pnpm thing <cmd> [flags]\npnpm thing list', TABLE, commands);
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['usage: pnpm thing <cmd> [flags]', '       pnpm thing list']);
    expect(text).toMatch(/^commands:\n {2}run +runs it$/m);
    expect(text).toMatch(/^ {2}-n, --nodes <n> +nodes \(default 3\)$/m);
    expect(text).toMatch(/^ {6}--engine <value> +engine: http-proxy \| native \| raw \(default raw\)$/m);
    expect(text).toMatch(/^ {6}--out <value> +where$/m);
    expect(text).toMatch(/^ {6}--no-traffic +start quiet$/m);
    expect(text).toMatch(/^ {2}-h, --help +this text$/m);
    for (const line of lines) expect(line).toBe(line.trimEnd());
  });
});
