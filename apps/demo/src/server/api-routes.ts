// The dashboard's JSON API. GET reads; every change is a POST with a JSON body. Handlers throw DemoError and
// the server answers it; a bad input changes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { COLUMN_ACTIONS, NODE_ACTIONS, type Column, type ColumnAction, type NodeAction } from '../columns/column.ts';
import { DemoError } from '../errors.ts';
import type { DashboardDeps } from './dashboard-deps.ts';
import { readJson, sendJson } from './http-json.ts';

export interface ApiRoute {
  method: 'GET' | 'POST';
  path: RegExp;
  handle(deps: DashboardDeps, params: string[], req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: /^\/api\/state$/, handle: (d, _p, _q, res) => sendJson(res, 200, d.state()) },
  { method: 'GET', path: /^\/api\/pids$/, handle: (d, _p, _q, res) => sendJson(res, 200, d.pids()) },
  {
    method: 'GET', path: /^\/api\/experiments$/,
    handle: (d, _p, _q, res) => sendJson(res, 200, {
      experiments: d.experiments.list(), status: d.experiments.status(),
    }),
  },
  {
    method: 'GET', path: /^\/api\/experiments\/status$/,
    handle: (d, _p, _q, res) => sendJson(res, 200, d.experiments.status()),
  },
  {
    method: 'POST', path: /^\/api\/experiments\/run$/,
    handle: async (d, _p, req, res) => sendJson(res, 202, d.experiments.run(await readJson(req))),
  },
  {
    method: 'POST', path: /^\/api\/experiments\/stop$/,
    handle: async (d, _p, req, res) => {
      await readJson(req); await d.experiments.stop(); sendJson(res, 200, d.experiments.status());
    },
  },
  {
    method: 'POST', path: /^\/api\/traffic$/,
    handle: async (d, _p, req, res) => sendJson(res, 200, d.traffic.set(await readJson(req))),
  },
  {
    method: 'POST', path: /^\/api\/columns\/([^/]+)\/nodes\/([^/]+)\/([^/]+)$/,
    handle: async (d, [name, id, action], req, res) => {
      const column = columnOf(d, name);
      await readJson(req);
      if (!NODE_ACTIONS.includes(action as NodeAction)) {
        throw new DemoError('DEMO_ERR_NOT_FOUND', `no node action "${action}"; accepted: ${NODE_ACTIONS.join(', ')}`);
      }
      sendJson(res, 200, {
        event: await column.nodeAction(decodeURIComponent(id ?? ''), action as NodeAction), column: column.view(),
      });
    },
  },
  {
    // The presenter's own cart: `add { productId }` goes through the dashboard so it is tracked; `new` starts over.
    method: 'POST', path: /^\/api\/columns\/([^/]+)\/presenter\/([^/]+)$/,
    handle: async (d, [name, action], req, res) => {
      const column = columnOf(d, name);
      if (action !== 'add' && action !== 'new') {
        throw new DemoError('DEMO_ERR_NOT_FOUND', `no presenter action "${action}"; accepted: add, new`);
      }
      sendJson(res, 200, { presenter: await column.presenterAction(action, await readJson(req)) });
    },
  },
  {
    method: 'POST', path: /^\/api\/columns\/([^/]+)\/sticky-miss$/,
    handle: async (d, [name], req, res) => sendJson(res, 200, {
      column: await columnOf(d, name).setStickyMiss(await readJson(req)),
    }),
  },
  {
    method: 'POST', path: /^\/api\/columns\/([^/]+)\/([^/]+)$/,
    handle: async (d, [name, action], req, res) => {
      const column = columnOf(d, name);
      await readJson(req);
      if (!COLUMN_ACTIONS.includes(action as ColumnAction)) {
        throw new DemoError('DEMO_ERR_NOT_FOUND',
          `no column action "${action}"; accepted: ${COLUMN_ACTIONS.join(', ')}, sticky-miss`);
      }
      sendJson(res, 200, { event: await column.columnAction(action as ColumnAction), column: column.view() });
    },
  },
];

function columnOf(d: DashboardDeps, name: string | undefined): Column {
  const column = d.columns.get(name ?? '');
  if (!column) {
    throw new DemoError('DEMO_ERR_UNKNOWN_COLUMN',
      `no column "${name}"; accepted: ${[...d.columns.keys()].join(', ')}`);
  }
  return column;
}
