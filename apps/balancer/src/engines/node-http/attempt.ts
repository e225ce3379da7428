// One attempt of a request on one node, shared by the node:http engines: connect and response timeouts, and the
// classification of a failure into "provably never reached the node" or "may have reached it".
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { VISIBLE } from '../../http/http-grammar.ts';
import type { AttemptHandle, AttemptHooks, EngineOptions, UpstreamFailure } from '../engine.ts';

export const ATTEMPT = Symbol('lb.attempt');
export type Tagged = { [ATTEMPT]?: Attempt };
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN']);

export class Attempt implements AttemptHandle {
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
    proxyReq.once('upgrade', onUpgrade);
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

  /**
   * The node's answer arrived: hands it on, unless it cannot be relayed as it is (a status or reason node:http's
   * writeHead would refuse), which is then a failure that reached the node but relayed nothing.
   */
  deliver(proxyRes: IncomingMessage): void {
    if (this.settled) return void proxyRes.resume();
    const status = proxyRes.statusCode ?? 0;
    if (status < 100 || status > 599 || !VISIBLE.test(proxyRes.statusMessage ?? '')) {
      proxyRes.destroy();
      return this.malformed(`malformed status line from the node (${status})`);
    }
    this.responded = true;
    proxyRes.once('end', () => (this.settled = true));
    proxyRes.on('error', (err: NodeJS.ErrnoException) => this.fail(err));
    proxyRes.once('close', () => {
      if (!proxyRes.complete) this.fail(Object.assign(new Error('response cut short'), { code: 'ECONNRESET' }));
    });
    this.hooks.onResponse(proxyRes);
  }

  malformed(reason: string): void {
    if (this.settled) return;
    this.settled = true;
    this.proxyReq?.destroy();
    this.hooks.onFailure({ reached: true, timeout: false, afterResponse: false, reason });
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
    const socket = this.proxyReq?.socket as Socket | undefined;
    return classifyFailure(this, err.code ?? err.message, socket ? dispatched(socket) - this.baseline : 1, this.opts);
  }
}

/** The balancer never asks for an upgrade; without a listener node:http drops the socket and the client hangs. */
function onUpgrade(this: ClientRequest & Tagged, _res: IncomingMessage, socket: Socket): void {
  socket.destroy();
  this[ATTEMPT]?.malformed('the node switched protocols, which the balancer never asked for');
}

/** What an attempt knew when it failed; both the node:http attempts and the raw engine's connections keep it. */
export interface AttemptState {
  readonly connected: boolean;
  readonly connectTimedOut: boolean;
  readonly timedOut: boolean;
  readonly responded: boolean;
}

/** "Provably never reached the node" (retry anything) or "may have reached it" (retry only GET/HEAD). */
export function classifyFailure(state: AttemptState, code: string, written: number, opts: EngineOptions): UpstreamFailure {
  const afterResponse = state.responded;
  if (state.connectTimedOut) return { reached: false, timeout: true, afterResponse, reason: `connect timeout after ${opts.connectTimeoutMs} ms` };
  if (!state.connected || NEVER_CONNECTED.has(code)) return { reached: false, timeout: false, afterResponse, reason: `connect failed (${code})` };
  if (state.timedOut) return { reached: true, timeout: true, afterResponse, reason: `no data from the node for ${opts.upstreamTimeoutMs} ms` };
  if (written <= 0) return { reached: false, timeout: false, afterResponse, reason: `reset before the request was written (${code})` };
  return { reached: true, timeout: false, afterResponse, reason: `connection failed after the request was sent (${code})` };
}

/**
 * Bytes handed to the kernel on this socket. `bytesWritten` also counts bytes still queued in the stream (and
 * is undefined once destroyed), so it cannot prove that nothing left; `_bytesDispatched` can. Unknown = reached.
 */
export function dispatched(socket: Socket): number {
  const value = (socket as unknown as { _bytesDispatched?: unknown })._bytesDispatched;
  return typeof value === 'number' ? value : Number.POSITIVE_INFINITY;
}
