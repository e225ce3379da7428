// What a column's buttons do and what its status items say, by name: a descriptor lists names from here.
// A new button is one entry in NODE_OPS or COLUMN_OPS (calling the cluster's public API), with its label;
// a new status item is one entry in STATUS. The page knows nothing of a button but its name and label.
import type { Cluster, ClusterEvent } from '@stateshift/cluster';
import { DemoError } from '../errors.ts';
import type { RedisHaPanel } from './redis-ha-panel.ts';

/** What a column operation may use besides the cluster: the Redis HA panel of a column on `--redis ha`. */
export interface OpContext {
  ha: RedisHaPanel | undefined;
}

function ha(x: OpContext): RedisHaPanel {
  if (!x.ha) {
    throw new DemoError('DEMO_ERR_ACTION', 'this column does not run on Redis HA (start the demo with --redis ha)');
  }
  return x.ha;
}

export const NODE_OPS = {
  kill: { label: 'Kill', run: (c: Cluster, id: string) => c.kill(id) },
  freeze: { label: 'Freeze', run: (c: Cluster, id: string) => c.freeze(id) },
  thaw: { label: 'Thaw', run: (c: Cluster, id: string) => c.thaw(id) },
  drain: { label: 'Drain', run: (c: Cluster, id: string) => c.drain(id) },
  undrain: { label: 'Undrain', run: (c: Cluster, id: string) => c.undrain(id) },
} as const satisfies Record<string, { label: string; run: (c: Cluster, id: string) => Promise<ClusterEvent> }>;

/** How long a restarted balancer stays away: long enough for the room to see requests refused. */
const BALANCER_DOWN_MS = 1000;

/** Column-level operations; `enabledWhen` names the status that must hold (the page greys the button out). */
export const COLUMN_OPS = {
  add: { label: '+ Add node', run: (c: Cluster) => c.add() },
  'redis-stop': { label: 'Stop Redis', run: (c: Cluster) => c.stopRedis(), enabledWhen: { redis: 'up' } },
  'redis-start': { label: 'Start Redis', run: (c: Cluster) => c.startRedis(), enabledWhen: { redis: 'down' } },
  'redis-kill-primary': { label: 'Kill primary', run: (_c: Cluster, x: OpContext) => ha(x).killPrimary(), kill: true },
  'redis-freeze-primary': {
    label: 'Freeze primary', run: (_c: Cluster, x: OpContext) => ha(x).freezePrimary(), enabledWhen: { frozen: 'no' },
  },
  'redis-thaw': { label: 'Thaw', run: (_c: Cluster, x: OpContext) => ha(x).thaw(), enabledWhen: { frozen: 'yes' } },
  'redis-bring-back': {
    label: 'Bring back killed', run: (_c: Cluster, x: OpContext) => ha(x).bringBack(), enabledWhen: { killed: 'yes' },
  },
  // SIGKILL the balancer and start it again on the same ports after a supervisor's back-off: signed affinity
  // cookies still route (the secret is the cluster's), a table's pins are gone.
  'restart-balancer': { label: 'Restart balancer', run: (c: Cluster) => c.restartBalancer(BALANCER_DOWN_MS) },
} as const satisfies Record<string, {
  label: string; run: (c: Cluster, x: OpContext) => Promise<ClusterEvent>; enabledWhen?: Record<string, string>;
  kill?: boolean;
}>;

export type NodeAction = keyof typeof NODE_OPS;
export type ColumnAction = keyof typeof COLUMN_OPS;
export const NODE_ACTIONS = Object.keys(NODE_OPS) as NodeAction[];
export const COLUMN_ACTIONS = Object.keys(COLUMN_OPS) as ColumnAction[];

/** Status items: a label and a value read from the column (`redis` → "Redis: up"). */
export const STATUS = {
  redis: { label: 'Redis' },
  primary: { label: 'primary' },
  sentinel: { label: 'sentinels' },
  affinity: { label: 'affinity' },
} as const;
export type StatusKey = keyof typeof STATUS;

/** Labels the page needs to render any descriptor's buttons and status. */
export function opLabels(): {
  node: Record<string, string>;
  column: Record<string, { label: string; enabledWhen?: Record<string, string>; kill?: boolean }>;
  status: Record<string, string>;
} {
  return {
    node: Object.fromEntries(Object.entries(NODE_OPS).map(([k, v]) => [k, v.label])),
    column: Object.fromEntries(Object.entries(COLUMN_OPS).map(([k, v]) => [k, {
      label: v.label,
      ...('enabledWhen' in v ? { enabledWhen: v.enabledWhen } : {}),
      ...('kill' in v ? { kill: v.kill } : {}),
    }])),
    status: Object.fromEntries(Object.entries(STATUS).map(([k, v]) => [k, v.label])),
  };
}
