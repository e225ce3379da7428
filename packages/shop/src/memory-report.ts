// Answers the cluster controller's memory request over the IPC channel of a forked node: a full garbage
// collection, then the live JS heap, so the controller can measure what a set of sessions costs without RSS's
// noise (a warm node refills heap it already holds; the allocator keeps freed pages). Only the parent can ask:
// a GC on demand reachable from the network would be a denial-of-service lever, so there is no HTTP route.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MemoryRequest { type: 'memory'; id: number }

export interface MemoryReport {
  type: 'memory';
  /** The request's id, so the parent can match answers to requests. */
  id: number;
  /** process.memoryUsage().heapUsed after a full GC: the live JS heap (sessions, carts, code). */
  heapUsedAfterGc: number;
  /** Of heapUsedAfterGc, compiled code (code spaces): it grows as the JIT warms up, not per stored object. */
  codeAfterGc: number;
  /** Resident set size at the same moment. */
  rss: number;
  /** Memory of Buffers and other objects outside the JS heap. */
  external: number;
}

let gc: (() => void) | undefined;

/** Exposes gc() in a fresh context on first use: nodes need no --expose-gc flag, and `gc` stays off globalThis. */
function fullGc(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  // Twice: the first collection's weak callbacks and finalizers free more in the second.
  gc();
  gc();
}

export function isMemoryRequest(message: unknown): message is MemoryRequest {
  const m = message as Partial<MemoryRequest> | null;
  return typeof m === 'object' && m !== null && m.type === 'memory' && typeof m.id === 'number';
}

function memoryReport(id: number): MemoryReport {
  fullGc();
  const { heapUsed, rss, external } = process.memoryUsage();
  const code = getHeapSpaceStatistics().filter((s) => s.space_name.startsWith('code_'))
    .reduce((sum, s) => sum + s.space_used_size, 0);
  return { type: 'memory', id, heapUsedAfterGc: heapUsed, codeAfterGc: code, rss, external };
}

/** Answers every memory request the parent sends over IPC; does nothing when the process was not forked. */
export function answerMemoryRequests(): void {
  if (!process.send) return;
  process.on('message', (message) => {
    if (isMemoryRequest(message)) process.send?.(memoryReport(message.id));
  });
}
