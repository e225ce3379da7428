// One attempt of a request on one node, shared by the node:http engines: connect and response timeouts, and what
// the attempt knew when it failed, for exchange/attempt.ts to classify ("never reached the node" or "may have").
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { VISIBLE } from '../../http/http-grammar.ts';
import {
  classifyFailure, dispatched, type AttemptHandle, type EngineOptions, type UpstreamFailure,
} from '../../exchange/attempt.ts';
import type { AttemptHooks } from '../engine.ts';

export const ATTEMPT = Symbol('lb.attempt');
export type Tagged = { [ATTEMPT]?: Attempt };

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
