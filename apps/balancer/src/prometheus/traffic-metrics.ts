// The lb_* metrics of the traffic path and the nodes: read from Metrics, the pool and the strategy when scraped.
import { Gauge, type Registry } from 'prom-client';
import { LATENCY_BUCKETS, STATUS_CLASSES, type Metrics } from '../metrics.ts';
import type { Pool, PoolNode } from '../pool.ts';
import type { Strategy } from '../strategies/strategy.ts';
import { registerScraped, type Sample } from './register-scraped.ts';

export function registerTrafficMetrics(registry: Registry, metrics: Metrics, pool: Pool, strategy: Strategy): void {
  const counter = (name: string, help: string, samples: () => Sample[]) =>
    registerScraped(registry, { name, help, type: 'counter', samples });
  counter('lb_requests_total', 'Responses relayed from nodes, by node and status class.', () =>
    [...metrics.byNode].flatMap(([node, row]) =>
      STATUS_CLASSES.map((c, i) => ({ labels: { node, class: c }, value: row[i] ?? 0 }))));
  counter('lb_errors_total', 'Answers made by the balancer itself, by error code.', () =>
    [...metrics.lbErrors].map(([code, value]) => ({ labels: { code }, value })));
  counter('lb_retries_total', 'Requests sent again to another node.', () => [{ value: metrics.retries }]);
  counter('lb_client_timeouts_total', 'Client connections cut by --client-timeout (answers left unread).', () =>
    [{ value: metrics.clientTimeouts }]);
  counter('lb_ejections_total', 'Passive ejections (connection refused or reset before the request was written).', () =>
    [...metrics.ejections].map(([node, value]) => ({ labels: { node }, value })));
  counter('lb_sticky_misses_total', 'Requests whose pinned node was gone, by --sticky-miss policy.', () =>
    Object.entries(metrics.stickyMisses).map(([policy, value]) => ({ labels: { policy }, value })));
  registerNodeGauges(registry, pool, strategy);
}

/** Registered after the affinity metrics, where GET /metrics has always listed it. */
export function registerLatencyHistogram(registry: Registry, metrics: Metrics): void {
  registerScraped(registry, {
    name: 'lb_request_duration_seconds',
    help: 'Time from request to the end of the answer, through the balancer.',
    type: 'histogram',
    samples: () => {
      const { buckets, count, sum } = metrics.latencyHistogram();
      const metricName = 'lb_request_duration_seconds_bucket';
      let cumulative = 0;
      const lines: Sample[] = LATENCY_BUCKETS.map((le, i) =>
        ({ metricName, labels: { le }, value: (cumulative += buckets[i] ?? 0) }));
      lines.push({ metricName, labels: { le: '+Inf' }, value: count });
      lines.push({ metricName: 'lb_request_duration_seconds_sum', value: sum });
      lines.push({ metricName: 'lb_request_duration_seconds_count', value: count });
      return lines;
    },
  });
}

function registerNodeGauges(registry: Registry, pool: Pool, strategy: Strategy): void {
  const perNode = (name: string, help: string, read: (node: PoolNode) => number | null) => new Gauge({
    name, help, labelNames: ['node'], registers: [registry],
    collect() {
      this.reset(); // a removed node's line goes with it
      for (const node of pool.all()) {
        const value = read(node);
        if (value !== null) this.set({ node: node.id }, value);
      }
    },
  });
  perNode('lb_in_flight', 'Requests in flight to each node.', (n) => n.inFlight);
  perNode('lb_node_up', '1 when the node takes new requests (up), 0 when down or draining.',
    (n) => (n.healthy && !n.draining ? 1 : 0));
  perNode('lb_sticky_sessions', 'Sessions pinned to each node (sticky strategy).', (n) => strategy.sessions(n.id));
}
