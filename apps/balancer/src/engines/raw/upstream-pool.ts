// The raw engine's connections to the nodes: keep-alive sockets per node (LIFO, idle ones closed after
// --upstream-idle, below the nodes' keep-alive timeout), one request at a time on each, connect and response
// timeouts from the shared clock, and every failure classified as "never reached the node" or "may have".
import { connect, type Socket } from 'node:net';
import type { PoolNode } from '../../pool.ts';
import {
  classifyFailure, dispatched, type AttemptState, type EngineOptions, type UpstreamFailure,
} from '../../exchange/attempt.ts';
import type { Clock } from './clock.ts';
import { joined } from '../../http/http-grammar.ts';
import type { ResponseHead } from './response-head.ts';
import { ResponseReader, type ResponseSink } from './response-reader.ts';

/** What one attempt hears back. */
export interface UpstreamHooks {
  onHead(head: ResponseHead): void;
  onBody(data: Buffer): void;
  onEnd(): void;
  onFailure(failure: UpstreamFailure): void;
}

/**
 * Every node connection reads into this one buffer (net's `onread`), which skips the Readable stream machinery
 * on the hot path. Whatever must outlive a read is copied: the response reader's partial heads, and the body
 * bytes the client connection writes (client-conn.ts).
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

export class UpstreamPool {
  readonly opts: EngineOptions;
  readonly clock: Clock;
  readonly #idle = new Map<PoolNode, UpstreamConn[]>();
  readonly #all = new Set<UpstreamConn>();

  constructor(opts: EngineOptions, clock: Clock) {
    this.opts = opts;
    this.clock = clock;
    clock.onTick(() => {
      for (const conn of this.#all) conn.sweep();
    });
  }

  /** Writes one request to `node` on an idle connection (or a new one); the answer goes to `hooks`. */
  send(node: PoolNode, head: string, body: Buffer | undefined, method: string, hooks: UpstreamHooks): UpstreamConn {
    const idle = this.#idle.get(node);
    let conn = idle?.pop();
    while (conn?.dead) conn = idle?.pop();
    if (!conn) {
      conn = new UpstreamConn(this, node);
      this.#all.add(conn);
    }
    conn.send(head, body, method, hooks);
    return conn;
  }

  release(conn: UpstreamConn): void {
    let idle = this.#idle.get(conn.node);
    if (!idle) this.#idle.set(conn.node, (idle = []));
    idle.push(conn);
  }

  forget(conn: UpstreamConn): void {
    this.#all.delete(conn);
    const idle = this.#idle.get(conn.node);
    const at = idle ? idle.indexOf(conn) : -1;
    if (at >= 0) idle?.splice(at, 1);
    if (idle?.length === 0) this.#idle.delete(conn.node);
  }

  close(): void {
    for (const conn of this.#all) conn.socket.destroy();
  }
}

class UpstreamConn implements ResponseSink, AttemptState {
  readonly socket: Socket;
  readonly node: PoolNode;
  readonly #pool: UpstreamPool;
  readonly #reader = new ResponseReader();
  #hooks: UpstreamHooks | undefined;
  connected = false;
  connectTimedOut = false;
  timedOut = false;
  responded = false;
  dead = false;
  #baseline = 0;
  /** Connect start, last activity while busy, or the start of idleness (clock time). */
  #since: number;
  #paused = false;

  constructor(pool: UpstreamPool, node: PoolNode) {
    this.#pool = pool;
    this.node = node;
    this.#since = pool.clock.now;
    const socket = (this.socket = connect({
      host: node.hostname, port: node.port, noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (n: number, buf: Uint8Array) => this.#data((buf as Buffer).subarray(0, n)),
      },
    }));
    socket.on('connect', () => {
      this.connected = true;
      this.#since = this.#pool.clock.now;
    });
    socket.on('end', () => {
      this.dead = true;
      if (this.#hooks && !this.#reader.eof()) this.#fail('ECONNRESET');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      this.dead = true;
      this.#fail(err.code ?? 'EIO');
    });
    socket.on('close', () => {
      this.dead = true;
      this.#pool.forget(this);
      this.#fail('ECONNRESET');
    });
  }

  send(head: string, body: Buffer | undefined, method: string, hooks: UpstreamHooks): void {
    this.#hooks = hooks;
    this.responded = false;
    this.timedOut = false;
    this.#since = this.#pool.clock.now;
    this.#reader.start(method, this);
    const socket = this.socket;
    this.#baseline = dispatched(socket);
    if (body === undefined || body.length === 0) socket.write(head, 'latin1');
    else socket.write(joined(head, body));
  }

  /** The attempt owned by `hooks` is abandoned (its client went away): the connection cannot be reused. */
  abort(hooks: UpstreamHooks): void {
    if (this.#hooks !== hooks) return;
    this.#hooks = undefined;
    this.#reader.stop();
    this.dead = true;
    this.socket.destroy();
  }

  /** Backpressure from the client: stop reading from the node (the response timeout waits meanwhile). */
  pause(hooks: UpstreamHooks): void {
    if (this.#hooks !== hooks) return;
    this.#paused = true;
    this.socket.pause();
  }

  resume(hooks: UpstreamHooks): void {
    if (this.#hooks !== hooks || !this.#paused) return;
    this.#paused = false;
    this.#since = this.#pool.clock.now;
    this.socket.resume();
  }

  sweep(): void {
    const clock = this.#pool.clock;
    const opts = this.#pool.opts;
    if (!this.#hooks) {
      if (clock.expired(this.#since, opts.upstreamIdleMs)) this.socket.destroy();
    } else if (!this.connected) {
      if (!clock.expired(this.#since, opts.connectTimeoutMs)) return;
      this.connectTimedOut = true;
      this.#fail('ETIMEDOUT');
    } else if (!this.#paused && clock.expired(this.#since, opts.upstreamTimeoutMs)) {
      this.timedOut = true;
      this.#fail('ETIMEDOUT');
    }
  }

  head(head: ResponseHead): void {
    this.responded = true;
    this.#hooks?.onHead(head);
  }

  body(data: Buffer): void {
    this.#hooks?.onBody(data);
  }

  end(reusable: boolean): void {
    const hooks = this.#hooks;
    this.#hooks = undefined;
    if (this.#paused) {
      // The answer's last bytes filled a stalled client's buffer: its exchange paused us, and its resume (on the
      // client's drain) will no longer reach a connection that went back to the pool paused, never to read again.
      this.#paused = false;
      this.socket.resume();
    }
    if (reusable && !this.dead && !this.node.removed) {
      this.#since = this.#pool.clock.now;
      this.#pool.release(this);
    } else {
      this.dead = true;
      this.socket.destroy();
    }
    hooks?.onEnd();
  }

  /** Always true: reading goes on (backpressure pauses explicitly). */
  #data(chunk: Buffer): true {
    this.#since = this.#pool.clock.now;
    if (!this.#hooks) {
      this.dead = true;
      this.socket.destroy();
      return true;
    }
    try {
      this.#reader.feed(chunk);
    } catch (err) {
      this.#fail(`EPROTO: ${(err as Error).message}`);
    }
    return true;
  }

  #fail(code: string): void {
    const hooks = this.#hooks;
    if (!hooks) return;
    this.#hooks = undefined;
    this.#reader.stop();
    this.dead = true;
    this.socket.destroy();
    const written = dispatched(this.socket) - this.#baseline;
    hooks.onFailure(classifyFailure(this, code, written, this.#pool.opts));
  }
}

export type { UpstreamConn };
