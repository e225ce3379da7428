// Public surface of the workshop kit: the exercises, the runner, and the pieces a check is made of.
export { EXERCISES, type Exercise } from './exercises.ts';
export { runExercise, type RunResult } from './run-exercise.ts';
export { COULD_NOT_JUDGE } from './tally.ts';
export { parseWorkshopArgs, workshopUsage, type WorkshopArgs } from './workshop-args.ts';
export { WorkshopError, WORKSHOP_ERROR_CODES, type WorkshopErrorCode } from './workshop-error.ts';
