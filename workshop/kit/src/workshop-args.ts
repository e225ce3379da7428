// `pnpm workshop check NN [--solution] [--reveal]` | `pnpm workshop list`, read with @stateshift/cli. A bad command
// line is a WorkshopError WORKSHOP_ERR_USAGE naming the word or flag (and the closest one); --help is generated.
import { HELP_OPTION, defineOptions, helpText, parseOptions, pickCommand, wantsHelp } from '@stateshift/cli';
import type { Exercise } from './exercises.ts';
import { WorkshopError } from './workshop-error.ts';

const WORKSHOP_FLAGS = defineOptions([
  { name: '--solution', type: 'boolean', description: 'check the reference solution instead of your code' },
  { name: '--reveal', type: 'boolean',
    description: 'show what the real runs measured, even where a prediction is wrong (gives answers away)' },
  HELP_OPTION,
]);

const COMMANDS = ['check', 'list'] as const;

export type WorkshopArgs =
  | { command: 'help' }
  | { command: 'list' }
  | { command: 'check'; number: string; solution: boolean; reveal: boolean };

export function workshopUsage(exercises: readonly Exercise[]): string {
  const numbers = exercises.map((e) => e.number).join('|');
  return helpText(`pnpm workshop check <${numbers}> [--solution] [--reveal]\npnpm workshop list`, WORKSHOP_FLAGS, [{
    title: 'commands',
    rows: [
      ['check NN', 'check exercise NN; exit 0 only when every step passes'],
      ['list', 'the exercises and their folders'],
    ],
  }]);
}

/** Throws WorkshopError WORKSHOP_ERR_USAGE for anything but a known command, exercise number and flags. */
export function parseWorkshopArgs(argv: readonly string[], exercises: readonly Exercise[]): WorkshopArgs {
  if (wantsHelp(argv)) return { command: 'help' };
  try {
    const { values, positionals } = parseOptions(argv, WORKSHOP_FLAGS, { maxPositionals: 2 });
    const [word, number] = positionals;
    const command = pickCommand(word, COMMANDS, 'command');
    if (command === 'list') {
      if (number !== undefined || values.solution || values.reveal) usage('list takes no exercise and no flags');
      return { command };
    }
    if (number === undefined) usage('name the exercise: pnpm workshop check NN');
    const exercise = pickCommand(number.padStart(2, '0'), exercises.map((e) => e.number), 'exercise');
    return { command, number: exercise, solution: values.solution, reveal: values.reveal };
  } catch (err) {
    if (err instanceof WorkshopError) throw err;
    return usage((err as Error).message);
  }
}

function usage(message: string): never {
  throw new WorkshopError('WORKSHOP_ERR_USAGE', message);
}
