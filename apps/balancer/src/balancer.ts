// The composition root: builds pool, strategy, health checks, proxy engine, traffic and admin servers from a
// frozen config, listens, and closes gracefully. It never reads the environment (main.ts does).
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:net';
import { createAdminServer } from './admin/admin-server.ts';
import { EventsHub } from './admin/events-hub.ts';
import type { BalancerConfig } from './config/config.ts';
import { HealthChecker } from './health/health-checker.ts';
import { createLogger, type Logger } from './logger.ts';
import { Metrics } from './metrics.ts';
import { NodeControl } from './node-control.ts';
import { Pool } from './pool.ts';
import { createMetricsRegistry } from './prometheus/metrics-registry.ts';
import type { EngineOptions, ProxyEngine } from './proxy/engine.ts';
import { createForwarder, type ForwarderDeps } from './proxy/forwarder.ts';
import { createHttpProxyEngine } from './proxy/http-proxy-engine.ts';
import { createNativeEngine } from './proxy/native-engine.ts';
import { createStrategy } from './strategies/create-strategy.ts';
import { createRawTrafficServer } from './raw/raw-server.ts';
import { createTrafficServer, type TrafficServer } from './traffic-server.ts';

export interface BalancerDeps {
  readonly logger?: Logger;
  /** A node:http proxy engine factory (default: the one --engine names; it replaces `raw` too). */
  readonly engine?: (opts: EngineOptions) => ProxyEngine;
}

export interface Balancer {
  readonly port: number;
  readonly adminPort: number;
  readonly control: NodeControl;
  readonly pool: Pool;
  /** Stops accepting, lets in-flight requests finish (up to drainTimeoutMs), then closes everything. */
  close(): Promise<void>;
}

/** How often the ticker rolls the nodes' per-second figures (GET /events sends them as `traffic`). */
const TICK_MS = 1000;

export async function startBalancer(config: BalancerConfig, deps: BalancerDeps = {}): Promise<Balancer> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const pool = new Pool();
  pool.onChange((e) => logger.info({ node: e.node, from: e.from, to: e.to, reason: e.reason }, 'node state'));
  const stickyMiss = { current: config.stickyMiss };
  const strategy = createStrategy(config, pool, stickyMiss);
  const health = new HealthChecker(pool, {
    path: config.healthPath, intervalMs: config.healthIntervalMs, timeoutMs: config.healthTimeoutMs, fall: config.healthFall, rise: config.healthRise,
  });
  const control = new NodeControl(pool, health);
  for (const u of config.upstreams) control.add(u.url, u.id);
  const metrics = new Metrics();
  const affinityCookie = config.strategy === 'sticky' ? config.cookieName : undefined;
  const exchangeDeps = { pool, strategy, health, metrics, retries: config.retries, affinityCookie };
  const traffic = config.engine === 'raw' && !deps.engine
    ? createRawTrafficServer(config, exchangeDeps, (err) => logger.error({ err }, 'raw engine error'))
    : nodeHttpTraffic(config, deps, exchangeDeps);
  const hub = new EventsHub(pool);
  // The per-second figures roll here, whether or not the admin plane has anyone listening to them.
  const ticker = setInterval(() => pool.roll(), TICK_MS);
  ticker.unref();
  const registry = createMetricsRegistry(metrics, pool, strategy);
  const adminDeps = { pool, strategy, stickyMiss, control, metrics: registry, hub };
  const admin = createAdminServer(adminDeps, config.adminToken, (err) => logger.error({ err }, 'admin error'));
  await health.firstRound(); // the --upstream nodes' first checks, before the first request can need them
  const port = await listen(traffic.server, config.port, config.host);
  const adminPort = await listen(admin, config.adminPort, '127.0.0.1').catch(async (err: unknown) => {
    traffic.server.close();
    traffic.stop();
    throw err;
  });
  logger.info({ port, adminPort, strategy: config.strategy, stickyMiss: config.stickyMiss, nodes: config.upstreams.length }, 'balancer listening');
  warnDevSecret(config, logger);

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    clearInterval(ticker);
    health.stop();
    hub.close();
    admin.closeAllConnections();
    const trafficClosed = once(traffic.server, 'close');
    traffic.server.close();
    traffic.closeIdle();
    const timer = setTimeout(() => traffic.closeAll(), config.drainTimeoutMs);
    await Promise.all([trafficClosed, new Promise((r) => admin.close(r))]);
    clearTimeout(timer);
    traffic.stop();
  })());
  return { port, adminPort, control, pool, close };
}

/** The node:http traffic port with the engine --engine names (or the one injected). */
function nodeHttpTraffic(config: BalancerConfig, deps: BalancerDeps, exchangeDeps: Omit<ForwarderDeps, 'engine' | 'bodyLimit' | 'shutdown'>): TrafficServer {
  const engine = (deps.engine ?? (config.engine === 'native' ? createNativeEngine : createHttpProxyEngine))(config);
  const shutdown = { closing: false };
  const forwarder = createForwarder({ ...exchangeDeps, engine, bodyLimit: config.bodyLimit, shutdown });
  return createTrafficServer(config, forwarder, exchangeDeps.metrics, engine, shutdown);
}

/** Signed affinity under the built-in secret: anyone who reads our source can mint a cookie for any node. */
function warnDevSecret(config: BalancerConfig, logger: Logger): void {
  if (config.strategy !== 'sticky' || config.affinity !== 'signed' || config.affinitySecrets) return;
  logger.warn('!!! --affinity signed is using the BUILT-IN DEVELOPMENT SECRET: anyone can forge affinity cookies. ' +
    'Set --affinity-secret / LB_AFFINITY_SECRET (the same value on every balancer) outside a demo. !!!');
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  server.listen(port, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}
