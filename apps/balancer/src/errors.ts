// Balancer error codes, each with its HTTP status (null: never an HTTP answer), and the one writer of balancer-made
// answers. Every answer the balancer makes itself carries `x-lb-error: <code>`; callers match on the code.
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { defineErrors } from '@stateshift/errors';

export const LB_ERRORS = {
  LB_ERR_NO_UPSTREAM: 503,
  LB_ERR_UPSTREAM_TIMEOUT: 504,
  LB_ERR_UPSTREAM: 502,
  LB_ERR_STICKY_NODE_GONE: 503,
  LB_ERR_BODY_TOO_LARGE: 413,
  LB_ERR_BAD_REQUEST: 400,
  LB_ERR_HEADERS_TOO_LARGE: 431,
  LB_ERR_REQUEST_TIMEOUT: 408,
  LB_ERR_INTERNAL: 500,
  LB_ERR_CONFIG: null, // a bad flag at start: the process exits 2
  LB_ERR_ADMIN_UNAUTHORIZED: 401,
  LB_ERR_ADMIN_NOT_FOUND: 404,
  LB_ERR_ADMIN_METHOD: 405,
  LB_ERR_ADMIN_BAD_REQUEST: 400,
  LB_ERR_ADMIN_UNKNOWN_NODE: 404,
  LB_ERR_ADMIN_DUPLICATE_NODE: 409,
  LB_ERR_ADMIN_FORBIDDEN_HOST: 403,
  LB_ERR_ADMIN_FORBIDDEN_ORIGIN: 403,
  LB_ERR_ADMIN_MEDIA_TYPE: 415,
} as const;

const lb = defineErrors('LbError', LB_ERRORS);

export type LbErrorCode = keyof typeof LB_ERRORS;
export const LbError = lb.Error;
export type LbError = InstanceType<typeof LbError>;

function errorBody(code: LbErrorCode, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** Answers with a balancer-made JSON error, unless the response has already started (then it is cut). */
export function sendError(
  res: ServerResponse, code: LbErrorCode, message: string, headers?: Record<string, string>,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = errorBody(code, message);
  res.writeHead(lb.httpStatus(code), {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-lb-error': code,
  });
  res.end(body);
}

/**
 * The same answer as raw bytes, for a socket the HTTP parser gave up on (closed after it) or for the raw engine,
 * which may keep the connection open (`close` false) when the request was read whole.
 */
export function rawErrorResponse(
  code: LbErrorCode, message: string, headers: Record<string, string> = {}, close = true,
): string {
  const body = errorBody(code, message);
  const status = lb.httpStatus(code);
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${close ? 'connection: close\r\n' : ''}`;
  for (const name of Object.keys(headers)) head += `${name}: ${headers[name]}\r\n`;
  return `${head}content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
    `cache-control: no-store\r\nx-lb-error: ${code}\r\n\r\n${body}`;
}
