// What a column's buttons do and what its status items say, by name: a descriptor lists names from here.
// A new button is one entry in NODE_OPS or COLUMN_OPS (calling the cluster's public API), with its label;
// a new status item is one entry in STATUS. The page knows nothing of a button but its name and label.
import type { Cluster, ClusterEvent } from '@stateshift/cluster';

export const NODE_OPS = {
  kill: { label: 'Kill', run: (c: Cluster, id: string) => c.kill(id) },
  freeze: { label: 'Freeze', run: (c: Cluster, id: string) => c.freeze(id) },
  thaw: { label: 'Thaw', run: (c: Cluster, id: string) => c.thaw(id) },
  drain: { label: 'Drain', run: (c: Cluster, id: string) => c.drain(id) },
  undrain: { label: 'Undrain', run: (c: Cluster, id: string) => c.undrain(id) },
} as const satisfies Record<string, { label: string; run: (c: Cluster, id: string) => Promise<ClusterEvent> }>;

/** Column-level operations; `enabledWhen` names the status that must hold (the page greys the button out). */
export const COLUMN_OPS = {
  add: { label: '+ Add node', run: (c: Cluster) => c.add() },
  'redis-stop': { label: 'Stop Redis', run: (c: Cluster) => c.stopRedis(), enabledWhen: { redis: 'up' } },
  'redis-start': { label: 'Start Redis', run: (c: Cluster) => c.startRedis(), enabledWhen: { redis: 'down' } },
  // Others plug in here, e.g. 'restart-balancer', 'redis-kill-primary', 'redis-freeze-primary'.
} as const satisfies Record<string, { label: string; run: (c: Cluster) => Promise<ClusterEvent>; enabledWhen?: Record<string, string> }>;

export type NodeAction = keyof typeof NODE_OPS;
export type ColumnAction = keyof typeof COLUMN_OPS;
export const NODE_ACTIONS = Object.keys(NODE_OPS) as NodeAction[];
export const COLUMN_ACTIONS = Object.keys(COLUMN_OPS) as ColumnAction[];

/** Status items: a label and a value read from the column (`redis` → "Redis: up"). */
export const STATUS = {
  redis: { label: 'Redis' },
  // e.g. primary: { label: 'primary' } for Redis HA, balancer: { label: 'balancer' } for a restartable one.
} as const;
export type StatusKey = keyof typeof STATUS;

/** Labels the page needs to render any descriptor's buttons and status. */
export function opLabels(): { node: Record<string, string>; column: Record<string, { label: string; enabledWhen?: Record<string, string> }>; status: Record<string, string> } {
  return {
    node: Object.fromEntries(Object.entries(NODE_OPS).map(([k, v]) => [k, v.label])),
    column: Object.fromEntries(Object.entries(COLUMN_OPS).map(([k, v]) => [k, { label: v.label, ...('enabledWhen' in v ? { enabledWhen: v.enabledWhen } : {}) }])),
    status: Object.fromEntries(Object.entries(STATUS).map(([k, v]) => [k, v.label])),
  };
}
