// The traffic port's request handler: edge checks, header hygiene, body buffering, then one Exchange per request.
// It must never throw: every failure becomes a coded answer or a closed connection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LbError, sendError } from '../../errors.ts';
import type { HealthChecker } from '../../health/health-checker.ts';
import { stripCookie } from '../../http/cookies.ts';
import { originTarget } from '../../http/headers.ts';
import type { Metrics } from '../../metrics.ts';
import type { Pool } from '../../pool.ts';
import type { Strategy } from '../../strategies/strategy.ts';
import type { ProxyEngine } from '../engine.ts';
import { hasBody, readBody } from './body.ts';
import { Exchange } from './exchange.ts';
import { prepareRequestHeaders } from './outgoing-headers.ts';
import { inOrder } from './pipeline.ts';
import { checkHead } from './request-checks.ts';

export interface ForwarderDeps {
  readonly pool: Pool;
  readonly strategy: Strategy;
  readonly engine: ProxyEngine;
  readonly health: HealthChecker;
  readonly metrics: Metrics;
  readonly retries: number;
  readonly bodyLimit: number;
  /** The affinity cookie's name when the strategy is sticky: stripped before forwarding. */
  readonly affinityCookie: string | undefined;
  readonly shutdown: { readonly closing: boolean };
}

export function createForwarder(deps: ForwarderDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const socket = req.socket;
    // Read after an answer that ended the connection (in the same read): there is no one left to answer.
    if (socket.destroyed || socket.writableEnded) return;
    const started = performance.now();
    res.once('close', () => deps.metrics.latency((performance.now() - started) / 1000));
    inOrder(socket, res, () => handle(deps, req, res));
  };
}

function handle(deps: ForwarderDeps, req: IncomingMessage, res: ServerResponse): void {
  const check = checkHead(req);
  if (check.refused !== undefined) return reject(res, new LbError('LB_ERR_BAD_REQUEST', check.refused), deps);
  if (check.drop) for (const name of check.drop) delete req.headers[name];
  const withBody = hasBody(req);
  const target = originTarget(req.method, req.url ?? '');
  if (target === undefined) return reject(res, new LbError('LB_ERR_BAD_REQUEST', 'malformed request target'), deps);
  req.url = target;
  const cookie = req.headers.cookie;
  prepareRequestHeaders(req);
  if (deps.affinityCookie && cookie) {
    const rest = stripCookie(cookie, deps.affinityCookie);
    if (rest === undefined) delete req.headers.cookie;
    else req.headers.cookie = rest;
  }
  if (!withBody) return new Exchange(deps, req, res, cookie, undefined).next();
  readBody(req, deps.bodyLimit).then(
    (body) => {
      req.headers['content-length'] = String(body.length);
      delete req.headers['transfer-encoding'];
      if (!res.destroyed) new Exchange(deps, req, res, cookie, body).next();
    },
    (err: unknown) =>
      reject(res, err instanceof LbError ? err : new LbError('LB_ERR_BAD_REQUEST', 'unreadable request body'), deps),
  );
}

/** Answers before the body was read: the connection cannot be reused, so it is closed after the answer. */
function reject(res: ServerResponse, err: LbError, deps: ForwarderDeps): void {
  deps.metrics.lbError(err.code);
  if (res.destroyed) return;
  sendError(res, err.code, err.message, { connection: 'close' });
}

