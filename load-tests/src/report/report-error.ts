// Errors of the report renderer: a stable code callers (and the CLI's exit path) match on, never the text.
// Every code has a row in docs/errors.md (a test checks it).
export const REPORT_ERROR_CODES = [
  'REPORT_ERR_USAGE',
  'REPORT_ERR_NOT_FOUND',
  'REPORT_ERR_BAD_JSON',
  'REPORT_ERR_BAD_FIELD',
  'REPORT_ERR_WRITE',
] as const;
export type ReportErrorCode = (typeof REPORT_ERROR_CODES)[number];

export class ReportError extends Error {
  readonly code: ReportErrorCode;
  constructor(code: ReportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportError';
    this.code = code;
  }
}
