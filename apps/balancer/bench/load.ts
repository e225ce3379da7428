// One autocannon run with fixed connections and duration; optional one cookie per connection (sticky clients).
// Also reports the server process's CPU time for the run, read from /proc.
import autocannon from 'autocannon';
import { cpuMs } from './processes.ts';

export interface LoadResult {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU time the server process (proxy or node) spent during the run, in milliseconds. */
  cpuMs: number;
}

export interface Target {
  readonly port: number;
  readonly pid: number;
  /** One Cookie header per connection, as sticky browsers would hold them. */
  readonly cookies?: readonly string[];
}

export async function measure(target: Target, path: string, connections: number, seconds: number): Promise<LoadResult> {
  let next = 0;
  const cookies = target.cookies;
  const before = cpuMs(target.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}${path}`,
    connections,
    duration: seconds,
    pipelining: 1,
    setupClient: cookies?.length
      ? (client) => client.setHeaders({ cookie: cookies[next++ % cookies.length] as string })
      : undefined,
  });
  return {
    requests: result.requests.total, seconds, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx,
    errors: result.errors + result.timeouts, cpuMs: cpuMs(target.pid) - before,
  };
}
