// One attempt of a request on one node, as every engine sees it: the handle the exchange holds, the bounds it runs
// under, and the classification of its failure into "provably never reached the node" or "may have reached it".
import type { Socket } from 'node:net';

const NEVER_CONNECTED = new Set([
  'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN',
]);

export interface UpstreamFailure {
  /** False only when the request provably never reached the node (refused, connect timeout, reset unwritten). */
  readonly reached: boolean;
  readonly timeout: boolean;
  /** True when the failure came after the node's response headers (the client answer has started). */
  readonly afterResponse: boolean;
  readonly reason: string;
}

export interface AttemptHandle {
  /** Gives up on the attempt (client went away); no hook is called afterwards. */
  abort(): void;
}

/** The bounds every attempt runs under, whichever engine makes it. */
export interface EngineOptions {
  readonly upstreamTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Idle keep-alive sockets to the nodes close after this; keep it below the nodes' keep-alive timeout. */
  readonly upstreamIdleMs: number;
}

/** What an attempt knew when it failed; both the node:http attempts and the raw engine's connections keep it. */
export interface AttemptState {
  readonly connected: boolean;
  readonly connectTimedOut: boolean;
  readonly timedOut: boolean;
  readonly responded: boolean;
}

/** "Provably never reached the node" (retry anything) or "may have reached it" (retry only GET/HEAD). */
export function classifyFailure(
  state: AttemptState, code: string, written: number, opts: EngineOptions,
): UpstreamFailure {
  const afterResponse = state.responded;
  if (state.connectTimedOut) {
    return {
      reached: false, timeout: true, afterResponse, reason: `connect timeout after ${opts.connectTimeoutMs} ms`,
    };
  }
  if (!state.connected || NEVER_CONNECTED.has(code)) {
    return { reached: false, timeout: false, afterResponse, reason: `connect failed (${code})` };
  }
  if (state.timedOut) {
    return {
      reached: true, timeout: true, afterResponse, reason: `no data from the node for ${opts.upstreamTimeoutMs} ms`,
    };
  }
  if (written <= 0) {
    return {
      reached: false, timeout: false, afterResponse, reason: `reset before the request was written (${code})`,
    };
  }
  return {
    reached: true, timeout: false, afterResponse, reason: `connection failed after the request was sent (${code})`,
  };
}

/**
 * Bytes handed to the kernel on this socket. `bytesWritten` also counts bytes still queued in the stream (and
 * is undefined once destroyed), so it cannot prove that nothing left; `_bytesDispatched` can. Unknown = reached.
 */
export function dispatched(socket: Socket): number {
  const value = (socket as unknown as { _bytesDispatched?: unknown })._bytesDispatched;
  return typeof value === 'number' ? value : Number.POSITIVE_INFINITY;
}
