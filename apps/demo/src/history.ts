// The last minute of per-second figures for the charts, so that a page opened late still has its lines.
import type { ColumnView } from './columns/column.ts';
import type { TrafficView } from './traffic/background-traffic.ts';

export interface ColumnPoint {
  /** Requests per node in that second, as the balancer counted them. */
  rps: Record<string, number>;
  /** Background shoppers' requests that got a 5xx or no answer in that second. */
  errors: number;
  cartsLost: number;
}

export interface HistoryPoint {
  t: number;
  stateful: ColumnPoint;
  stateless: ColumnPoint;
}

export const HISTORY_POINTS = 60;

export class History {
  readonly #points: HistoryPoint[] = [];

  push(t: number, columns: { stateful: ColumnView; stateless: ColumnView }, traffic: TrafficView): HistoryPoint {
    const point = (c: ColumnView, name: 'stateful' | 'stateless'): ColumnPoint => ({
      rps: Object.fromEntries(c.nodes.map((n) => [n.id, n.rps])),
      errors: traffic.columns[name].lastSecond.errors,
      cartsLost: traffic.columns[name].verdicts.lost,
    });
    const p = { t, stateful: point(columns.stateful, 'stateful'), stateless: point(columns.stateless, 'stateless') };
    this.#points.push(p);
    this.#points.splice(0, Math.max(0, this.#points.length - HISTORY_POINTS));
    return p;
  }

  all(): HistoryPoint[] {
    return [...this.#points];
  }
}
