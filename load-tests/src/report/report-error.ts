// Errors of the report renderer: a stable code callers (and the CLI's exit path) match on, never the text.
// None is an HTTP answer (status null). Every code has a row in docs/errors.md (a test checks it).
import { defineErrors } from '@stateshift/errors';

export const REPORT_ERRORS = {
  REPORT_ERR_USAGE: null,
  REPORT_ERR_NOT_FOUND: null,
  REPORT_ERR_BAD_JSON: null,
  REPORT_ERR_BAD_FIELD: null,
  REPORT_ERR_WRITE: null,
} as const;

const report = defineErrors('ReportError', REPORT_ERRORS);

export type ReportErrorCode = keyof typeof REPORT_ERRORS;
export const ReportError = report.Error;
export type ReportError = InstanceType<typeof ReportError>;
