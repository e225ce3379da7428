// `pnpm workshop check NN [--solution] [--reveal]` checks an exercise and says in plain words what passes and what
// is still missing (exit 0 only when everything passes); `pnpm workshop list` prints the exercises. Exit 2 on bad
// usage (the message names the word or flag, and the closest one). --reveal shows what the real runs measured even
// where a prediction is wrong (it gives the answers away). --help prints the usage, generated from the flag table.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXERCISES, parseWorkshopArgs, runExercise, workshopUsage, type WorkshopArgs } from './kit/src/index.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

async function main(argv: string[]): Promise<number> {
  let args: WorkshopArgs;
  try {
    args = parseWorkshopArgs(argv, EXERCISES);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${workshopUsage(EXERCISES)}`);
    return 2;
  }
  if (args.command === 'help') {
    console.log(workshopUsage(EXERCISES));
    return 0;
  }
  if (args.command === 'list') {
    for (const e of EXERCISES) console.log(`${e.number}  ${e.title.padEnd(44)} workshop/${e.slug}`);
    return 0;
  }
  const exercise = EXERCISES.find((e) => e.number === args.number)!;
  const dir = args.solution ? join(root, 'solutions', exercise.slug) : join(root, exercise.slug);
  const result = await runExercise(exercise, dir, (line) => console.log(line), { reveal: args.reveal });
  return result.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
