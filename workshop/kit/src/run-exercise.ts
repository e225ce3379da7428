// Runs one exercise's check against a folder and prints the verdict: every step, then what is still missing.
import { join } from 'node:path';
import type { Exercise } from './exercises.ts';
import { createTally } from './tally.ts';

export interface RunResult {
  readonly ok: boolean;
  readonly passed: number;
  readonly failed: string[];
}

/** `root`: the workshop folder; `solution`: check workshop/solutions/<slug> instead of workshop/<slug>. */
export async function runExercise(exercise: Exercise, root: string, solution: boolean, write: (line: string) => void): Promise<RunResult> {
  const dir = solution ? join(root, 'solutions', exercise.slug) : join(root, exercise.slug);
  write(`Exercise ${exercise.number} · ${exercise.title}`);
  write(`checking ${dir}`);
  const { tally, finish } = createTally(write);
  let crash: unknown;
  try {
    await exercise.check(tally, dir);
  } catch (err) {
    crash = err;
  }
  const { passed, failed } = await finish();
  if (crash !== undefined) failed.push(`the check itself stopped: ${(crash as Error).message ?? String(crash)}`);
  write('');
  if (failed.length === 0) write(`All ${passed.length} checks pass. Exercise ${exercise.number} is done.`);
  else write(`${passed.length} of ${passed.length + failed.length} checks pass. Still missing: ${failed.length <= 3 ? failed.join('; ') : `the ${failed.length} marked ✘ above`}.`);
  return { ok: failed.length === 0 && passed.length > 0, passed: passed.length, failed };
}
