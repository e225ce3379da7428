// The composition root of `pnpm demo`: both columns, the background traffic, the experiment runner and the
// dashboard server, one tick a second feeding the page. startDemo() resolves when everything answers;
// close() ends everything it started (idempotent) and is what Ctrl-C calls.
import { mkdirSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Column } from './columns/column.ts';
import { ExperimentRunner } from './experiments/experiment-runner.ts';
import { History } from './history.ts';
import { buildDashboard } from './server/build-dashboard.ts';
import type { DashboardDeps, DashboardState, DemoPids } from './server/dashboard-deps.ts';
import { BackgroundTraffic } from './traffic/background-traffic.ts';

export interface DemoOptions {
  /** Dashboard port; 0 = any free port. */
  port: number;
  /** The shops' (balancers') ports; 0 = any free port. */
  statefulPort: number;
  statelessPort: number;
  nodes: number;
  traffic: boolean;
  /** Traffic rate to start with (shoppers per second). */
  rate?: number;
  redisUrl?: string;
  /** Where experiments write and /reports/ reads; default <repo>/reports. */
  reportsDir?: string;
  /** Another experiment command (tests); default `pnpm experiment`. */
  experimentCommand?: readonly [string, ...string[]];
  tickMs?: number;
}

export interface Demo {
  dashboardUrl: string;
  statefulUrl: string;
  statelessUrl: string;
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
  const redis = o.redisUrl ? { redisUrl: o.redisUrl } : {};
  const started = await Promise.allSettled([
    Column.start({ variant: 'stateful', nodes: o.nodes, port: o.statefulPort, onChange }),
    Column.start({ variant: 'stateless', nodes: o.nodes, port: o.statelessPort, onChange, ...redis }),
  ]);
  const [sf, sl] = started;
  if (sf.status === 'rejected' || sl.status === 'rejected') {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
    throw sf.status === 'rejected' ? sf.reason : (sl as PromiseRejectedResult).reason;
  }
  const columns = { stateful: sf.value, stateless: sl.value };
  const reportsDir = o.reportsDir ?? `${ROOT}reports`;
  mkdirSync(reportsDir, { recursive: true });
  const traffic = new BackgroundTraffic({
    statefulUrl: columns.stateful.view().balancerUrl, statelessUrl: columns.stateless.view().balancerUrl, on: o.traffic, ...(o.rate ? { rate: o.rate } : {}),
  });
  const experiments = new ExperimentRunner({ root: ROOT, reportsDir, ...(o.experimentCommand ? { command: o.experimentCommand } : {}) });
  const history = new History();
  const state = (): DashboardState => ({
    t: Date.now(), columns: { stateful: columns.stateful.view(), stateless: columns.stateless.view() }, traffic: traffic.view(),
    experiment: experiments.status(),
  });
  const pids = (): DemoPids => ({
    demo: process.pid, columns: { stateful: columns.stateful.pids(), stateless: columns.stateless.pids() }, experiment: experiments.pid() ?? null,
  });
  const deps: DashboardDeps = { columns, traffic, experiments, state, history: () => history.all(), pids, publicDir: PUBLIC_DIR, reportsDir };
  const dashboard = buildDashboard(deps);
  notify = coalesce(() => dashboard.hub.broadcast('state', { state: state() }));
  experiments.onChange(onChange);
  const timer = setInterval(() => {
    traffic.tick();
    columns.stateful.tick();
    columns.stateless.tick();
    const s = state();
    dashboard.hub.broadcast('tick', { state: s, point: history.push(s.t, s.columns, s.traffic) });
  }, o.tickMs ?? 1000);
  let server: Server;
  try {
    server = await listen(dashboard.handle, o.port);
  } catch (err) {
    clearInterval(timer);
    await Promise.all([columns.stateful.close(), columns.stateless.close()]);
    throw err;
  }
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= (async () => {
    clearInterval(timer);
    dashboard.hub.close();
    server.closeAllConnections();
    await Promise.allSettled([
      new Promise((done) => server.close(done)), traffic.stop(), experiments.stop(), columns.stateful.close(), columns.stateless.close(),
    ]);
  })());
  const port = (server.address() as AddressInfo).port;
  return {
    dashboardUrl: `http://localhost:${port}`, statefulUrl: columns.stateful.view().shopUrl, statelessUrl: columns.stateless.view().shopUrl,
    redisUrl: columns.stateless.view().redisUrl, state, pids, close, killNow: () => experiments.killNow(),
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
