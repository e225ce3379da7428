// The only file that imports http-proxy. It always handles errors (callback plus an `error` listener), handles
// responses itself (selfHandleResponse) and tells a failure that never reached the node from one that may have.
import { Agent, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import httpProxy from 'http-proxy';
import type { PoolNode } from '../pool.ts';
import type { AttemptHandle, AttemptHooks, EngineOptions, ProxyEngine, UpstreamFailure } from './engine.ts';

const ATTEMPT = Symbol('lb.attempt');
type Tagged = { [ATTEMPT]?: Attempt };
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN']);

class Attempt implements AttemptHandle {
  settled = false;
  connected = false;
  connectTimedOut = false;
  timedOut = false;
  responded = false;
  baseline = 0;
  proxyReq: ClientRequest | undefined;
  readonly hooks: AttemptHooks;
  readonly opts: EngineOptions;

  constructor(hooks: AttemptHooks, opts: EngineOptions) {
    this.hooks = hooks;
    this.opts = opts;
  }

  attach(proxyReq: ClientRequest): void {
    this.proxyReq = proxyReq;
    (proxyReq as Tagged)[ATTEMPT] = this;
    const socket = proxyReq.socket as Socket;
    this.baseline = dispatched(socket);
    if (socket.connecting) {
      const timer = setTimeout(() => {
        this.connectTimedOut = true;
        proxyReq.destroy();
      }, this.opts.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.connected = true;
      });
      socket.once('close', () => clearTimeout(timer));
    } else {
      this.connected = true;
    }
    proxyReq.setTimeout(this.opts.upstreamTimeoutMs, () => {
      this.timedOut = true;
      proxyReq.destroy();
    });
  }

  fail(err: NodeJS.ErrnoException): void {
    if (this.settled) return;
    this.settled = true;
    this.hooks.onFailure(this.classify(err));
  }

  abort(): void {
    this.settled = true;
    this.proxyReq?.destroy();
  }

  classify(err: NodeJS.ErrnoException): UpstreamFailure {
    const code = err.code ?? err.message;
    const afterResponse = this.responded;
    if (this.connectTimedOut) return { reached: false, timeout: true, afterResponse, reason: `connect timeout after ${this.opts.connectTimeoutMs} ms` };
    if (!this.connected || NEVER_CONNECTED.has(code)) return { reached: false, timeout: false, afterResponse, reason: `connect failed (${code})` };
    if (this.timedOut) return { reached: true, timeout: true, afterResponse, reason: `no data from the node for ${this.opts.upstreamTimeoutMs} ms` };
    const socket = this.proxyReq?.socket as Socket | undefined;
    const written = socket ? dispatched(socket) - this.baseline : 1;
    if (written <= 0) return { reached: false, timeout: false, afterResponse, reason: `reset before the request was written (${code})` };
    return { reached: true, timeout: false, afterResponse, reason: `connection failed after the request was sent (${code})` };
  }
}

/**
 * Bytes handed to the kernel on this socket. `bytesWritten` also counts bytes still queued in the stream (and
 * is undefined once destroyed), so it cannot prove that nothing left; `_bytesDispatched` can. Unknown = reached.
 */
function dispatched(socket: Socket): number {
  const value = (socket as unknown as { _bytesDispatched?: unknown })._bytesDispatched;
  return typeof value === 'number' ? value : Number.POSITIVE_INFINITY;
}

export function createHttpProxyEngine(opts: EngineOptions): ProxyEngine {
  const agent = new Agent({ keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 1024, timeout: opts.upstreamIdleMs, scheduling: 'lifo' });
  const proxy = httpProxy.createProxyServer({ agent, selfHandleResponse: true, xfwd: false });
  const targets = new WeakMap<PoolNode, { protocol: string; host: string; hostname: string; port: number }>();

  proxy.on('error', (err, req) => (req as Tagged)[ATTEMPT]?.fail(err as NodeJS.ErrnoException));
  proxy.on('proxyReq', (proxyReq, req) => (req as Tagged)[ATTEMPT]?.attach(proxyReq));
  proxy.on('proxyRes', (proxyRes) => {
    const attempt = (proxyRes as unknown as { req?: Tagged }).req?.[ATTEMPT];
    if (!attempt || attempt.settled) {
      proxyRes.resume();
      return;
    }
    attempt.responded = true;
    proxyRes.on('end', () => (attempt.settled = true));
    proxyRes.on('error', (err: NodeJS.ErrnoException) => attempt.fail(err));
    proxyRes.on('aborted', () => attempt.fail(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
    attempt.hooks.onResponse(proxyRes);
  });

  const targetOf = (node: PoolNode) => {
    let t = targets.get(node);
    if (!t) targets.set(node, (t = { protocol: 'http:', host: node.hostname, hostname: node.hostname, port: node.port }));
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
