// Event-based waits for the balancer tests: a node reaching a state, an SSE stream's events. No sleeps.
import { request } from 'node:http';
import type { Balancer, NodeState, StateEvent } from '../../src/index.ts';
import { nodeState } from '../../src/pool.ts';

export function waitForState(lb: Balancer, nodeId: string, state: NodeState): Promise<StateEvent | undefined> {
  const node = lb.pool.get(nodeId);
  if (node && nodeState(node) === state) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    lb.pool.onChange((e) => {
      if (e.node === nodeId && e.to === state) resolve(e);
    });
  });
}

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Opens GET /events and collects parsed events; `next(pred)` resolves with the first (past or future) match. */
export function openEvents(adminPort: number) {
  const events: SseEvent[] = [];
  const waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  let buffer = '';
  const req = request({ host: '127.0.0.1', port: adminPort, path: '/events', agent: false }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let at: number;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as Record<string, unknown>;
        const e = { event, data };
        events.push(e);
        for (const w of [...waiters]) {
          if (!w.pred(e)) continue;
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(e);
        }
      }
    });
    res.on('error', () => undefined);
  });
  req.on('error', () => undefined);
  req.end();
  return {
    events,
    next(pred: (e: SseEvent) => boolean): Promise<SseEvent> {
      const found = events.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
    close: () => req.destroy(),
  };
}
