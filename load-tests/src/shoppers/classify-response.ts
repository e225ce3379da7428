// Decides what a shopper may conclude from one answer. The rule: a write is failed-definitely only when we
// know no shop node applied it; everything that may have reached a node and gone unanswered is indeterminate.
import type { EndClass, Outcome } from './history.ts';

/**
 * Balancer errors that are answered before any byte goes to a node, so nothing can have been applied:
 * LB_ERR_NO_UPSTREAM (nothing to send to) and LB_ERR_STICKY_NODE_GONE (the pinned node is gone and the
 * balancer refuses rather than re-pin). LB_ERR_UPSTREAM (502) and LB_ERR_UPSTREAM_TIMEOUT (504) are NOT here:
 * the request may have been forwarded, and the node may have died or stalled after applying it.
 */
const DEFINITE_LB_CODES: readonly string[] = Object.freeze(['LB_ERR_NO_UPSTREAM', 'LB_ERR_STICKY_NODE_GONE']);

/**
 * Shop errors that promise the request changed nothing: SHOP_ERR_STORE_UNAVAILABLE (only reads failed, or Redis
 * refused the write before it was sent) and SHOP_ERR_CAPACITY (a stateful node at MAX_SESSIONS refused to create the
 * session; nothing stored). SHOP_ERR_STORE_INDETERMINATE (a write was sent, its outcome unknown) is NOT here.
 * Trusted only with no x-lb-error: a balancer error means the shop's answer is not what we got.
 */
const DEFINITE_SHOP_CODES: readonly string[] = Object.freeze([
  'SHOP_ERR_STORE_UNAVAILABLE', 'SHOP_ERR_CAPACITY',
]);

export interface Verdict {
  outcome: Outcome;
  end: EndClass;
  /** x-lb-error, else the shop's `error.code`, for non-2xx answers. */
  code?: string;
}

/**
 * 2xx: acked (the shop promises "a 2xx means stored"). 4xx: failed, the shop validates before it changes
 * anything. 503 with a definite balancer code, or the shop's SHOP_ERR_STORE_UNAVAILABLE: failed. Any other 5xx
 * (a shop 503 SHOP_ERR_STORE_INDETERMINATE included: the Redis command may have run and only its reply been
 * lost): indeterminate.
 */
export function classifyAnswer(status: number, lbError: string | undefined, body: string): Verdict {
  if (status >= 200 && status < 300) return { outcome: 'acked', end: 'ok' };
  const code = lbError ?? shopErrorCode(body);
  const withCode = code === undefined ? {} : { code };
  if (status >= 400 && status < 500) return { outcome: 'failed', end: 'http4xx', ...withCode };
  if (status >= 500 && code !== undefined && definite(code, lbError !== undefined)) {
    return { outcome: 'failed', end: 'http5xx', code };
  }
  if (status >= 500) return { outcome: 'indeterminate', end: 'http5xx', ...withCode };
  // 1xx/3xx are not part of the API: whatever happened is unknown.
  return { outcome: 'indeterminate', end: 'http4xx', ...withCode };
}

/** No answer at all: the request may or may not have been applied. */
export function classifyNoAnswer(end: 'socket' | 'timeout' | 'cut'): Verdict {
  return { outcome: 'indeterminate', end };
}

/** The connection was refused (ECONNREFUSED: nothing listened, e.g. a balancer being restarted): the request
 *  never left the client, so nothing can have been applied. */
export function classifyRefused(): Verdict {
  return { outcome: 'failed', end: 'socket', code: 'ECONNREFUSED' };
}

function definite(code: string, fromBalancer: boolean): boolean {
  return fromBalancer ? DEFINITE_LB_CODES.includes(code) : DEFINITE_SHOP_CODES.includes(code);
}

function shopErrorCode(body: string): string | undefined {
  if (!body.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}

/** Header lookup that does not care how the server spelled the name. */
export function headerValue(
  headers: Record<string, string | string[] | undefined>, name: string,
): string | string[] | undefined {
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === wanted) return headers[key];
  return undefined;
}

export function firstHeader(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headerValue(headers, name);
  return Array.isArray(value) ? value[0] : value;
}
