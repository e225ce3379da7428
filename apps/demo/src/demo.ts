// The composition root of `pnpm demo`: both columns (each from its variant descriptor), the background traffic,
// the experiment runner and the dashboard server, one tick a second feeding the page. startDemo() resolves when
// everything answers; close() ends everything it started (idempotent) and is what Ctrl-C calls.
import { mkdirSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Engine } from '@stateshift/cluster';
import { Column } from './columns/column.ts';
import { opLabels } from './columns/column-ops.ts';
import { DEFAULT_COLUMNS, VARIANT_DESCRIPTORS, descriptorOf } from './columns/variant-descriptor.ts';
import { DemoError } from './errors.ts';
import { ExperimentRunner } from './experiments/experiment-runner.ts';
import { History } from './history.ts';
import { buildDashboard } from './server/build-dashboard.ts';
import type { DashboardDeps, DashboardState, DemoPids } from './server/dashboard-deps.ts';
import { BackgroundTraffic } from './traffic/background-traffic.ts';

export interface DemoOptions {
  /** Dashboard port; 0 = any free port. */
  port: number;
  /** The left and right shops' (balancers') ports; 0 = any free port. */
  statefulPort: number;
  statelessPort: number;
  nodes: number;
  traffic: boolean;
  /** Traffic rate to start with (shoppers per second). */
  rate?: number;
  redisUrl?: string;
  /** The variant of each column, left to right (ids of VARIANT_DESCRIPTORS); default stateful, stateless. */
  columns?: readonly [string, string];
  /** The balancers' proxy engine (`--engine`); default the balancer's own. */
  engine?: Engine;
  /** Where experiments write and /reports/ reads; default <repo>/reports. */
  reportsDir?: string;
  /** Another experiment command (tests); default `pnpm experiment`. */
  experimentCommand?: readonly [string, ...string[]];
  tickMs?: number;
}

export interface Demo {
  dashboardUrl: string;
  /** The left and right columns' shops (named for the default variants). */
  statefulUrl: string;
  statelessUrl: string;
  /** Every column's shop, by column id. */
  shopUrls: Record<string, string>;
  redisUrl: string | null;
  state(): DashboardState;
  pids(): DemoPids;
  close(): Promise<void>;
  /** Synchronous last resort for process 'exit': the experiment's process group (the cluster reaps the rest). */
  killNow(): void;
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PUBLIC_DIR = fileURLToPath(new URL('./public', import.meta.url));

export async function startDemo(o: DemoOptions): Promise<Demo> {
  let notify = (): void => {};
  const onChange = (): void => notify();
  const ids = o.columns ?? DEFAULT_COLUMNS;
  const descriptors = ids.map((id) => {
    const d = descriptorOf(id);
    if (!d) {
      throw new DemoError('DEMO_ERR_FLAGS',
        `no variant "${id}"; accepted: ${Object.keys(VARIANT_DESCRIPTORS).join(', ')}`);
    }
    return d;
  });
  if (new Set(ids).size !== ids.length) {
    throw new DemoError('DEMO_ERR_FLAGS', `the two columns must show different variants (got ${ids.join(', ')})`);
  }
  const ports = [o.statefulPort, o.statelessPort];
  const started = await Promise.allSettled(descriptors.map((descriptor, i) => Column.start({
    descriptor, nodes: o.nodes, port: ports[i] ?? 0, onChange,
    ...(o.redisUrl ? { redisUrl: o.redisUrl } : {}), ...(o.engine ? { engine: o.engine } : {}),
  })));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
    throw failed.reason;
  }
  const list = started.map((s) => (s as PromiseFulfilledResult<Column>).value);
  const columns = new Map(list.map((c) => [c.id, c]));
  const reportsDir = o.reportsDir ?? `${ROOT}reports`;
  mkdirSync(reportsDir, { recursive: true });
  const traffic = new BackgroundTraffic({
    urls: Object.fromEntries(list.map((c) => [c.id, c.view().balancerUrl])), on: o.traffic,
    ...(o.rate ? { rate: o.rate } : {}),
  });
  const experiments = new ExperimentRunner({
    root: ROOT, reportsDir, ...(o.experimentCommand ? { command: o.experimentCommand } : {}),
  });
  const history = new History();
  const labels = opLabels();
  const state = (): DashboardState => ({
    t: Date.now(), order: [...columns.keys()], columns: Object.fromEntries(list.map((c) => [c.id, c.view()])), labels,
    traffic: traffic.view(), experiment: experiments.status(),
  });
  const pids = (): DemoPids => ({
    demo: process.pid, columns: Object.fromEntries(list.map((c) => [c.id, c.pids()])),
    experiment: experiments.pid() ?? null,
  });
  const deps: DashboardDeps = {
    columns, traffic, experiments, state, history: () => history.all(), pids, publicDir: PUBLIC_DIR, reportsDir,
  };
  const dashboard = buildDashboard(deps);
  notify = coalesce(() => dashboard.hub.broadcast('state', { state: state() }));
  experiments.onChange(onChange);
  const timer = setInterval(() => {
    traffic.tick();
    for (const column of list) column.tick();
    const s = state();
    dashboard.hub.broadcast('tick', { state: s, point: history.push(s.t, s.columns, s.traffic) });
  }, o.tickMs ?? 1000);
  let server: Server;
  try {
    server = await listen(dashboard.handle, o.port);
  } catch (err) {
    clearInterval(timer);
    await Promise.all(list.map((c) => c.close()));
    throw err;
  }
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= (async () => {
    clearInterval(timer);
    dashboard.hub.close();
    server.closeAllConnections();
    await Promise.allSettled([
      new Promise((done) => server.close(done)), traffic.stop(), experiments.stop(), ...list.map((c) => c.close()),
    ]);
  })());
  const port = (server.address() as AddressInfo).port;
  return {
    dashboardUrl: `http://localhost:${port}`, statefulUrl: list[0]?.view().shopUrl ?? '', statelessUrl: list[1]?.view().shopUrl ?? '',
    shopUrls: Object.fromEntries(list.map((c) => [c.id, c.view().shopUrl])),
    redisUrl: list.map((c) => c.view().redisUrl).find((u) => u !== null) ?? null,
    state, pids, close, killNow: () => experiments.killNow(),
  };
}

function listen(handle: RequestListener, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handle);
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(server); });
  });
}

/** Many changes in one turn of the event loop make one broadcast. */
function coalesce(fn: () => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    setImmediate(() => { queued = false; fn(); });
  };
}
