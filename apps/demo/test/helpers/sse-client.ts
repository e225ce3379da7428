// A small SSE reader for tests: collects the dashboard's events and waits for one that matches (no sleeps).
import { request, type ClientRequest } from 'node:http';
import { readEventStream } from '@stateshift/cluster';

export interface SseEvent { event: string; data: unknown }

export interface SseClient {
  events: SseEvent[];
  /** Resolves with the first event (already received or to come) that matches. */
  waitFor<T = unknown>(match: (e: SseEvent) => boolean, label: string): Promise<T>;
  close(): void;
}

export function openSse(url: string): Promise<SseClient> {
  const events: SseEvent[] = [];
  const waiters: { match: (e: SseEvent) => boolean; resolve: (d: unknown) => void }[] = [];
  let req: ClientRequest | undefined;
  const push = (e: SseEvent): void => {
    events.push(e);
    for (const w of [...waiters]) if (w.match(e)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(e.data); }
  };
  return new Promise((resolve, reject) => {
    req = request(url, { headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) { reject(new Error(`SSE ${url} answered ${res.statusCode}`)); return; }
      readEventStream(res, (event, data) => push({ event, data: JSON.parse(data) as unknown }));
      resolve({
        events,
        waitFor: <T>(match: (e: SseEvent) => boolean, _label: string) => new Promise<T>((done) => {
          const seen = events.find(match);
          if (seen) done(seen.data as T);
          else waiters.push({ match, resolve: (d) => done(d as T) });
        }),
        close: () => req?.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
