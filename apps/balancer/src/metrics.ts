// The balancer's own counters and latency histogram behind GET /metrics. Hot-path updates are plain number
// increments, never a prom-client call; prometheus/ reads these numbers only when scraped.

/** Upper bounds (seconds) of the latency histogram's buckets. */
export const LATENCY_BUCKETS: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];
/** The status classes of `byNode`'s rows, in order. */
export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

export class Metrics {
  readonly byNode = new Map<string, number[]>();
  readonly lbErrors = new Map<string, number>();
  readonly ejections = new Map<string, number>();
  readonly stickyMisses = { continue: 0, reject: 0, drop: 0 };
  retries = 0;
  /** Clients cut by --client-timeout (they took none of their answers' bytes). */
  clientTimeouts = 0;
  #buckets = new Array<number>(LATENCY_BUCKETS.length).fill(0);
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
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
      if (seconds <= (LATENCY_BUCKETS[i] as number)) {
        this.#buckets[i] = (this.#buckets[i] as number) + 1;
        break;
      }
    }
  }

  /** The latency histogram so far: per-bucket counts (each bucket alone, not cumulative), count and sum. */
  latencyHistogram(): { readonly buckets: readonly number[]; readonly count: number; readonly sum: number } {
    return { buckets: this.#buckets, count: this.#count, sum: this.#sum };
  }
}
