// The proxy engine seam: forwards one attempt of a request to one node and reports either the node's response
// or a classified failure. The forwarder decides retries; the engine only says whether the node may have seen it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttemptHandle, UpstreamFailure } from '../exchange/attempt.ts';
import type { PoolNode } from '../pool.ts';

export interface AttemptHooks {
  onResponse(proxyRes: IncomingMessage): void;
  onFailure(failure: UpstreamFailure): void;
}

export interface ProxyEngine {
  forward(req: IncomingMessage, res: ServerResponse, node: PoolNode, body: Buffer | undefined, hooks: AttemptHooks): AttemptHandle;
  close(): void;
}
