// Background traffic for every column at the same rate (shoppers started per second), switched on and off
// from the dashboard. The demo's tick calls tick(); nothing here owns a timer.
import { DemoError } from '../errors.ts';
import { ColumnTraffic, type TrafficCounters } from './column-traffic.ts';

const MAX_RATE = 20;

export interface TrafficView {
  on: boolean;
  rate: number;
  maxRate: number;
  /** Per column id. */
  columns: Record<string, TrafficCounters>;
}

export interface BackgroundTrafficOptions {
  /** Each column's balancer URL, by column id. */
  urls: Record<string, string>;
  on: boolean;
  rate?: number;
  /** Requests per shopper before its read-back (one a second). */
  steps?: number;
  timeoutMs?: number;
}

export class BackgroundTraffic {
  #on: boolean;
  #rate: number;
  readonly #columns: Map<string, ColumnTraffic>;

  constructor(o: BackgroundTrafficOptions) {
    this.#on = o.on;
    this.#rate = o.rate ?? 2;
    const common = {
      steps: o.steps ?? 8, timeoutMs: o.timeoutMs ?? 3_000, maxActive: MAX_RATE * (o.steps ?? 8), seed: 1,
    };
    // The same seed in every column: they replay the same journeys.
    this.#columns = new Map(
      Object.entries(o.urls).map(([id, baseUrl]) => [id, new ColumnTraffic({ ...common, baseUrl })]),
    );
  }

  /** `{ on?, rate? }` from the API; bad values throw DEMO_ERR_BAD_REQUEST and change nothing. */
  set(input: unknown): TrafficView {
    const body = (input ?? {}) as { on?: unknown; rate?: unknown };
    if (body.on !== undefined && typeof body.on !== 'boolean') {
      throw new DemoError('DEMO_ERR_BAD_REQUEST', '"on" must be true or false');
    }
    const rate = body.rate;
    if (rate !== undefined && (typeof rate !== 'number' || !Number.isInteger(rate) || rate < 1 || rate > MAX_RATE)) {
      throw new DemoError('DEMO_ERR_BAD_REQUEST', `"rate" must be an integer 1..${MAX_RATE} (shoppers per second)`);
    }
    if (typeof body.on === 'boolean') this.#on = body.on;
    if (typeof rate === 'number') this.#rate = rate;
    return this.view();
  }

  tick(): void {
    const n = this.#on ? this.#rate : 0;
    for (const column of this.#columns.values()) column.tick(n);
  }

  view(): TrafficView {
    return {
      on: this.#on, rate: this.#rate, maxRate: MAX_RATE,
      columns: Object.fromEntries([...this.#columns].map(([id, c]) => [id, c.counters])),
    };
  }

  /** Stops starting shoppers and waits for what is in flight (bounded by the request timeout). */
  async stop(): Promise<void> {
    this.#on = false;
    await Promise.all([...this.#columns.values()].map((c) => c.settle()));
  }
}
