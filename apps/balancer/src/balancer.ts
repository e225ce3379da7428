// The composition root. buildBalancer wires pool, strategy, health checks, proxy engine, metrics, traffic and admin
// servers from a frozen config and returns them not listening (no socket, no check sent); listen() starts them,
// close() ends them gracefully. It never reads the environment (main.ts does).
import { once } from 'node:events';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { createAdminServer } from './admin/admin-server.ts';
import { EventsHub } from './admin/events-hub.ts';
import type { BalancerConfig } from './config/config.ts';
import { HealthChecker } from './health/health-checker.ts';
import { createLogger, type Logger } from './logger.ts';
import { Metrics } from './metrics.ts';
import { NodeControl } from './node-control.ts';
import { Pool } from './pool.ts';
import type { EngineOptions } from './exchange/attempt.ts';
import type { ProxyEngine, TrafficServer } from './engines/engine.ts';
import { createForwarder, type ForwarderDeps } from './engines/node-http/forwarder.ts';
import { createHttpProxyEngine } from './engines/node-http/http-proxy-engine.ts';
import { createNativeEngine } from './engines/node-http/native-engine.ts';
import { createMetricsRegistry } from './prometheus/metrics-registry.ts';
import { createStrategy } from './strategies/create-strategy.ts';
import { createRawTrafficServer } from './engines/raw/raw-server.ts';
import { createTrafficServer } from './engines/node-http/traffic-server.ts';

export interface BalancerDeps {
  readonly logger?: Logger;
  /** A node:http proxy engine factory (default: the one --engine names; it replaces `raw` too). */
  readonly engine?: (opts: EngineOptions) => ProxyEngine;
}

export interface BalancerPorts {
  readonly port: number;
  readonly adminPort: number;
}

export interface Balancer {
  /** The bound traffic port, once listen() has resolved (reading it earlier throws). */
  readonly port: number;
  /** The bound admin port, once listen() has resolved (reading it earlier throws). */
  readonly adminPort: number;
  readonly control: NodeControl;
  readonly pool: Pool;
  /** Starts the health checks and the per-second ticker, opens the traffic port once the first round of checks has
   *  ended, then the admin plane. Resolves with the bound ports; a second call returns the same promise. */
  listen(): Promise<BalancerPorts>;
  /** Stops accepting, lets in-flight requests finish (up to drainTimeoutMs), then closes everything. */
  close(): Promise<void>;
}

/** How often the ticker rolls the nodes' per-second figures (GET /events sends them as `traffic`). */
const TICK_MS = 1000;

interface Parts {
  readonly config: BalancerConfig;
  readonly logger: Logger;
  readonly pool: Pool;
  readonly health: HealthChecker;
  readonly traffic: TrafficServer;
  readonly admin: HttpServer;
  readonly hub: EventsHub;
}

export function buildBalancer(config: BalancerConfig, deps: BalancerDeps = {}): Balancer {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const pool = new Pool();
  pool.onChange((e) => logger.info({ node: e.node, from: e.from, to: e.to, reason: e.reason }, 'node state'));
  const stickyMiss = { current: config.stickyMiss };
  const strategy = createStrategy(config, pool, stickyMiss);
  const health = new HealthChecker(pool, {
    path: config.healthPath, intervalMs: config.healthIntervalMs, timeoutMs: config.healthTimeoutMs,
    fall: config.healthFall, rise: config.healthRise,
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
  const registry = createMetricsRegistry(metrics, pool, strategy);
  const adminDeps = { pool, strategy, stickyMiss, control, metrics: registry, hub };
  const admin = createAdminServer(adminDeps, config.adminToken, (err) => logger.error({ err }, 'admin error'));
  return new BuiltBalancer({ config, logger, pool, health, traffic, admin, hub }, control);
}

/** buildBalancer, then listen(): resolves once both ports are open. */
export async function startBalancer(config: BalancerConfig, deps: BalancerDeps = {}): Promise<Balancer> {
  const balancer = buildBalancer(config, deps);
  await balancer.listen();
  return balancer;
}

class BuiltBalancer implements Balancer {
  readonly control: NodeControl;
  readonly pool: Pool;
  readonly #parts: Parts;
  #ports: BalancerPorts | undefined;
  #listening: Promise<BalancerPorts> | undefined;
  #closing: Promise<void> | undefined;
  #ticker: NodeJS.Timeout | undefined;

  constructor(parts: Parts, control: NodeControl) {
    this.#parts = parts;
    this.pool = parts.pool;
    this.control = control;
  }

  get port(): number {
    return this.#bound().port;
  }

  get adminPort(): number {
    return this.#bound().adminPort;
  }

  listen(): Promise<BalancerPorts> {
    return (this.#listening ??= this.#listen());
  }

  close(): Promise<void> {
    return (this.#closing ??= this.#close());
  }

  async #listen(): Promise<BalancerPorts> {
    const { config, logger, pool, health, traffic, admin } = this.#parts;
    health.start();
    // The per-second figures roll here, whether or not the admin plane has anyone listening to them.
    this.#ticker = setInterval(() => pool.roll(), TICK_MS);
    this.#ticker.unref();
    await health.firstRound(); // the --upstream nodes' first checks, before the first request can need them
    if (this.#closing) throw new Error('the balancer was closed before it listened');
    const port = await listenOn(traffic.server, config.port, config.host);
    const adminPort = await listenOn(admin, config.adminPort, '127.0.0.1').catch(async (err: unknown) => {
      traffic.server.close();
      traffic.stop();
      throw err;
    });
    this.#ports = { port, adminPort };
    const { strategy, stickyMiss, upstreams } = config;
    logger.info({ port, adminPort, strategy, stickyMiss, nodes: upstreams.length }, 'balancer listening');
    warnDevSecret(config, logger);
    return this.#ports;
  }

  async #close(): Promise<void> {
    const { config, health, traffic, admin, hub } = this.#parts;
    clearInterval(this.#ticker);
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
  }

  #bound(): BalancerPorts {
    if (!this.#ports) throw new Error('the balancer is not listening yet: await balancer.listen() first');
    return this.#ports;
  }
}

/** The node:http traffic port with the engine --engine names (or the one injected). */
function nodeHttpTraffic(
  config: BalancerConfig, deps: BalancerDeps, exchangeDeps: Omit<ForwarderDeps, 'engine' | 'bodyLimit' | 'shutdown'>,
): TrafficServer {
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

async function listenOn(server: Server, port: number, host: string): Promise<number> {
  server.listen(port, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}
