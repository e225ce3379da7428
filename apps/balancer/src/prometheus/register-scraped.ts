// A counter or histogram that prom-client reads from the balancer's plain numbers when /metrics is scraped, so the
// hot path never calls prom-client. Its Counter can only count up and its Histogram only observe, and it has no typed
// custom-collector API (prometheus/client_js#241): this is the shape its Registry reads (name, get, reset).
import type { Metric, Registry } from 'prom-client';

export interface Sample {
  readonly labels?: Readonly<Record<string, string | number>>;
  readonly value: number;
  /** A histogram's line: `<name>_bucket`, `_sum` or `_count`. */
  readonly metricName?: string;
}

interface ScrapedMetric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  /** Called on every scrape, never between. */
  samples(): Sample[];
}

export function registerScraped(registry: Registry, spec: ScrapedMetric): void {
  const { name, help, type } = spec;
  const metric = {
    name, help, type, aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: spec.samples() }),
    reset: () => undefined, // the numbers belong to the balancer; a registry reset does not touch them
  };
  registry.registerMetric(metric as unknown as Metric);
}
