// Counts request endings into the schema's error classes. A request cut by the end of the load is neither ok
// nor an error: it is only "sent" (its write, if any, is indeterminate for the checker).
import type { ErrorClasses } from '../results-schema.ts';
import type { RequestRecord } from '../shoppers/history.ts';

export function emptyErrorClasses(): ErrorClasses {
  return { http4xx: 0, http5xx: 0, socket: 0, timeout: 0, byCode: {} };
}

/** Adds one ended request; returns true when it counted as an error. */
export function countEnding(classes: ErrorClasses, record: RequestRecord): boolean {
  switch (record.end) {
    case 'ok':
    case 'cut':
      return false;
    case 'http5xx': {
      const code = record.code ?? 'other';
      classes.byCode[code] = (classes.byCode[code] ?? 0) + 1;
      classes.http5xx++;
      return true;
    }
    default:
      classes[record.end]++;
      return true;
  }
}

export function errorTotal(classes: ErrorClasses): number {
  return classes.http4xx + classes.http5xx + classes.socket + classes.timeout;
}

/** Failed in the failover sense: the system, not the shopper, failed this request (5xx, socket, timeout). */
export function isFailure(record: RequestRecord): boolean {
  return record.end === 'http5xx' || record.end === 'socket' || record.end === 'timeout';
}

/** An answer that carries a latency worth counting (timeouts and cuts do not). */
export function isAnswered(record: RequestRecord): boolean {
  return record.status !== undefined;
}
