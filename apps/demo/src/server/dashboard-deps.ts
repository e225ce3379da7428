// What the dashboard server needs from the running demo. The server builds on this and never starts anything.
import type { Column, ColumnView } from '../columns/column.ts';
import type { opLabels } from '../columns/column-ops.ts';
import type { ExperimentRunner, ExperimentStatus } from '../experiments/experiment-runner.ts';
import type { BackgroundTraffic, TrafficView } from '../traffic/background-traffic.ts';
import type { HistoryPoint } from '../history.ts';

/** A column's id: its variant descriptor's (`stateful`, `stateless`, …). */
export type ColumnName = string;

export interface DashboardState {
  t: number;
  /** Column ids, left to right. */
  order: ColumnName[];
  columns: Record<ColumnName, ColumnView>;
  /** Labels of every button and status item a descriptor may name. */
  labels: ReturnType<typeof opLabels>;
  traffic: TrafficView;
  experiment: ExperimentStatus;
}

export interface DemoPids {
  demo: number;
  columns: Record<ColumnName, number[]>;
  experiment: number | null;
}

export interface DashboardDeps {
  /** Left to right. */
  columns: Map<ColumnName, Column>;
  traffic: BackgroundTraffic;
  experiments: ExperimentRunner;
  state(): DashboardState;
  history(): HistoryPoint[];
  pids(): DemoPids;
  publicDir: string;
  reportsDir: string;
}
