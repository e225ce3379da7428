// Coded errors from a table, and the docs/errors.md sync check (filled in by the #13 refactor).
export {};
