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

/** Resolves with the type errors of `files` (empty when they type-check), each as `file(line,col): message`. */
export async function typeErrors(folder: string, files: readonly string[]): Promise<string[]> {
  const dir = resolve(folder);
  const tmp = mkdtempSync(join(tmpdir(), 'stateshift-tsc-'));
  try {
    writeFileSync(join(tmp, 'tsconfig.json'), JSON.stringify({
      extends: join(ROOT, 'tsconfig.base.json'),
      compilerOptions: { noEmit: true, typeRoots: [join(ROOT, 'node_modules', '@types')] },
      files: files.map((f) => join(dir, f)),
    }));
    const out = await new Promise<string>((resolve) => {
      execFile(process.execPath, [TSC, '-p', join(tmp, 'tsconfig.json'), '--pretty', 'false'], { timeout: 60_000 },
        (_err, stdout, stderr) => resolve(`${stdout}${stderr}`));
    });
    return out.split('\n').filter((l) => /error TS\d+/.test(l)).map((l) => (l.startsWith(dir) ? relative(dir, l) : l));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The body of a "type-checks" step: passes, or names the first errors. */
export async function expectNoTypeErrors(pending: Promise<string[]>, files: readonly string[]): Promise<string> {
  const errors = await pending;
  if (errors.length > 0) {
    throw notYet(`tsc --noEmit reports ${errors.length} type error${errors.length === 1 ? '' : 's'}:\n${errors.slice(0, 3).join('\n')}`,
      'node-redis replies are loosely typed: a MULTI answer (exec()) is an array of unknown replies, cast each one (`as unknown as Record<string, string>`), HGET gives string | null');
  }
  return `${files.join(', ')}: no type errors`;
}

/** `tsc --noEmit` over the trainee's files, as a step. Run last: it costs ~3 s of CPU, and a check that stops at its
 *  first failure (the wrong-solution tests) never pays for it. */
export async function typesStep(t: Tally, dir: string, files: readonly string[]): Promise<void> {
  await t.step(`${files.join(', ')} type-check${files.length === 1 ? 's' : ''} (tsc --noEmit)`, () => expectNoTypeErrors(typeErrors(dir, files), files));
}
