// GET /events: Server-Sent Events. `snapshot` on connect, `state` on every node state change, `traffic` every
// second with what each node did in that second, `settings` when a run-time setting changes. It only reads: the
// balancer's ticker rolls the per-second figures (pool.roll), whether or not the admin plane has clients.
import type { ServerResponse } from 'node:http';
import { nodeState, type Pool, type StateEvent } from '../pool.ts';

export class EventsHub {
  #clients = new Set<ServerResponse>();
  #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
    pool.onChange((event) => this.#state(event));
    pool.onRoll((t) => this.#traffic(t));
  }

  subscribe(res: ServerResponse, snapshot: unknown): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(frame('snapshot', snapshot));
    this.#clients.add(res);
    res.once('close', () => this.#clients.delete(res));
  }

  /** A run-time setting changed (e.g. the sticky-miss policy). */
  settings(values: Record<string, unknown>): void {
    this.#broadcast('settings', { t: Date.now(), ...values });
  }

  close(): void {
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }

  #state(event: StateEvent): void {
    this.#broadcast('state', event);
  }

  #traffic(t: number): void {
    if (this.#clients.size === 0) return;
    const nodes: Record<string, { state: string; requests: number; errors: number; inFlight: number }> = {};
    for (const n of this.#pool.all()) {
      const { lastSecondRequests: requests, lastSecondErrors: errors, inFlight } = n;
      nodes[n.id] = { state: nodeState(n), requests, errors, inFlight };
    }
    this.#broadcast('traffic', { t, nodes });
  }

  #broadcast(event: string, data: unknown): void {
    if (this.#clients.size === 0) return;
    const text = frame(event, data);
    for (const res of this.#clients) res.write(text);
  }
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
