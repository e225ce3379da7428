// The page's Server-Sent Events stream: a first event for the newcomer, then broadcasts to everyone.
import type { ServerResponse } from 'node:http';

export class SseHub {
  readonly #clients = new Set<ServerResponse>();

  get size(): number {
    return this.#clients.size;
  }

  subscribe(res: ServerResponse, first: { event: string; data: unknown }): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(frame(first.event, first.data));
    this.#clients.add(res);
    res.once('close', () => this.#clients.delete(res));
  }

  broadcast(event: string, data: unknown): void {
    if (this.#clients.size === 0) return;
    const text = frame(event, data);
    for (const res of this.#clients) res.write(text);
  }

  close(): void {
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
