// `tsc --noEmit` over the trainee's files only (with the repository's compiler options), so a type error shows up in
// the check as it would in an editor. Started early by a check and awaited by its step: it costs ~3 s of CPU.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tally } from './tally.ts';
import { notYet } from './workshop-error.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** tsc needs ~3 s of CPU; on a loaded 2-core machine it can take many times that. */
const TSC_TIMEOUT_MS = 90_000;

/** Resolves with the type errors of `files` (empty when they type-check), each as `file(line,col): message`. */
async function typeErrors(folder: string, files: readonly string[]): Promise<string[]> {
  const dir = resolve(folder);
  const tmp = mkdtempSync(join(tmpdir(), 'stateshift-tsc-'));
  try {
    writeFileSync(join(tmp, 'tsconfig.json'), JSON.stringify({
      extends: join(ROOT, 'tsconfig.base.json'),
      compilerOptions: { noEmit: true, typeRoots: [join(ROOT, 'node_modules', '@types')] },
      files: files.map((f) => join(dir, f)),
    }));
    const out = await new Promise<string>((resolve) => {
      const late = `error TS0: tsc did not finish within ${TSC_TIMEOUT_MS / 1000} s (a very busy machine?)`;
      const args = [TSC, '-p', join(tmp, 'tsconfig.json'), '--pretty', 'false'];
      execFile(process.execPath, args, { timeout: TSC_TIMEOUT_MS },
        (err, stdout, stderr) => resolve(err?.killed ? late : `${stdout}${stderr}`));
    });
    return out.split('\n').filter((l) => /error TS\d+/.test(l)).map((l) => (l.startsWith(dir) ? relative(dir, l) : l));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The body of a "type-checks" step: passes, or names the first errors. */
async function expectNoTypeErrors(pending: Promise<string[]>, files: readonly string[]): Promise<string> {
  const errors = await pending;
  if (errors.length > 0) {
    const s = errors.length === 1 ? '' : 's';
    throw notYet(`tsc --noEmit reports ${errors.length} type error${s}:\n${errors.slice(0, 3).join('\n')}`,
      'node-redis replies are loosely typed: a MULTI answer (exec()) is an array of unknown replies, ' +
        'cast each one (`as unknown as Record<string, string>`), HGET gives string | null');
  }
  return `${files.join(', ')}: no type errors`;
}

/** Starts tsc over the trainee's files ahead of its step (it then runs while the nodes start), unless the tally
 *  bails: a check that stops at its first failure (the wrong-solution tests) rarely reaches the step. */
export function startTypeCheck(t: Tally, dir: string, files: readonly string[]): Promise<string[]> | undefined {
  if (t.bailing) return undefined;
  const pending = typeErrors(dir, files);
  pending.catch(() => undefined); // awaited by typesStep; never left unhandled
  return pending;
}

/** `tsc --noEmit` over the trainee's files, as the last step of a check on code. */
export async function typesStep(
  t: Tally, dir: string, files: readonly string[], started?: Promise<string[]>,
): Promise<void> {
  await t.step(`${files.join(', ')} type-check${files.length === 1 ? 's' : ''} (tsc --noEmit)`,
    () => expectNoTypeErrors(started ?? typeErrors(dir, files), files), { timeoutMs: TSC_TIMEOUT_MS + 5_000 });
}
