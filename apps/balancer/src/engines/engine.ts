// The engine seams the composition root picks from. TrafficServer: a traffic port, whichever engine serves it.
// ProxyEngine: the node:http data path's forwarder (http-proxy, native, or one a test injects); it forwards one
// attempt of a request to one node and reports either the node's response or a classified failure. The exchange
// decides retries; the engine only says whether the node may have seen it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import type { AttemptHandle, UpstreamFailure } from '../exchange/attempt.ts';
import type { PoolNode } from '../pool.ts';

export interface AttemptHooks {
  onResponse(proxyRes: IncomingMessage): void;
  onFailure(failure: UpstreamFailure): void;
}

export interface ProxyEngine {
  forward(
    req: IncomingMessage, res: ServerResponse, node: PoolNode, body: Buffer | undefined, hooks: AttemptHooks,
  ): AttemptHandle;
  close(): void;
}

/** What the balancer needs of a traffic port, whichever engine serves it. */
export interface TrafficServer {
  readonly server: Server;
  /** Shutdown: idle connections end now, busy ones after their current answer. */
  closeIdle(): void;
  closeAll(): void;
  /** Releases what the engine holds (connections to the nodes, timers) once the port is closed. */
  stop(): void;
}
