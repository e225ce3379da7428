// Public surface of @stateshift/demo: start the whole demo in-process, or build the dashboard server alone.
export { startDemo, type Demo, type DemoOptions } from './demo.ts';
export { loadDemoConfig, DEMO_USAGE, type DemoConfig } from './config/demo-config.ts';
export { buildDashboard, type Dashboard } from './server/build-dashboard.ts';
export type { DashboardDeps, DashboardState, DemoPids, ColumnName } from './server/dashboard-deps.ts';
export type { ColumnView } from './columns/column.ts';
export type { NodeCard, CardState } from './columns/node-card.ts';
export type { TrafficView } from './traffic/background-traffic.ts';
export type { TrafficCounters } from './traffic/column-traffic.ts';
export type { ExperimentStatus, ExperimentInfo } from './experiments/experiment-runner.ts';
export type { HistoryPoint, ColumnPoint } from './history.ts';
export { DemoError, DEMO_ERRORS, DEMO_ERROR_CODES, type DemoErrorCode } from './errors.ts';
export { VARIANT_DESCRIPTORS, DEFAULT_COLUMNS, type VariantDescriptor } from './columns/variant-descriptor.ts';
export {
  NODE_OPS, COLUMN_OPS, STATUS, type NodeAction, type ColumnAction, type StatusKey,
} from './columns/column-ops.ts';
export type { PresenterView } from './traffic/presenter-cart.ts';
