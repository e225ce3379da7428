// The only file that imports http-proxy. It always handles errors (callback plus an `error` listener), handles
// responses itself (selfHandleResponse) and tells a failure that never reached the node from one that may have.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import httpProxy from 'http-proxy';
import type { PoolNode } from '../../pool.ts';
import { Attempt, ATTEMPT, type Tagged } from './attempt.ts';
import type { EngineOptions } from '../../exchange/attempt.ts';
import type { AttemptHooks, ProxyEngine } from '../engine.ts';
import { upstreamAgent } from './upstream-agent.ts';

export function createHttpProxyEngine(opts: EngineOptions): ProxyEngine {
  const agent = upstreamAgent(opts);
  const proxy = httpProxy.createProxyServer({ agent, selfHandleResponse: true, xfwd: false });
  const targets = new WeakMap<PoolNode, { protocol: string; host: string; hostname: string; port: number }>();

  proxy.on('error', (err, req) => (req as Tagged)[ATTEMPT]?.fail(err as NodeJS.ErrnoException));
  proxy.on('proxyReq', (proxyReq, req) => (req as Tagged)[ATTEMPT]?.attach(proxyReq));
  proxy.on('proxyRes', (proxyRes) => {
    const attempt = (proxyRes as unknown as { req?: Tagged }).req?.[ATTEMPT];
    if (attempt) attempt.deliver(proxyRes);
    else proxyRes.resume();
  });

  const targetOf = (node: PoolNode) => {
    let t = targets.get(node);
    if (!t) {
      targets.set(node, (t = { protocol: 'http:', host: node.hostname, hostname: node.hostname, port: node.port }));
    }
    return t;
  };

  return {
    forward(req: IncomingMessage, res: ServerResponse, node: PoolNode, body: Buffer | undefined, hooks: AttemptHooks) {
      const attempt = new Attempt(hooks, opts);
      (req as Tagged)[ATTEMPT] = attempt;
      const options: httpProxy.ServerOptions = { target: targetOf(node) };
      if (body) options.buffer = Readable.from([body]);
      proxy.web(req, res, options, (err) => attempt.fail(err as NodeJS.ErrnoException));
      return attempt;
    },
    close() {
      agent.destroy();
      proxy.close();
    },
  };
}
