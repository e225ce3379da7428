// A Server-Sent Events client for the balancer's GET /events: snapshot, state and traffic events, each
// stamped with the local time it arrived. Used to wait for "node up" and to stamp node-down/node-up.
import { request, type ClientRequest } from 'node:http';
import type { BalancerNodeState, NodesSnapshot } from './admin-client.ts';
import { readEventStream } from './event-stream.ts';

export interface StateChange {
  t: number; node: string; from: BalancerNodeState | null; to: BalancerNodeState; reason?: string;
}
export interface TrafficNode { state: BalancerNodeState; requests: number; errors: number; inFlight: number }
export interface Traffic { t: number; nodes: Record<string, TrafficNode> }

export type BalancerEvent =
  | { type: 'snapshot'; receivedAt: number; data: NodesSnapshot }
  | { type: 'state'; receivedAt: number; data: StateChange }
  | { type: 'traffic'; receivedAt: number; data: Traffic };

export interface WatchOptions {
  token?: string;
  /** The stream failed or ended while not closed by us. */
  onError?: (err: Error) => void;
}

export interface BalancerWatch {
  /** Resolves once the stream is open (status 200), rejects if it cannot be opened. */
  readonly connected: Promise<void>;
  close(): void;
}

const KNOWN = new Set(['snapshot', 'state', 'traffic']);

export function watchBalancer(
  adminUrl: string, onEvent: (event: BalancerEvent) => void, options: WatchOptions = {},
): BalancerWatch {
  let closed = false;
  let req: ClientRequest | undefined;
  const connected = new Promise<void>((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    req = request(new URL('/events', adminUrl), { headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`GET /events answered ${res.statusCode}`));
        return;
      }
      resolve();
      readEventStream(res, (name, data) => dispatch(name, data, onEvent));
      res.on('error', () => { /* surfaced by the 'close' handling below */ });
      res.on('close', () => { if (!closed) options.onError?.(new Error('the balancer closed the event stream')); });
    });
    req.on('error', (err) => { reject(err); if (!closed) options.onError?.(err); });
    req.end();
  });
  connected.catch(() => { /* reported through the promise to whoever awaits it */ });
  return { connected, close: () => { closed = true; req?.destroy(); } };
}

function dispatch(name: string, data: string, onEvent: (event: BalancerEvent) => void): void {
  if (!KNOWN.has(name)) return;
  let parsed: unknown;
  try { parsed = JSON.parse(data); } catch { return; }
  onEvent({ type: name, receivedAt: Date.now(), data: parsed } as BalancerEvent);
}
