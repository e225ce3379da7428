// Every wrong solution in workshop/test/wrong/<exercise>/<name>/ fails its exercise's check, and the step that
// catches it is the one its wrong.json names: a check that passes a wrong solution teaches the wrong lesson.
// The checks run in this process (their shop nodes are child processes) and stop at the first failing step.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COULD_NOT_JUDGE, EXERCISES, runExercise, type Exercise, type RunResult } from '../kit/src/index.ts';

const WRONG = fileURLToPath(new URL('./wrong/', import.meta.url));
/** Exercises whose trainee writes code (and 09, whose predictions come with wrong sets): each keeps at least
 *  this many. */
const CODE_EXERCISES = [
  '03-migrate-the-cart', '04-the-race', '06-redis-spof', '08-redis-fails-over', '09-balancer-is-stateful',
  '10-replicate-the-cart',
];
const MIN_WRONG = 3;

interface Wrong { caughtBy: string; why: string }

const wrongOf = (slug: string): string[] =>
  (existsSync(join(WRONG, slug)) ? readdirSync(join(WRONG, slug)).sort() : []);

describe('wrong solutions', () => {
  it('wrong solutions › every exercise with code to write keeps at least three, each under a known exercise', () => {
    for (const slug of CODE_EXERCISES) expect(wrongOf(slug).length, slug).toBeGreaterThanOrEqual(MIN_WRONG);
    for (const slug of readdirSync(WRONG)) expect(EXERCISES.map((e) => e.slug), slug).toContain(slug);
  });

  for (const exercise of EXERCISES) {
    for (const name of wrongOf(exercise.slug)) {
      const dir = join(WRONG, exercise.slug, name);
      const wrong = JSON.parse(readFileSync(join(dir, 'wrong.json'), 'utf8')) as Wrong;
      it(`wrong solutions › ${exercise.number} ${name} fails at "${wrong.caughtBy}…" (${wrong.why})`, async () => {
        let { result, transcript } = await check(exercise, dir);
        // A step the check could not judge (its rig failed: the machine too busy for the sentinels, say) says
        // nothing about the solution, and the check tells the trainee to run it again: so does this test, once.
        if (!result.ok && couldNotJudge(transcript, result.failed[0])) {
          ({ result, transcript } = await check(exercise, dir));
        }
        expect(result.ok, transcript).toBe(false);
        expect(result.failed[0] ?? '', transcript).toMatch(new RegExp(`^${escape(wrong.caughtBy)}`));
        expect(transcript).not.toMatch(/AssertionError|expected .* to (be|equal)/);
        expect(transcript, 'a miss must not reveal the measured value').not.toContain('the real run: ');
      }, 180_000);
    }
  }
});

async function check(exercise: Exercise, dir: string): Promise<{ result: RunResult; transcript: string }> {
  const out: string[] = [];
  const result = await runExercise(exercise, dir, (line) => out.push(line), { bail: true });
  return { result, transcript: out.join('\n') };
}

/** The first failing step's explanation is the check's own failure, not a verdict on the solution. */
function couldNotJudge(transcript: string, step: string | undefined): boolean {
  const lines = transcript.split('\n');
  const at = lines.findIndex((l) => l === `  ✘ ${step}`);
  return at >= 0 && (lines[at + 1] ?? '').trim().startsWith(COULD_NOT_JUDGE);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
