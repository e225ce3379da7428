// The traffic port's HTTP server with edge hygiene: header and request timeouts, and a coded 400/408/431 for
// anything the HTTP parser rejects (smuggling attempts included), written raw and followed by a close.
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { BalancerConfig } from './config/config.ts';
import { rawErrorResponse, type LbErrorCode } from './errors.ts';
import type { Metrics } from './metrics.ts';
import type { createForwarder } from './proxy/forwarder.ts';

export function createTrafficServer(config: BalancerConfig, handler: ReturnType<typeof createForwarder>, metrics: Metrics): Server {
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
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const busy = (socket as unknown as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || busy) return void socket.destroy();
    const code = clientErrorCode(err.code);
    metrics.lbError(code);
    socket.end(rawErrorResponse(code, clientErrorMessage(code, err.code)));
  });
  return server;
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
