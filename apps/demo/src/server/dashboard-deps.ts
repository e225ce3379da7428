// What the dashboard server needs from the running demo. The server builds on this and never starts anything.
import type { Column, ColumnView } from '../columns/column.ts';
import type { ExperimentRunner, ExperimentStatus } from '../experiments/experiment-runner.ts';
import type { BackgroundTraffic, TrafficView } from '../traffic/background-traffic.ts';
import type { HistoryPoint } from '../history.ts';

export const COLUMN_NAMES = ['stateful', 'stateless'] as const;
export type ColumnName = (typeof COLUMN_NAMES)[number];

export interface DashboardState {
  t: number;
  columns: Record<ColumnName, ColumnView>;
  traffic: TrafficView;
  experiment: ExperimentStatus;
}

export interface DemoPids {
  demo: number;
  columns: Record<ColumnName, number[]>;
  experiment: number | null;
}

export interface DashboardDeps {
  columns: Record<ColumnName, Column>;
  traffic: BackgroundTraffic;
  experiments: ExperimentRunner;
  state(): DashboardState;
  history(): HistoryPoint[];
  pids(): DemoPids;
  publicDir: string;
  reportsDir: string;
}
