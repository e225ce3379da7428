// `pnpm workshop check NN [--solution] [--reveal]` checks an exercise and says in plain words what passes and what
// is still missing (exit 0 only when everything passes); `pnpm workshop list` prints the exercises. Exit 2 on bad
// usage. --reveal shows what the real runs measured even where a prediction is wrong (it gives the answers away).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXERCISES, runExercise } from './kit/src/index.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const FLAGS = ['--solution', '--reveal'];
const usage = `usage: pnpm workshop check <${EXERCISES.map((e) => e.number).join('|')}> [--solution] [--reveal]\n       pnpm workshop list`;

async function main(argv: string[]): Promise<number> {
  const [command, number, ...rest] = argv;
  if (command === 'list' && number === undefined) {
    for (const e of EXERCISES) console.log(`${e.number}  ${e.title.padEnd(44)} workshop/${e.slug}`);
    return 0;
  }
  const extra = rest.filter((a) => !FLAGS.includes(a));
  if (command !== 'check' || number === undefined || extra.length > 0) {
    console.error(usage);
    return 2;
  }
  const exercise = EXERCISES.find((e) => e.number === number.padStart(2, '0'));
  if (!exercise) {
    console.error(`unknown exercise "${number}"\n${usage}`);
    return 2;
  }
  const dir = rest.includes('--solution') ? join(root, 'solutions', exercise.slug) : join(root, exercise.slug);
  const result = await runExercise(exercise, dir, (line) => console.log(line), { reveal: rest.includes('--reveal') });
  return result.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
