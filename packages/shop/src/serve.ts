// serveShop: listens, announces readiness (a log line, and an IPC message when forked), and shuts down cleanly:
// on SIGTERM/SIGINT or when the parent's IPC channel closes it stops accepting, finishes in-flight requests,
// closes its stores and exits 0 (forced after a 5 s grace period).
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { ShopConfig } from './config.ts';
import { answerClientErrors } from './http/client-error.ts';
import type { Lifecycle } from './http/health-routes.ts';
import type { Logger } from './logger.ts';
import { answerMemoryRequests } from './memory-report.ts';

export interface ReadyMessage {
  type: 'ready';
  port: number;
  nodeId: string;
  /** The replicated variant's peer port, so the cluster can give later nodes their PEERS. */
  peerPort?: number;
}

export interface ServeOptions {
  readonly app: Express;
  readonly config: Pick<ShopConfig, 'host' | 'port' | 'nodeId' | 'variant' | 'cartStore' | 'usingDevSecret'>;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  /** Closes stores (Redis) after the last request finished. */
  readonly onClose?: () => Promise<void>;
  readonly graceMs?: number;
  /** Announced in the ready message (replicated variant). */
  readonly peerPort?: number;
}

export async function serveShop(o: ServeOptions): Promise<Server> {
  if (o.config.usingDevSecret) {
    o.logger.warn('SESSION_SECRET is not set: sessions are signed with the built-in DEVELOPMENT secret. ' +
      'Never do this in production.');
  }
  const server = createServer(o.app);
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server, o.config.nodeId, o.logger);
  const inFlight = trackInFlight(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.config.port, o.config.host, () => { server.off('error', reject); resolve(); });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.config.port;
  o.logger.info({ port, host: o.config.host, variant: o.config.variant, cartStore: o.config.cartStore },
    `listening on port ${port}`);
  const ready: ReadyMessage = {
    type: 'ready', port, nodeId: o.config.nodeId, ...(o.peerPort === undefined ? {} : { peerPort: o.peerPort }),
  };
  process.send?.(ready);
  answerMemoryRequests();

  let stopping = false;
  const shutdown = (why: string): void => {
    if (stopping) return;
    stopping = true;
    o.lifecycle.draining = true;
    // Answers still being produced close their connection afterwards, so server.close() can finish.
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    o.logger.info({ why }, 'shutting down');
    const force = setTimeout(() => {
      o.logger.warn('grace period over; closing connections');
      server.closeAllConnections();
    }, o.graceMs ?? 4000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      void (o.onClose?.() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  if (process.send) process.once('disconnect', () => shutdown('parent disconnected'));
  return server;
}

function trackInFlight(server: Server): Set<ServerResponse> {
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  return inFlight;
}
