// Runs an exercise's steps one at a time, bounded in time, and prints in plain words what passes and what is
// still missing. A step never throws out of the tally; cleanups registered with defer() always run.
import { WorkshopError } from './workshop-error.ts';

export interface Tally {
  /** Runs one step; resolves true when it passed. `fn` may return a short detail shown after the name. */
  step(name: string, fn: () => Promise<string | void>, options?: { hint?: string; timeoutMs?: number }): Promise<boolean>;
  /** A line of information (what a real run measured), not a pass or a fail. */
  info(line: string): void;
  /** Runs at the end, last registered first, whatever happened. */
  defer(cleanup: () => Promise<unknown>): void;
}

export interface TallyResult {
  readonly passed: string[];
  readonly failed: string[];
}

export function createTally(write: (line: string) => void): { tally: Tally; finish(): Promise<TallyResult> } {
  const passed: string[] = [];
  const failed: string[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  const tally: Tally = {
    async step(name, fn, options = {}) {
      try {
        const detail = await withTimeout(fn(), options.timeoutMs ?? 25_000, name);
        passed.push(name);
        write(`  ✔ ${name}${detail ? ` (${detail})` : ''}`);
        return true;
      } catch (err) {
        failed.push(name);
        write(`  ✘ ${name}`);
        write(`      ${describe(err)}`);
        const hint = err instanceof WorkshopError && err.hint ? err.hint : options.hint;
        if (hint) write(`      hint: ${hint}`);
        return false;
      }
    },
    info: (line) => write(`    · ${line}`),
    defer: (cleanup) => { cleanups.push(cleanup); },
  };
  const finish = async (): Promise<TallyResult> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    return { passed, failed };
  };
  return { tally, finish };
}

function describe(err: unknown): string {
  if (err instanceof WorkshopError) return err.message;
  if (err instanceof Error) return `${(err as { code?: string }).code ? `${(err as { code?: string }).code}: ` : ''}${err.message.split('\n')[0]}`;
  return String(err);
}

async function withTimeout<T>(work: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WorkshopError('WORKSHOP_ERR_TIMEOUT',
      `"${name}" did not finish within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}
