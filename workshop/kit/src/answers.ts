// Reads an exercise's answers.ts (the trainee's predictions) and hands out one answer at a time, checked for
// its kind; an answer still null says so in plain words instead of failing somewhere later.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { missed, notYet, WorkshopError } from './workshop-error.ts';

export type Answers = Readonly<Record<string, unknown>>;

export async function loadAnswers(dir: string): Promise<Answers> {
  const file = join(dir, 'answers.ts');
  if (!existsSync(file)) throw new WorkshopError('WORKSHOP_ERR_ANSWERS', `${file} is missing`);
  let mod: { answers?: unknown };
  try {
    mod = await import(pathToFileURL(file).href) as { answers?: unknown };
  } catch (err) {
    throw new WorkshopError('WORKSHOP_ERR_ANSWERS', `${file} does not load: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof mod.answers !== 'object' || mod.answers === null) {
    throw new WorkshopError('WORKSHOP_ERR_ANSWERS', `${file} must export const answers = { ... }`);
  }
  return mod.answers as Answers;
}

export function numberAnswer(answers: Answers, key: string, min: number, max: number): number {
  const value = answers[key];
  if (value === null || value === undefined) throw notYet(`answers.${key} is still empty`);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw notYet(`answers.${key} must be a number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  }
  return value;
}

export function choiceAnswer<T extends string>(answers: Answers, key: string, choices: readonly T[]): T {
  const value = answers[key];
  if (value === null || value === undefined) throw notYet(`answers.${key} is still empty`);
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    const accepted = choices.map((c) => `'${c}'`).join(', ');
    throw notYet(`answers.${key} must be one of ${accepted} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

export function booleanAnswer(answers: Answers, key: string): boolean {
  const value = answers[key];
  if (value === null || value === undefined) throw notYet(`answers.${key} is still empty`);
  if (typeof value !== 'boolean') throw notYet(`answers.${key} must be true or false (got ${JSON.stringify(value)})`);
  return value;
}

/** Compares a prediction with what the real run measured, within an absolute tolerance. A miss says how far off
 *  is too far, never the measured value (that needs --reveal). */
export function expectClose(key: string, predicted: number, measured: number, tolerance: number): string {
  if (Math.abs(predicted - measured) > tolerance) {
    throw missed(
      `you predicted ${key} = ${predicted}; the real run measured a value more than ${tolerance} away from it`,
      `${key} = ${round(measured)}`,
    );
  }
  return `predicted ${predicted}, measured ${round(measured)}`;
}

/** Compares a predicted value with the observed one exactly; a miss does not say what was observed. */
export function expectSame(key: string, predicted: unknown, observed: unknown): string {
  if (predicted !== observed) {
    throw missed(`you predicted ${key} = ${JSON.stringify(predicted)}; that is not what the real run showed`,
      `${key} = ${JSON.stringify(observed)}`);
  }
  return `predicted and seen: ${JSON.stringify(observed)}`;
}

/** A question with one right answer (no run needed to know it). */
export function expectRight(key: string, given: unknown, right: unknown): string {
  if (given !== right) {
    throw missed(`answers.${key} = ${JSON.stringify(given)} is not it yet`, `${key} = ${JSON.stringify(right)}`);
  }
  return `right: ${JSON.stringify(right)}`;
}

/** A number with one right value, accepted within a tolerance. */
export function expectRightWithin(key: string, given: number, right: number, tolerance: number): string {
  if (Math.abs(given - right) > tolerance) {
    throw missed(`answers.${key} = ${given} is more than ${tolerance} away from the right value`,
      `${key} = about ${right}`);
  }
  return `right: about ${right}`;
}

const round = (n: number): number => Math.round(n * 100) / 100;
