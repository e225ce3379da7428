// Runs one exercise's check against a folder and prints the verdict: every step, then where to start.
import type { Exercise } from './exercises.ts';
import { createTally, type TallyOptions } from './tally.ts';

export interface RunResult {
  readonly ok: boolean;
  readonly passed: number;
  readonly failed: string[];
  /** Steps not run because an earlier one failed (bail only). */
  readonly skipped: string[];
}

/** `dir`: the folder checked (the trainee's exercise, its reference solution, or a wrong solution in the tests). */
export async function runExercise(
  exercise: Exercise, dir: string, write: (line: string) => void, options: TallyOptions = {},
): Promise<RunResult> {
  write(`Exercise ${exercise.number} · ${exercise.title}`);
  write(`checking ${dir}`);
  const { tally, finish } = createTally(write, options);
  let crash: unknown;
  try {
    await exercise.check(tally, dir);
  } catch (err) {
    crash = err;
  }
  const { passed, failed, skipped } = await finish();
  if (crash !== undefined) {
    const why = `the check itself stopped: ${crash instanceof Error ? crash.message.split('\n')[0] : String(crash)}`;
    write(`  ✘ ${why}`);
    failed.push(why);
  }
  write('');
  if (failed.length === 0) {
    write(`All ${passed.length} checks pass. Exercise ${exercise.number} is done.`);
  } else {
    const rest = failed.length - 1;
    const all = passed.length + failed.length + skipped.length;
    write(`${passed.length} of ${all} checks pass. Still missing: ${failed.length} (marked ✘ above).`);
    const more = rest > 0 ? ` (start there: ${rest} more after it may follow from it)` : '';
    write(`First failing step: ${failed[0]}${more}.`);
  }
  return { ok: failed.length === 0 && passed.length > 0, passed: passed.length, failed, skipped };
}
