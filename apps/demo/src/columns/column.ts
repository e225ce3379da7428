// One column of the demo: a cluster (nodes + balancer on the column's fixed port) started from the column's
// variant descriptor, the balancer's event stream for per-node traffic, the carts each node holds, the
// presenter's own tracked cart, and the operations the dashboard's buttons call (by name, see column-ops.ts).
import {
  ClusterError, STICKY_MISS, startCluster, watchBalancer, type Cluster, type ClusterEvent, type StickyMiss,
  type TrafficNode,
  type BalancerWatch, type Engine, type Variant,
} from '@stateshift/cluster';
import { DemoError } from '../errors.ts';
import { PresenterCart, type PresenterView } from '../traffic/presenter-cart.ts';
import { COLUMN_OPS, NODE_OPS, type ColumnAction, type NodeAction } from './column-ops.ts';
import { NodeCarts } from './node-carts.ts';
import { RedisHaPanel } from './redis-ha-panel.ts';
import { nodeCard, type NodeCard } from './node-card.ts';
import type { VariantDescriptor } from './variant-descriptor.ts';

export { NODE_ACTIONS, COLUMN_ACTIONS, type NodeAction, type ColumnAction } from './column-ops.ts';

export interface ColumnOptions {
  descriptor: VariantDescriptor;
  nodes: number;
  /** The shop's public port (the balancer listens here). */
  port: number;
  redisUrl?: string;
  stickyMiss?: StickyMiss;
  /** The balancer's proxy engine; undefined = the balancer's default. */
  engine?: Engine;
  /** Called when something changed that the page should see at once. */
  onChange: () => void;
}

export interface ColumnView {
  /** The column's id (its descriptor's). */
  id: string;
  variant: Variant;
  descriptor: VariantDescriptor;
  /** For people: http://localhost:<port>. */
  shopUrl: string;
  /** For programs: the balancer's own http://127.0.0.1:<port>. */
  balancerUrl: string;
  port: number;
  strategy: string;
  stickyMiss: StickyMiss;
  /** `ha`: on our primary + replica + sentinels (status `primary`, `frozen`, `sentinel` say more). */
  redis: 'up' | 'down' | 'external' | 'ha' | 'none';
  redisUrl: string | null;
  /** Values of the descriptor's status items, by key. */
  status: Record<string, string>;
  nodes: NodeCard[];
  events: ClusterEvent[];
  presenter: PresenterView;
}

export class Column {
  readonly #o: ColumnOptions;
  readonly #carts = new NodeCarts();
  readonly #cluster: Cluster;
  readonly #presenter: PresenterCart;
  /** The balancer's actual port (the option may be 0). */
  #port: number;
  #watch: BalancerWatch | undefined;
  #traffic: Record<string, TrafficNode> = {};
  #stickyMiss: StickyMiss;
  #redisDown = false;
  #ha: RedisHaPanel | undefined;
  readonly #events: ClusterEvent[] = [];

  private constructor(o: ColumnOptions, cluster: Cluster) {
    this.#o = o;
    this.#cluster = cluster;
    this.#port = Number(new URL(cluster.balancerUrl).port);
    this.#stickyMiss = o.stickyMiss ?? 'continue';
    this.#presenter = new PresenterCart(cluster.balancerUrl);
  }

  static async start(o: ColumnOptions): Promise<Column> {
    const column = new Column(o, await startColumnCluster(o, o.stickyMiss ?? 'continue'));
    try {
      await column.#attach();
    } catch (err) {
      await column.#detach().catch(() => undefined);
      throw err;
    }
    return column;
  }

  get id(): string {
    return this.#o.descriptor.id;
  }

