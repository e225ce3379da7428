// --client-timeout (HAProxy's `timeout client`) for every engine: a client connection with answer bytes waiting in
// its write buffer that takes none of them for the timeout is cut, so a client that never reads cannot hold memory,
// a node connection or a pipeline forever. No timer per request: one unref'd interval sweeps the connections.
import type { Socket } from 'node:net';

interface Progress {
  /** Bytes handed to the kernel when last seen; -1 while nothing waits to be written. */
  sent: number;
  /** When `sent` last changed (or bytes started to wait). */
  since: number;
}

export class ClientStalls {
  readonly #timeoutMs: number;
  readonly #sockets = new Map<Socket, Progress>();
  readonly #timer: NodeJS.Timeout;
  readonly #onCut: () => void;

  /** `onCut` runs for each client cut (counted as lb_client_timeouts_total). */
  constructor(timeoutMs: number, onCut: () => void) {
    this.#timeoutMs = timeoutMs;
    this.#onCut = onCut;
    // A quarter of the timeout (10 ms to 1 s): a stalled client is cut at most 1.25 timeouts after its last byte left.
    this.#timer = setInterval(() => this.#sweep(), Math.max(10, Math.min(1000, Math.floor(timeoutMs / 4))));
    this.#timer.unref();
  }

  /** Watches a client connection for as long as it is open. */
  track(socket: Socket): void {
    this.#sockets.set(socket, { sent: -1, since: 0 });
    socket.once('close', () => this.#sockets.delete(socket));
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#sockets.clear();
  }

  #sweep(): void {
    const now = performance.now();
    for (const [socket, p] of this.#sockets) {
      if (socket.destroyed || socket.writableLength === 0) {
        p.sent = -1;
        continue;
      }
      // bytesWritten counts what is still buffered too: the difference is what the kernel took.
      const sent = socket.bytesWritten - socket.writableLength;
      if (sent !== p.sent) {
        p.sent = sent;
        p.since = now;
      } else if (now - p.since > this.#timeoutMs) {
        socket.destroy();
        this.#onCut();
      }
    }
  }
}
