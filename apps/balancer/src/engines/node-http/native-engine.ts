// The node:http proxy engine: the same contract as the http-proxy engine, with one http.request per attempt and
// nothing else on the path (no URL re-parsing, no header copy, no stream pipe for requests without a body).
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { PoolNode } from '../../pool.ts';
import { Attempt } from './attempt.ts';
import type { EngineOptions } from '../../exchange/attempt.ts';
import type { AttemptHooks, ProxyEngine } from '../engine.ts';
import { upstreamAgent } from './upstream-agent.ts';

export function createNativeEngine(opts: EngineOptions): ProxyEngine {
  const agent = upstreamAgent(opts);
  return {
    forward(req: IncomingMessage, _res: ServerResponse, node: PoolNode, body: Buffer | undefined, hooks: AttemptHooks) {
      const attempt = new Attempt(hooks, opts);
      const proxyReq = request({
        host: node.hostname, port: node.port, method: req.method, path: req.url, headers: req.headers, agent,
      });
      proxyReq.once('socket', () => attempt.attach(proxyReq));
      proxyReq.on('error', (err: NodeJS.ErrnoException) => attempt.fail(err));
      proxyReq.once('response', (proxyRes: IncomingMessage) => attempt.deliver(proxyRes));
      proxyReq.end(body);
      return attempt;
    },
    close() {
      agent.destroy();
    },
  };
}