  view(): ColumnView {
    const nodes = this.#cluster.nodes().map((n) => nodeCard(n, this.#traffic[n.id], this.#carts.health(n.id)));
    const redis = this.#redisState();
    return {
      id: this.id, variant: this.#o.descriptor.cluster.variant, descriptor: this.#o.descriptor,
      shopUrl: `http://localhost:${this.#port}`, balancerUrl: this.#cluster.balancerUrl, port: this.#port,
      strategy: this.#cluster.strategy, stickyMiss: this.#stickyMiss,
      redis, redisUrl: this.#cluster.redisUrl ?? null,
      status: { redis, affinity: this.#affinity(), ...this.#ha?.status() }, nodes, events: this.#events.slice(-6),
      presenter: this.#presenter.view(),
    };
  }

  /** Once a second: refresh the carts each node holds and re-read the presenter's cart. */
  tick(): void {
    this.#carts.poll(this.#cluster.nodes());
    // The primary follows the sentinels' events; while none is agreed, ask again each tick.
    if (this.#ha?.status().primary === 'electing…') void this.#ha.refresh();
    void this.#presenter.readBack().catch(() => { /* a failed read is kept in the presenter's readError */ });
  }

  /** The presenter's Add (`{ productId }`) or New cart, answered with the cart as the checker now sees it. */
  async presenterAction(action: 'add' | 'new', input: unknown): Promise<PresenterView> {
    const view = action === 'add' ? await this.#presenter.add(input) : this.#presenter.reset();
    this.#o.onChange();
    return view;
  }

  async nodeAction(id: string, action: NodeAction): Promise<ClusterEvent> {
    return this.#done(await clusterCall(() => NODE_OPS[action].run(this.#cluster, id)));
  }

  async columnAction(action: ColumnAction): Promise<ClusterEvent> {
    const event = await clusterCall(() => COLUMN_OPS[action].run(this.#cluster, { ha: this.#ha }));
    if (action === 'redis-stop' || action === 'redis-start') this.#redisDown = action === 'redis-stop';
    if (action === 'restart-balancer') await this.#afterBalancerRestart();
    return this.#done(event);
  }

  /** Switches the balancer's sticky-miss policy through its admin API: no restart, nothing lost. */
  async setStickyMiss(input: unknown): Promise<ColumnView> {
    const policy = (input as { policy?: unknown } | null)?.policy;
    if (!STICKY_MISS.includes(policy as StickyMiss)) {
      throw new DemoError('DEMO_ERR_BAD_REQUEST', `"policy" must be one of ${STICKY_MISS.join(', ')}`);
    }
    if (this.#cluster.strategy !== 'sticky') {
      throw new DemoError('DEMO_ERR_ACTION',
        `the ${this.id} column balances ${this.#cluster.strategy}: no sticky miss to set`);
    }
    try {
      await this.#cluster.admin.setStickyMiss(policy as StickyMiss);
    } catch (err) {
      throw new DemoError('DEMO_ERR_ACTION', `the balancer refused the policy: ${(err as Error).message}`,
        { cause: err });
    }
    this.#stickyMiss = policy as StickyMiss;
    this.#o.onChange();
    return this.view();
  }

  pids(): number[] {
    const p = this.#cluster.pids();
    return [
      p.balancer, ...Object.values(p.nodes), ...(p.redis ? [p.redis] : []), ...(p.redisGuard ? [p.redisGuard] : []),
      ...(this.#cluster.redisHa?.allPids() ?? []),
    ];
  }

  async close(): Promise<void> {
    await this.#detach();
  }

  async #attach(): Promise<void> {
    const c = this.#cluster;
    c.on('event', (e: ClusterEvent) => { this.#events.push(e); this.#events.splice(0, this.#events.length - 20); });
    await this.#openWatch();
    if (c.redisHa) this.#ha = await RedisHaPanel.start(c.redisHa, this.#o.onChange);
  }

  /** The balancer's event stream (per-node traffic, state changes); opened again after a balancer restart. */
  async #openWatch(): Promise<void> {
    const c = this.#cluster;
    this.#watch?.close();
    this.#watch = watchBalancer(c.adminUrl, (e) => {
      if (e.type === 'traffic') this.#traffic = e.data.nodes;
      else this.#o.onChange();
    }, { ...(c.adminToken ? { token: c.adminToken } : {}) });
    await this.#watch.connected;
  }

  /** A new balancer process: its event stream is a new one, and it starts with the policy the column started with. */
  async #afterBalancerRestart(): Promise<void> {
    this.#traffic = {};
    await this.#openWatch();
    if (this.#stickyMiss !== (this.#o.stickyMiss ?? 'continue')) {
      await this.#cluster.admin.setStickyMiss(this.#stickyMiss).catch((err: unknown) => {
        throw new DemoError('DEMO_ERR_ACTION',
          `the balancer restarted but refused the sticky-miss policy ${this.#stickyMiss}: ${(err as Error).message}`,
          { cause: err });
      });
    }
  }

  /** The balancer's affinity mode as the column started it: signed (the balancer's default) or table; none
   *  without stickiness. */
  #affinity(): string {
    if (this.#cluster.strategy !== 'sticky') return `none (${this.#cluster.strategy})`;
    return this.#o.descriptor.cluster.affinity ?? 'signed';
  }

  async #detach(): Promise<void> {
    this.#watch?.close();
    this.#watch = undefined;
    this.#traffic = {};
    await this.#ha?.close();
    this.#ha = undefined;
    await this.#cluster.close();
  }

  #done(event: ClusterEvent): ClusterEvent {
    this.#o.onChange();
    return event;
  }

  #redisState(): ColumnView['redis'] {
    if (this.#cluster.redisHa) return 'ha';
    if (this.#o.redisUrl) return 'external';
    if (!this.#cluster.redisUrl) return 'none';
    return this.#redisDown ? 'down' : 'up';
  }
}

function startColumnCluster(o: ColumnOptions, stickyMiss: StickyMiss): Promise<Cluster> {
  const d = o.descriptor;
  // An outside Redis (--redis-url) serves a plain stateless column; the HA column always starts its own topology.
  const usesRedis = d.cluster.variant === 'stateless' && !d.cluster.redisHa;
  return startCluster({
    ...d.cluster, nodes: o.nodes, balancerPort: o.port, stickyMiss,
    ...(o.redisUrl && usesRedis ? { redisUrl: o.redisUrl } : {}),
    // Browsers scope cookies by host, not port: each column's shop needs its own session cookie name.
    nodeEnv: { LOG_LEVEL: 'warn', SESSION_COOKIE: `${d.id}.sid`, ...d.cluster.nodeEnv },
    balancerEnv: { LB_LOG_LEVEL: 'warn', ...d.cluster.balancerEnv },
    ...(o.engine ? { engine: o.engine } : {}),
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
