// Loads a module the trainee wrote (starter or solution) and hands back one named export, or says in plain
// words why it cannot: the file is missing, does not load, or does not export that function.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { notYet } from './workshop-error.ts';

export async function traineeFunction<T extends (...args: never[]) => unknown>(
  dir: string, file: string, name: string,
): Promise<T> {
  const path = join(dir, file);
  if (!existsSync(path)) throw notYet(`${path} is missing`);
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(path).href) as Record<string, unknown>;
  } catch (err) {
    throw notYet(`${file} does not load: ${(err as Error).message.split('\n')[0]}`);
  }
  const fn = mod[name];
  if (typeof fn !== 'function') throw notYet(`${file} must export a function named ${name}`);
  return fn as T;
}
