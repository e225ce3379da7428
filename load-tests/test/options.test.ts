// `pnpm experiment` flags: parsed, validated, and refused with a message naming the flag and accepted values.
import { expect, it } from 'vitest';
import { EXPERIMENT_NAMES } from '../src/experiments/definitions.ts';
import { ExperimentError } from '../src/experiments/experiment-error.ts';
import { parseExperimentArgs } from '../src/experiments/options.ts';

const parse = (...argv: string[]) => parseExperimentArgs(argv, EXPERIMENT_NAMES);

function refusal(argv: string[]): ExperimentError {
  try { parse(...argv); } catch (err) { if (err instanceof ExperimentError) return err; throw err; }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

it('options › reads every flag, both "--flag value" and "--flag=value"', () => {
  const o = parse(
    'kill-node', '--variant', 'stateful', '--nodes=4', '--connections', '8', '--duration', '12', '--fault-at=3',
  );
  expect(o).toMatchObject({
    name: 'kill-node', variants: ['stateful'], nodes: 4, nodesGiven: true, connections: 8, durationSec: 12,
    faultAtSec: 3,
  });
  expect(Object.isFrozen(o)).toBe(true);
});

it('options › --repeat and --engine: defaults 1 and raw; each value is kept', () => {
  expect(parse('baseline')).toMatchObject({ repeat: 1, engine: 'raw' });
  expect(parse('baseline', '--repeat', '3', '--engine', 'native')).toMatchObject({ repeat: 3, engine: 'native' });
});

it.each(['baseline', 'race'])('options › %s has no fault, so a short --duration needs no --fault-at', (name) => {
  expect(parse(name, '--duration', '5').durationSec).toBe(5);
});

it('options › an experiment with a fault refuses --fault-at at or past --duration', () => {
  const err = refusal(['kill-node', '--duration', '5']);
  expect(err.code).toBe('EXPERIMENT_ERR_OPTIONS');
  expect(err.message).toContain('--fault-at');
});

it.each([
  [['nope'], 'EXPERIMENT_ERR_UNKNOWN', 'kill-node'],
  [[], 'EXPERIMENT_ERR_OPTIONS', 'name the experiment'],
  [['baseline', '--variant', 'both-ish'], 'EXPERIMENT_ERR_OPTIONS', '--variant'],
  [['baseline', '--nodes', 'x'], 'EXPERIMENT_ERR_OPTIONS', '--nodes'],
  [['baseline', '--bogus', '1'], 'EXPERIMENT_ERR_OPTIONS', '--bogus'],
  [['baseline', '--duration'], 'EXPERIMENT_ERR_OPTIONS', '--duration needs a value'],
  [['baseline', '--repeat', '0'], 'EXPERIMENT_ERR_OPTIONS', '--repeat must be an integer 1..20'],
  [['baseline', '--engine', 'haproxy'], 'EXPERIMENT_ERR_OPTIONS', 'http-proxy | native | raw'],
] as const)('options › %j is refused with %s naming the problem', (argv, code, text) => {
  const err = refusal([...argv]);
  expect(err.code).toBe(code);
  expect(err.message).toContain(text);
});
