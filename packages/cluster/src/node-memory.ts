// Asks a forked shop node for its memory over the IPC channel (packages/shop/src/memory-report.ts): it runs a
// full GC and answers with its live heap. Never over HTTP. null when the node is gone, frozen or does not answer.
import type { MemoryReport } from '@stateshift/shop';

export type NodeMemory = Omit<MemoryReport, 'type' | 'id'>;

/** What of a ChildProcess the request needs (its IPC channel). */
export interface IpcChannel {
  readonly connected: boolean;
  send(message: unknown, callback: (error: Error | null) => void): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

export const NODE_MEMORY_TIMEOUT_MS = 5_000;
let nextId = 0;

export function requestNodeMemory(channel: IpcChannel, timeoutMs = NODE_MEMORY_TIMEOUT_MS)
  : Promise<NodeMemory | null> {
  if (!channel.connected) return Promise.resolve(null);
  const id = ++nextId;
  return new Promise((resolve) => {
    const done = (memory: NodeMemory | null) => {
      clearTimeout(timer);
      channel.off('message', onMessage);
      resolve(memory);
    };
    const onMessage = (message: unknown) => {
      const m = message as Partial<MemoryReport> | null;
      if (m?.type !== 'memory' || m.id !== id) return;
      const { heapUsedAfterGc: heap, codeAfterGc: code, rss, external } = m;
      const numbers = [heap, code, rss, external].every((n) => typeof n === 'number');
      done(numbers ? { heapUsedAfterGc: heap, codeAfterGc: code, rss, external } as NodeMemory : null);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    channel.on('message', onMessage);
    try {
      channel.send({ type: 'memory', id }, (error) => { if (error) done(null); });
    } catch {
      done(null);
    }
  });
}
