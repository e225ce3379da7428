// The last minute of per-second figures for the charts, so that a page opened late still has its lines.
import type { ColumnView } from './columns/column.ts';
import type { TrafficView } from './traffic/background-traffic.ts';

export interface ColumnPoint {
  /** Requests per node in that second, as the balancer counted them. */
  rps: Record<string, number>;
  /** Background shoppers' requests that got a 5xx or no answer in that second. */
  errors: number;
  /** Carts the checker judged lost so far: background shoppers' and the presenter's. */
  cartsLost: number;
}

export interface HistoryPoint {
  t: number;
  /** Per column id. */
  columns: Record<string, ColumnPoint>;
}

const HISTORY_POINTS = 60;

export class History {
  readonly #points: HistoryPoint[] = [];

  push(t: number, columns: Record<string, ColumnView>, traffic: TrafficView): HistoryPoint {
    const point = (c: ColumnView): ColumnPoint => ({
      rps: Object.fromEntries(c.nodes.map((n) => [n.id, n.rps])),
      errors: traffic.columns[c.id]?.lastSecond.errors ?? 0,
      cartsLost: (traffic.columns[c.id]?.verdicts.lost ?? 0) + c.presenter.lostCarts,
    });
    const p = { t, columns: Object.fromEntries(Object.values(columns).map((c) => [c.id, point(c)])) };
    this.#points.push(p);
    this.#points.splice(0, Math.max(0, this.#points.length - HISTORY_POINTS));
    return p;
  }

  all(): HistoryPoint[] {
    return [...this.#points];
  }
}
