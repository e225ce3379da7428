// The demo's error codes, each with its HTTP status. The dashboard API answers `{ error: { code, message } }`;
// callers match on `code`. Every code has a row in docs/errors.md (a test checks it).
export const DEMO_ERRORS = {
  DEMO_ERR_FLAGS: 0,
  DEMO_ERR_PORT_IN_USE: 0,
  DEMO_ERR_PORT_DENIED: 0,
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

export type DemoErrorCode = keyof typeof DEMO_ERRORS;
export const DEMO_ERROR_CODES = Object.keys(DEMO_ERRORS) as DemoErrorCode[];

export class DemoError extends Error {
  readonly code: DemoErrorCode;
  readonly status: number;
  constructor(code: DemoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DemoError';
    this.code = code;
    this.status = DEMO_ERRORS[code] || 500;
  }
}
