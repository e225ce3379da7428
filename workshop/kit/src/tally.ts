// Runs an exercise's steps one at a time, bounded in time, and prints in plain words what passes and what is
// still missing. A step never throws out of the tally; cleanups registered with defer() always run.
// What a real run measured is printed only once the prediction it answers is right, or with --reveal: a wrong
// prediction is told what was wrong about it, never the true value, so predictions cannot be found by trying.
import { WorkshopError } from './workshop-error.ts';

export interface Tally {
  /** Runs one step; resolves true when it passed. `fn` may return a short detail shown after the name. */
  step(
    name: string, fn: () => Promise<string | void>, options?: { hint?: string; timeoutMs?: number },
  ): Promise<boolean>;
  /** A line of information that gives nothing away (a count of requests, a node id). */
  info(line: string): void;
  /** What the real run measured: shown after the current step when it passed, or when revealing. */
  measured(line: string): void;
  /** Runs at the end, last registered first, whatever happened. */
  defer(cleanup: () => Promise<unknown>): void;
  /** True with --reveal: wrong predictions are shown the measured value. */
  readonly revealing: boolean;
  /** True when the steps after a failure are skipped: work done ahead for a later step may be wasted. */
  readonly bailing: boolean;
}

export interface TallyOptions {
  /** Show what was measured even when a prediction is wrong. */
  readonly reveal?: boolean;
  /** Stop at the first failing step: the steps after it are skipped (the wrong-solution tests use it). */
  readonly bail?: boolean;
}

export interface TallyResult {
  readonly passed: string[];
  readonly failed: string[];
  readonly skipped: string[];
}

export function createTally(
  write: (line: string) => void, options: TallyOptions = {},
): { tally: Tally; finish(): Promise<TallyResult> } {
  const passed: string[] = [];
  const failed: string[] = [];
  const skipped: string[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  let pending: string[] = [];
  const tally: Tally = {
    revealing: options.reveal === true,
    bailing: options.bail === true,
    async step(name, fn, stepOptions = {}) {
      if (options.bail && failed.length > 0) {
        skipped.push(name);
        return false;
      }
      pending = [];
      try {
        const detail = await withTimeout(fn(), stepOptions.timeoutMs ?? 25_000, name);
        passed.push(name);
        write(`  ✔ ${name}${detail ? ` (${detail})` : ''}`);
        for (const line of pending) write(`    · ${line}`);
        return true;
      } catch (err) {
        failed.push(name);
        write(`  ✘ ${name}`);
        for (const line of describe(err, tally.revealing)) write(`      ${line}`);
        const hint = err instanceof WorkshopError && err.hint ? err.hint : stepOptions.hint;
        if (hint) write(`      hint: ${hint}`);
        if (tally.revealing) for (const line of pending) write(`    · ${line}`);
        return false;
      } finally {
        pending = [];
      }
    },
    info: (line) => write(`    · ${line}`),
    measured: (line) => { pending.push(line); },
    defer: (cleanup) => { cleanups.push(cleanup); },
  };
  const finish = async (): Promise<TallyResult> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    return { passed, failed, skipped };
  };
  return { tally, finish };
}

/** How a step's explanation starts when the check itself failed (its rig, not the solution): no verdict, and the
 *  trainee is to run the check again. */
export const COULD_NOT_JUDGE = 'the check could not finish this step';

/** The lines that explain a failure: a WorkshopError in its own words (expected, seen); anything else is said to
 *  be a failure of the check, with its first line only (never a stack or an assertion dump). */
function describe(err: unknown, revealing: boolean): string[] {
  if (err instanceof WorkshopError) {
    const lines = err.message.split('\n');
    if (err.reveal) {
      lines.push(revealing
        ? `the real run: ${err.reveal}`
        : 'run the check again with --reveal to see what the real run measured');
    }
    return lines;
  }
  const code = (err as { code?: unknown } | null)?.code;
  const first = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return [`${COULD_NOT_JUDGE}: ${typeof code === 'string' ? `${code}: ` : ''}${first}`];
}

async function withTimeout<T>(work: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WorkshopError('WORKSHOP_ERR_TIMEOUT',
      `"${name}" did not finish within ${ms / 1000} s: a request of this step never got its answer`,
      'look for an operation that waits forever (a lock never released, a command queued while disconnected)')), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}
