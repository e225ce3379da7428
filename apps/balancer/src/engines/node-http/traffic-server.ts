// The traffic port's node:http server (engines http-proxy and native) with edge hygiene: header and request
// timeouts, and a coded 400/408/431 for anything the HTTP parser rejects (smuggling attempts included), written
// raw and followed by a close. `--engine raw` has its own server (engines/raw/raw-server.ts) behind the same
// interface (TrafficServer, engines/engine.ts).
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { BalancerConfig } from '../../config/config.ts';
import { LbError, rawErrorResponse, type LbErrorCode } from '../../errors.ts';
import { ClientStalls } from '../../exchange/client-stalls.ts';
import type { Metrics } from '../../metrics.ts';
import type { ProxyEngine, TrafficServer } from '../engine.ts';
import { parserGaveUp } from './body.ts';
import type { createForwarder } from './forwarder.ts';
import { afterPipeline } from './pipeline.ts';
import { guardRequestLines } from './request-line-guard.ts';

export function createTrafficServer(
  config: BalancerConfig, handler: ReturnType<typeof createForwarder>, metrics: Metrics, engine: ProxyEngine,
  shutdown: { closing: boolean },
): TrafficServer {
  const server = createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      keepAliveTimeout: config.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.headersTimeoutMs / 4))),
      requireHostHeader: false, // checked by the forwarder, so the 400 carries a code
    },
    handler,
  );
  // An expectation other than 100-continue is not refused with node:http's own uncoded 417: Expect is dropped on
  // the way to the node anyway, so such a request is forwarded like any other (as the raw engine does).
  server.on('checkExpectation', handler);
  // A client that half-closes after its request (shutdown(SHUT_WR)) still gets its answer, as from HAProxy and the
  // raw engine. node:http aborts such requests unless this (undocumented, long-standing) switch is on.
  (server as unknown as { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  // CONNECT leaves node:http's request path (without a listener it drops the socket silently): refuse it, coded, as
  // the raw engine does, after the answers already owed on the connection.
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    metrics.lbError('LB_ERR_BAD_REQUEST');
    socket.on('error', () => socket.destroy());
    socket.on('data', () => undefined); // whatever follows is dropped; the client's close is seen
    socket.setTimeout(config.keepAliveTimeoutMs, () => socket.destroy());
    afterPipeline(socket, () => {
      if (socket.writable) {
        socket.end(rawErrorResponse('LB_ERR_BAD_REQUEST', 'CONNECT is not supported: the balancer tunnels nothing'));
      } else {
        socket.destroy();
      }
    });
  });
  const stalls = new ClientStalls(config.clientTimeoutMs, () => metrics.clientTimeouts++);
  server.on('connection', (socket: Socket) => stalls.track(socket));
  server.on('connection', guardRequestLines);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const code = clientErrorCode(err.code);
    const message = clientErrorMessage(code, err.code);
    // A request whose body was being read gets the error itself (it is counted there); requests read before the
    // bad bytes are answered first, in order, then the error and the close.
    const { first, answered } = parserGaveUp(socket, new LbError(code, message));
    if (!first || answered) return;
    metrics.lbError(code);
    socket.pause(); // until the answers already owed are out: the client's close must not end the connection first
    afterPipeline(socket, () => {
      socket.resume(); // what is left is dropped by the failed parser; the client's close is seen
      if (socket.writable) socket.end(rawErrorResponse(code, message));
      else socket.destroy();
    });
  });
  return {
    server,
    closeIdle: () => {
      shutdown.closing = true;
      server.closeIdleConnections();
    },
    closeAll: () => server.closeAllConnections(),
    stop: () => {
      stalls.stop();
      engine.close();
    },
  };
}

function clientErrorCode(code: string | undefined): LbErrorCode {
  if (code === 'HPE_HEADER_OVERFLOW') return 'LB_ERR_HEADERS_TOO_LARGE';
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'HPE_HEADERS_TIMEOUT') return 'LB_ERR_REQUEST_TIMEOUT';
  return 'LB_ERR_BAD_REQUEST';
}

function clientErrorMessage(code: LbErrorCode, parserCode: string | undefined): string {
  if (code === 'LB_ERR_HEADERS_TOO_LARGE') return 'request headers too large';
  if (code === 'LB_ERR_REQUEST_TIMEOUT') return 'request headers or body not received in time';
  return `malformed or ambiguous request (${parserCode ?? 'parse error'})`;
}
