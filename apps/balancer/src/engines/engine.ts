// The proxy engine seam: forwards one attempt of a request to one node and reports either the node's response
// or a classified failure. The forwarder decides retries; the engine only says whether the node may have seen it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PoolNode } from '../pool.ts';

export interface UpstreamFailure {
  /** False only when the request provably never reached the node (refused, connect timeout, reset unwritten). */
  readonly reached: boolean;
  readonly timeout: boolean;
  /** True when the failure came after the node's response headers (the client answer has started). */
  readonly afterResponse: boolean;
  readonly reason: string;
}

export interface AttemptHooks {
  onResponse(proxyRes: IncomingMessage): void;
  onFailure(failure: UpstreamFailure): void;
}

export interface AttemptHandle {
  /** Gives up on the attempt (client went away); no hook is called afterwards. */
  abort(): void;
}

export interface ProxyEngine {
  forward(req: IncomingMessage, res: ServerResponse, node: PoolNode, body: Buffer | undefined, hooks: AttemptHooks): AttemptHandle;
  close(): void;
}

export interface EngineOptions {
  readonly upstreamTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Idle keep-alive sockets to the nodes close after this; keep it below the nodes' keep-alive timeout. */
  readonly upstreamIdleMs: number;
}
