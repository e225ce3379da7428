// What GET /metrics serves: the balancer's lb_* metrics, then prom-client's default process metrics.
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Metrics } from '../metrics.ts';
import type { Pool } from '../pool.ts';
import type { Strategy } from '../strategies/strategy.ts';
import { registerAffinityMetrics } from './affinity-metrics.ts';
import { registerLatencyHistogram, registerTrafficMetrics } from './traffic-metrics.ts';

/** prom-client names these gauges with a counter's `_total` suffix, which `promtool check metrics` refuses
 *  (prometheus/client_js#283); each is the sum of its per-type gauge (nodejs_active_handles{type} …). */
const MISNAMED_DEFAULTS = [
  'nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total',
];

let processMetrics: Registry | undefined;

export function createMetricsRegistry(metrics: Metrics, pool: Pool, strategy: Strategy): Registry {
  const own = new Registry();
  registerTrafficMetrics(own, metrics, pool, strategy);
  registerAffinityMetrics(own, strategy);
  registerLatencyHistogram(own, metrics);
  return Registry.merge([own, processRegistry()]);
}

/** One per process, on a private registry (never prom-client's global one): the figures describe the process,
 *  however many balancers it runs (the tests run many), and the event-loop monitor and GC observer it starts
 *  never stop. */
function processRegistry(): Registry {
  if (processMetrics) return processMetrics;
  processMetrics = new Registry();
  collectDefaultMetrics({ register: processMetrics });
  for (const name of MISNAMED_DEFAULTS) processMetrics.removeSingleMetric(name);
  return processMetrics;
}
