// One autocannon run with fixed connections and duration after a 2 s warm-up; optional one cookie per connection
// (sticky clients). Also reports the server process's CPU time per request, read from /proc.
import autocannon from 'autocannon';
import { cpuMs } from './processes.ts';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU time the proxy process spent per request, in microseconds (robust when other work shares the CPU). */
  cpuUsPerReq: number;
}

export async function load(port: number, pid: number, path: string, connections: number, duration: number, cookies?: string[]): Promise<LoadResult> {
  let next = 0;
  // Warm-up (not measured): the JIT of a fresh Node process would otherwise be billed to the first seconds.
  await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections, duration: 2 });
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections,
    duration,
    pipelining: 1,
    setupClient: cookies?.length ? (client) => client.setHeaders({ cookie: cookies[next++ % cookies.length] as string }) : undefined,
  });
  const cpu = cpuMs(pid) - cpuBefore;
  return {
    rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx,
    errors: result.errors + result.timeouts, cpuUsPerReq: (cpu * 1000) / Math.max(1, result.requests.total),
  };
}
