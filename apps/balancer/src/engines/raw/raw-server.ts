// The traffic port of `--engine raw`: a net.Server whose connections speak HTTP/1.1 through our own strict parser
// and upstream pool instead of node:http (which costs most of a proxy's CPU). Same contract as the node:http
// traffic server: the same codes, timeouts, limits and hygiene, checked by the same tests.
import { createServer } from 'node:net';
import type { BalancerConfig } from '../../config/config.ts';
import { ClientStalls } from '../../exchange/client-stalls.ts';
import type { TrafficServer } from '../engine.ts';
import { ClientConn, type ClientDeps } from './client-conn.ts';
import { Clock } from './clock.ts';
import type { RawExchangeDeps } from './raw-exchange.ts';
import { UpstreamPool } from './upstream-pool.ts';

export function createRawTrafficServer(
  config: BalancerConfig,
  deps: Omit<RawExchangeDeps, 'upstreams'>,
  onInternalError: (err: unknown) => void,
): TrafficServer {
  const clock = new Clock(Math.min(config.headersTimeoutMs, config.requestTimeoutMs, config.keepAliveTimeoutMs,
    config.upstreamTimeoutMs, config.connectTimeoutMs, config.upstreamIdleMs));
  const upstreams = new UpstreamPool(config, clock);
  const clientDeps: ClientDeps = {
    ...deps, upstreams, clock, onInternalError, bodyLimit: config.bodyLimit,
    headersTimeoutMs: config.headersTimeoutMs, requestTimeoutMs: config.requestTimeoutMs,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs,
  };
  const stalls = new ClientStalls(config.clientTimeoutMs, () => deps.metrics.clientTimeouts++);
  const conns = new Set<ClientConn>();
  let shuttingDown = false;
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    const conn = new ClientConn(socket, clientDeps);
    conns.add(conn);
    stalls.track(socket);
    socket.once('close', () => conns.delete(conn));
    if (shuttingDown) conn.shutdown();
  });
  clock.onTick(() => {
    for (const conn of conns) conn.sweep();
  });
  return {
    server,
    closeIdle() {
      shuttingDown = true;
      for (const conn of conns) conn.shutdown();
    },
    closeAll() {
      for (const conn of conns) conn.destroy();
    },
    stop() {
      clock.stop();
      stalls.stop();
      upstreams.close();
    },
  };
}
