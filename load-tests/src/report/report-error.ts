// Errors of the report renderer: a stable code callers (and the CLI's exit path) match on, never the text.
export type ReportErrorCode =
  | 'REPORT_ERR_USAGE'
  | 'REPORT_ERR_NOT_FOUND'
  | 'REPORT_ERR_BAD_JSON'
  | 'REPORT_ERR_BAD_FIELD'
  | 'REPORT_ERR_WRITE';

export class ReportError extends Error {
  readonly code: ReportErrorCode;
  constructor(code: ReportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportError';
    this.code = code;
  }
}
