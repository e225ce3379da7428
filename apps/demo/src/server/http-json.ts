// JSON in and out for the dashboard API: a bounded body reader and the one error writer
// (`{ error: { code, message } }`; unknown errors are answered as DEMO_ERR_INTERNAL without their details).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DemoError } from '../errors.ts';

const MAX_BODY = 16 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const known = err instanceof DemoError
    ? err
    : new DemoError('DEMO_ERR_INTERNAL', 'internal error (see the demo console)');
  if (!(err instanceof DemoError)) console.error('dashboard:', err);
  if (res.headersSent) { res.destroy(); return; }
  sendJson(res, known.httpStatus, { error: { code: known.code, message: known.message } });
}

/** The request body as JSON; an empty body is `{}`. Bad JSON or an oversized body: DEMO_ERR_BAD_REQUEST. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new DemoError('DEMO_ERR_BAD_REQUEST', `body over ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DemoError('DEMO_ERR_BAD_REQUEST', 'the body must be JSON');
  }
}
