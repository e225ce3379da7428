// One column of the demo: a cluster (nodes + balancer on the column's fixed port), the balancer's event stream
// for per-node traffic, the carts each node holds, and the operations the dashboard's buttons call.
import {
  ClusterError, STICKY_MISS, startCluster, watchBalancer, type Cluster, type ClusterEvent, type StickyMiss, type TrafficNode,
  type BalancerWatch, type Variant,
} from '@stateshift/cluster';
import { DemoError } from '../errors.ts';
import { NodeCarts } from './node-carts.ts';
import { nodeCard, type NodeCard } from './node-card.ts';

export const NODE_ACTIONS = ['kill', 'freeze', 'thaw', 'drain', 'undrain'] as const;
export const COLUMN_ACTIONS = ['add', 'redis-stop', 'redis-start'] as const;
export type NodeAction = (typeof NODE_ACTIONS)[number];
export type ColumnAction = (typeof COLUMN_ACTIONS)[number];

export interface ColumnOptions {
  variant: Variant;
  nodes: number;
  /** The shop's public port (the balancer listens here). */
  port: number;
  redisUrl?: string;
  stickyMiss?: StickyMiss;
  /** Called when something changed that the page should see at once. */
  onChange: () => void;
}

export interface ColumnView {
  variant: Variant;
  /** For people: http://localhost:<port>. */
  shopUrl: string;
  /** For programs: the balancer's own http://127.0.0.1:<port>. */
  balancerUrl: string;
  port: number;
  strategy: string;
  stickyMiss: StickyMiss;
  redis: 'up' | 'down' | 'external' | 'none';
  redisUrl: string | null;
  nodes: NodeCard[];
  events: ClusterEvent[];
}

export class Column {
  readonly #o: ColumnOptions;
  readonly #carts = new NodeCarts();
  readonly #cluster: Cluster;
  /** The balancer's actual port (the option may be 0). */
  #port: number;
  #watch: BalancerWatch | undefined;
  #traffic: Record<string, TrafficNode> = {};
  #stickyMiss: StickyMiss;
  #redisDown = false;
  readonly #events: ClusterEvent[] = [];

  private constructor(o: ColumnOptions, cluster: Cluster) {
    this.#o = o;
    this.#cluster = cluster;
    this.#port = Number(new URL(cluster.balancerUrl).port);
    this.#stickyMiss = o.stickyMiss ?? 'continue';
  }

  static async start(o: ColumnOptions): Promise<Column> {
    const column = new Column(o, await startColumnCluster(o, o.port, o.stickyMiss ?? 'continue'));
    await column.#attach();
    return column;
  }

  view(): ColumnView {
    const nodes = this.#cluster.nodes().map((n) => nodeCard(n, this.#traffic[n.id], this.#carts.get(n.id)));
    return {
      variant: this.#o.variant, shopUrl: `http://localhost:${this.#port}`, balancerUrl: this.#cluster.balancerUrl, port: this.#port,
      strategy: this.#cluster.strategy, stickyMiss: this.#stickyMiss,
      redis: this.#redisState(), redisUrl: this.#cluster.redisUrl ?? null, nodes, events: this.#events.slice(-6),
    };
  }

  /** Once a second: refresh the carts each node holds. */
  tick(): void {
    this.#carts.poll(this.#cluster.nodes());
  }

  async nodeAction(id: string, action: NodeAction): Promise<ClusterEvent> {
    const c = this.#cluster;
    const run = { kill: () => c.kill(id), freeze: () => c.freeze(id), thaw: () => c.thaw(id), drain: () => c.drain(id), undrain: () => c.undrain(id) };
    return this.#done(await clusterCall(run[action]));
  }

  async columnAction(action: ColumnAction): Promise<ClusterEvent> {
    const c = this.#cluster;
    if (action === 'add') return this.#done(await clusterCall(() => c.add()));
    const event = await clusterCall(() => (action === 'redis-stop' ? c.stopRedis() : c.startRedis()));
    this.#redisDown = action === 'redis-stop';
    return this.#done(event);
  }

  /** Switches the balancer's sticky-miss policy through its admin API: no restart, nothing lost. */
  async setStickyMiss(input: unknown): Promise<ColumnView> {
    const policy = (input as { policy?: unknown } | null)?.policy;
    if (!STICKY_MISS.includes(policy as StickyMiss)) throw new DemoError('DEMO_ERR_BAD_REQUEST', `"policy" must be one of ${STICKY_MISS.join(', ')}`);
    if (this.#cluster.strategy !== 'sticky') throw new DemoError('DEMO_ERR_ACTION', `the ${this.#o.variant} column balances ${this.#cluster.strategy}: no sticky miss to set`);
    try {
      await this.#cluster.admin.setStickyMiss(policy as StickyMiss);
    } catch (err) {
      throw new DemoError('DEMO_ERR_ACTION', `the balancer refused the policy: ${(err as Error).message}`, { cause: err });
    }
    this.#stickyMiss = policy as StickyMiss;
    this.#o.onChange();
    return this.view();
  }

  pids(): number[] {
    const p = this.#cluster.pids();
    return [p.balancer, ...Object.values(p.nodes), ...(p.redis ? [p.redis] : []), ...(p.redisGuard ? [p.redisGuard] : [])];
  }

  async close(): Promise<void> {
    await this.#detach();
  }

  async #attach(): Promise<void> {
    const c = this.#cluster;
    c.on('event', (e: ClusterEvent) => { this.#events.push(e); this.#events.splice(0, this.#events.length - 20); });
    this.#watch = watchBalancer(c.adminUrl, (e) => {
      if (e.type === 'traffic') this.#traffic = e.data.nodes;
      else this.#o.onChange();
    }, { ...(c.adminToken ? { token: c.adminToken } : {}) });
    await this.#watch.connected;
  }

  async #detach(): Promise<void> {
    this.#watch?.close();
    this.#watch = undefined;
    this.#traffic = {};
    await this.#cluster.close();
  }

  #done(event: ClusterEvent): ClusterEvent {
    this.#o.onChange();
    return event;
  }

  #redisState(): ColumnView['redis'] {
    if (this.#o.redisUrl) return 'external';
    if (!this.#cluster.redisUrl) return 'none';
    return this.#redisDown ? 'down' : 'up';
  }
}

function startColumnCluster(o: ColumnOptions, port: number, stickyMiss: StickyMiss): Promise<Cluster> {
  return startCluster({
    variant: o.variant, nodes: o.nodes, balancerPort: port, stickyMiss,
    ...(o.redisUrl ? { redisUrl: o.redisUrl } : {}),
    // Browsers scope cookies by host, not port: each column's shop needs its own session cookie name.
    nodeEnv: { LOG_LEVEL: 'warn', SESSION_COOKIE: `${o.variant}.sid` }, balancerEnv: { LB_LOG_LEVEL: 'warn' },
  });
}

/** A cluster refusal becomes a DEMO_ERR_* the API can answer, keeping the cluster's code in the message. */
async function clusterCall(op: () => Promise<ClusterEvent>): Promise<ClusterEvent> {
  try {
    return await op();
  } catch (err) {
    if (!(err instanceof ClusterError)) throw err;
    const code = err.code === 'CLUSTER_ERR_UNKNOWN_NODE' ? 'DEMO_ERR_NOT_FOUND' : 'DEMO_ERR_ACTION';
    throw new DemoError(code, `${err.code}: ${err.message}`, { cause: err });
  }
}
