// One shape for every coded error: `code`, `status` (an HTTP status, or null for an error that is never an
// HTTP answer: bad configuration, a child that did not start), `message`, optional `cause`.
// A family is made from a table `{ CODE: status | null }`; it never invents a status the table does not hold.

/** A table of codes: each maps to the HTTP status it is answered with, or null when it is not an HTTP answer. */
export type ErrorTable = Readonly<Record<string, number | null>>;

export class CodedError<Code extends string = string> extends Error {
  readonly code: Code;
  /** The HTTP status this error is answered with; null when it is not an HTTP answer (see `httpStatus`). */
  readonly status: number | null;
  constructor(code: Code, status: number | null, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.status = status;
  }

  /** The status an HTTP edge answers with: the table's, or 500 for an error that was never meant to be an answer
   *  (it reached the edge by a bug, and says so with 500 rather than a made-up status). */
  get httpStatus(): number {
    return httpStatusOf(this.status);
  }
}

/** 500 for a status of null: such an error reached an HTTP edge by a bug, and is answered as one. */
function httpStatusOf(status: number | null): number {
  return status ?? 500;
}

export interface ErrorFamily<T extends ErrorTable> {
  /** The table itself: code → status (or null). */
  readonly table: T;
  /** Every code of the family, in table order. */
  readonly codes: readonly (keyof T & string)[];
  /** The family's error class: `new Family.Error(code, message, { cause })`; `instanceof` works. */
  readonly Error: new (
    code: keyof T & string, message: string, options?: { cause?: unknown },
  ) => CodedError<keyof T & string>;
  /** Whether `err` is an error of this family. */
  is(err: unknown): err is CodedError<keyof T & string>;
  /** Whether `code` is one of this family's codes (for values read from outside, e.g. a JSON answer). */
  has(code: unknown): code is keyof T & string;
  /** The status an HTTP edge answers `code` with, for an answer made without an error object (see `httpStatus`). */
  httpStatus(code: keyof T & string): number;
}

/**
 * Defines a family of coded errors. `name` becomes each error's `name` (e.g. 'ShopError').
 *
 *   const shop = defineErrors('ShopError', { SHOP_ERR_BAD_JSON: 400, SHOP_ERR_CONFIG: null });
 *   export const ShopError = shop.Error;
 *   export type ShopError = InstanceType<typeof ShopError>;
 */
export function defineErrors<const T extends ErrorTable>(name: string, table: T): ErrorFamily<T> {
  type Code = keyof T & string;
  const codes = Object.keys(table) as Code[];
  class FamilyError extends CodedError<Code> {
    constructor(code: Code, message: string, options?: { cause?: unknown }) {
      if (!Object.hasOwn(table, code)) throw new TypeError(`${name}: unknown code ${String(code)}`);
      super(code, table[code] ?? null, message, options);
      this.name = name;
    }
  }
  Object.defineProperty(FamilyError, 'name', { value: name });
  return {
    table,
    codes,
    Error: FamilyError,
    is: (err: unknown): err is CodedError<Code> => err instanceof FamilyError,
    has: (code: unknown): code is Code => typeof code === 'string' && Object.hasOwn(table, code),
    httpStatus: (code: Code): number => httpStatusOf(table[code] ?? null),
  };
}
