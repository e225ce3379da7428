// The demo's error codes, each with its HTTP status (null: printed by `pnpm demo` at start, exit 1). The dashboard
// API answers `{ error: { code, message } }`; callers match on `code`. Every code has a row in docs/errors.md.
import { defineErrors } from '@stateshift/errors';

export const DEMO_ERRORS = {
  DEMO_ERR_FLAGS: null,
  DEMO_ERR_PORT_IN_USE: null,
  DEMO_ERR_PORT_DENIED: null,
  DEMO_ERR_BAD_REQUEST: 400,
  DEMO_ERR_NOT_FOUND: 404,
  DEMO_ERR_METHOD: 405,
  DEMO_ERR_HOST: 403,
  DEMO_ERR_ORIGIN: 403,
  DEMO_ERR_CONTENT_TYPE: 415,
  DEMO_ERR_UNKNOWN_COLUMN: 404,
  DEMO_ERR_ACTION: 409,
  DEMO_ERR_BUSY: 409,
  DEMO_ERR_EXPERIMENT_UNKNOWN: 404,
  DEMO_ERR_INTERNAL: 500,
} as const;

const demo = defineErrors('DemoError', DEMO_ERRORS);

export type DemoErrorCode = keyof typeof DEMO_ERRORS;
export const DEMO_ERROR_CODES = demo.codes;
export const DemoError = demo.Error;
export type DemoError = InstanceType<typeof DemoError>;
