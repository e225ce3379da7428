// Counters and the latency histogram behind GET /metrics, rendered in the Prometheus text format.
// Hot-path updates are plain integer increments; rendering happens only when scraped.
import type { Pool } from './pool.ts';
import { renderAffinity } from './strategies/affinity-metrics.ts';
import type { Strategy } from './strategies/strategy.ts';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

export class Metrics {
  readonly byNode = new Map<string, number[]>();
  readonly lbErrors = new Map<string, number>();
  readonly ejections = new Map<string, number>();
  readonly stickyMisses = { continue: 0, reject: 0, drop: 0 };
  retries = 0;
  /** Clients cut by --client-timeout (they took none of their answers' bytes). */
  clientTimeouts = 0;
  #buckets = new Array<number>(BUCKETS.length).fill(0);
  #count = 0;
  #sum = 0;

  response(nodeId: string, status: number): void {
    let row = this.byNode.get(nodeId);
    if (!row) this.byNode.set(nodeId, (row = [0, 0, 0, 0, 0]));
    const i = Math.min(4, Math.max(0, Math.floor(status / 100) - 1));
    row[i] = (row[i] ?? 0) + 1;
  }

  lbError(code: string): void {
    this.lbErrors.set(code, (this.lbErrors.get(code) ?? 0) + 1);
  }

  ejected(nodeId: string): void {
    this.ejections.set(nodeId, (this.ejections.get(nodeId) ?? 0) + 1);
  }

  latency(seconds: number): void {
    this.#count++;
    this.#sum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) {
      if (seconds <= (BUCKETS[i] as number)) {
        this.#buckets[i] = (this.#buckets[i] as number) + 1;
        break;
      }
    }
  }

  render(pool: Pool, strategy: Strategy): string {
    const lines: string[] = [];
    const help = (name: string, type: string, text: string) => lines.push(`# HELP ${name} ${text}`, `# TYPE ${name} ${type}`);
    help('lb_requests_total', 'counter', 'Responses relayed from nodes, by node and status class.');
    for (const [node, row] of this.byNode) CLASSES.forEach((c, i) => lines.push(`lb_requests_total{node="${node}",class="${c}"} ${row[i] ?? 0}`));
    help('lb_errors_total', 'counter', 'Answers made by the balancer itself, by error code.');
    for (const [code, n] of this.lbErrors) lines.push(`lb_errors_total{code="${code}"} ${n}`);
    help('lb_retries_total', 'counter', 'Requests sent again to another node.');
    lines.push(`lb_retries_total ${this.retries}`);
    help('lb_client_timeouts_total', 'counter', 'Client connections cut by --client-timeout (answers left unread).');
    lines.push(`lb_client_timeouts_total ${this.clientTimeouts}`);
    help('lb_ejections_total', 'counter', 'Passive ejections (connection refused or reset before the request was written).');
    for (const [node, n] of this.ejections) lines.push(`lb_ejections_total{node="${node}"} ${n}`);
    help('lb_sticky_misses_total', 'counter', 'Requests whose pinned node was gone, by --sticky-miss policy.');
    for (const [policy, n] of Object.entries(this.stickyMisses)) lines.push(`lb_sticky_misses_total{policy="${policy}"} ${n}`);
    help('lb_in_flight', 'gauge', 'Requests in flight to each node.');
    help('lb_node_up', 'gauge', '1 when the node takes new requests (up), 0 when down or draining.');
    help('lb_sticky_sessions', 'gauge', 'Sessions pinned to each node (sticky strategy).');
    for (const n of pool.all()) {
      lines.push(`lb_in_flight{node="${n.id}"} ${n.inFlight}`);
      lines.push(`lb_node_up{node="${n.id}"} ${n.healthy && !n.draining ? 1 : 0}`);
      const sessions = strategy.sessions(n.id);
      if (sessions !== null) lines.push(`lb_sticky_sessions{node="${n.id}"} ${sessions}`);
    }
    renderAffinity(lines, help, strategy);
    this.#renderHistogram(lines, help);
    return lines.join('\n') + '\n';
  }

  #renderHistogram(lines: string[], help: (name: string, type: string, text: string) => void): void {
    help('lb_request_duration_seconds', 'histogram', 'Time from request to the end of the answer, through the balancer.');
    let cumulative = 0;
    BUCKETS.forEach((le, i) => {
      cumulative += this.#buckets[i] ?? 0;
      lines.push(`lb_request_duration_seconds_bucket{le="${le}"} ${cumulative}`);
    });
    lines.push(`lb_request_duration_seconds_bucket{le="+Inf"} ${this.#count}`);
    lines.push(`lb_request_duration_seconds_sum ${this.#sum}`, `lb_request_duration_seconds_count ${this.#count}`);
  }
}
