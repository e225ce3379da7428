// Coded errors from a table, for every package: a stable `code` callers match on (never the message text) and,
// where the error is answered over HTTP, its status. Also the check that keeps docs/errors.md in step.
export { defineErrors, CodedError, type ErrorTable, type ErrorFamily } from './define-errors.ts';
export { documentedCodes, checkErrorsDoc, type DocCheck } from './errors-doc.ts';
