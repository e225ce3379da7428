// The traffic port's node:http server (engines http-proxy and native) with edge hygiene: header and request
// timeouts, and a coded 400/408/431 for anything the HTTP parser rejects (smuggling attempts included), written
// raw and followed by a close. `--engine raw` has its own server (raw/raw-server.ts) behind the same interface.
import { createServer } from 'node:http';
import type { Server, Socket } from 'node:net';
import type { BalancerConfig } from './config/config.ts';
import { rawErrorResponse, type LbErrorCode } from './errors.ts';
import type { Metrics } from './metrics.ts';
import type { ProxyEngine } from './proxy/engine.ts';
import type { createForwarder } from './proxy/forwarder.ts';

/** What the balancer needs of a traffic port, whichever engine serves it. */
export interface TrafficServer {
  readonly server: Server;
  /** Shutdown: idle connections end now, busy ones after their current answer. */
  closeIdle(): void;
  closeAll(): void;
  /** Releases what the engine holds (connections to the nodes, timers) once the port is closed. */
  stop(): void;
}

export function createTrafficServer(
  config: BalancerConfig, handler: ReturnType<typeof createForwarder>, metrics: Metrics, engine: ProxyEngine, shutdown: { closing: boolean },
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
  // A client that half-closes after its request (shutdown(SHUT_WR)) still gets its answer, as from HAProxy and the
  // raw engine. node:http aborts such requests unless this (undocumented, long-standing) switch is on.
  (server as unknown as { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const busy = (socket as unknown as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || busy) return void socket.destroy();
    const code = clientErrorCode(err.code);
    metrics.lbError(code);
    socket.end(rawErrorResponse(code, clientErrorMessage(code, err.code)));
  });
  return {
    server,
    closeIdle: () => {
      shutdown.closing = true;
      server.closeIdleConnections();
    },
    closeAll: () => server.closeAllConnections(),
    stop: () => engine.close(),
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
