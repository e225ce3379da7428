// Reads a text/event-stream answer (Server-Sent Events) with eventsource-parser: one call per event, with its
// name ("message" when it has none) and its data (lines joined by "\n"). The balancer's /events, the demo's.
import type { IncomingMessage } from 'node:http';
import { createParser } from 'eventsource-parser';

export function readEventStream(res: IncomingMessage, onEvent: (name: string, data: string) => void): void {
  const parser = createParser({ onEvent: (event) => onEvent(event.event ?? 'message', event.data) });
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => parser.feed(chunk));
}
