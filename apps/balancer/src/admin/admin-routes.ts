// The admin API's routes. GET never changes anything; mutations are POST or DELETE.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { StickyMiss } from '../config/config.ts';
import { STICKY_MISS_VALUES } from '../config/values.ts';
import { LbError } from '../errors.ts';
import type { NodeControl } from '../node-control.ts';
import type { Pool } from '../pool.ts';
import type { MissPolicy } from '../strategies/miss-policy.ts';
import type { Strategy } from '../strategies/strategy.ts';
import type { EventsHub } from './events-hub.ts';
import { nodeView, poolView } from './node-view.ts';

export interface AdminDeps {
  readonly pool: Pool;
  readonly strategy: Strategy;
  readonly stickyMiss: MissPolicy;
  readonly control: NodeControl;
  /** What GET /metrics serves (prometheus/metrics-registry.ts). */
  readonly metrics: Registry;
  readonly hub: EventsHub;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: RegExp;
  handle(deps: AdminDeps, params: string[], req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

export const ROUTES: readonly Route[] = [
  {
    method: 'GET', path: /^\/nodes$/,
    handle: (d, _p, _q, res) => json(res, 200, poolView(d.pool, d.strategy, d.stickyMiss.current)),
  },
  {
    method: 'POST', path: /^\/nodes$/, handle: async (d, _p, req, res) => {
      const body = await readJson(req);
      json(res, 201, nodeView(d.control.add(body.url, body.id), d.strategy));
    },
  },
  {
    method: 'DELETE', path: /^\/nodes\/([^/]+)$/,
    handle: (d, [id], _q, res) => json(res, 200, nodeView(d.control.remove(id as string), d.strategy)),
  },
  {
    method: 'POST', path: /^\/nodes\/([^/]+)\/drain$/,
    handle: (d, [id], _q, res) => json(res, 200, nodeView(d.control.drain(id as string, true), d.strategy)),
  },
  {
    method: 'POST', path: /^\/nodes\/([^/]+)\/undrain$/,
    handle: (d, [id], _q, res) => json(res, 200, nodeView(d.control.drain(id as string, false), d.strategy)),
  },
  {
    method: 'POST', path: /^\/sticky-miss$/, handle: async (d, _p, req, res) => {
      const policy = (await readJson(req)).policy;
      if (!STICKY_MISS_VALUES.includes(policy as StickyMiss)) {
        throw new LbError(
          'LB_ERR_ADMIN_BAD_REQUEST', `policy must be one of ${STICKY_MISS_VALUES.join('|')}; body {"policy":"reject"}`,
        );
      }
      d.stickyMiss.current = policy as StickyMiss;
      d.hub.settings({ stickyMiss: d.stickyMiss.current });
      json(res, 200, { stickyMiss: d.stickyMiss.current });
    },
  },
  {
    method: 'GET', path: /^\/metrics$/, handle: async (d, _p, _q, res) => {
      const text = await d.metrics.metrics();
      res.writeHead(200, { 'content-type': d.metrics.contentType, 'cache-control': 'no-store' });
      res.end(text);
    },
  },
  {
    method: 'GET', path: /^\/events$/,
    handle: (d, _p, _q, res) => d.hub.subscribe(res, poolView(d.pool, d.strategy, d.stickyMiss.current)),
  },
];

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

const MAX_ADMIN_BODY = 64 * 1024;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_ADMIN_BODY) throw new LbError('LB_ERR_ADMIN_BAD_REQUEST', `body over ${MAX_ADMIN_BODY} bytes`);
    chunks.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new LbError('LB_ERR_ADMIN_BAD_REQUEST', 'body must be JSON like {"url":"http://127.0.0.1:3001","id":"stateful-1"}');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LbError('LB_ERR_ADMIN_BAD_REQUEST', 'body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
