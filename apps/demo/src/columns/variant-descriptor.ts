// The per-column variant chooser's seam: a column is configured by one descriptor, which says how its cluster
// starts, what the page labels it, which buttons it offers (per node and per column) and which status it shows.
// New variants plug in by adding a descriptor to VARIANT_DESCRIPTORS (and, for a new button, an operation to
// column-ops.ts); the page renders whatever the descriptor lists. See apps/demo/README.md, "Adding a variant".
import type { ClusterOptions } from '@stateshift/cluster';
import type { ColumnAction, NodeAction, StatusKey } from './column-ops.ts';

export interface VariantDescriptor {
  /** The column's id: in the API (/api/columns/<id>/...), the page (#column-<id>) and `--left/--right`. */
  id: string;
  /** Big title and one-line subtitle (kept short: it must not wrap at 1280 px). */
  label: string;
  sub: string;
  /** The column's accent colour (CSS). */
  accent: string;
  /** What startCluster gets besides the demo's common options (nodes, port, env). */
  cluster: Pick<ClusterOptions, 'variant'> & Partial<ClusterOptions>;
  /** Buttons on every node card, in order. */
  nodeButtons: readonly NodeAction[];
  /** Buttons in the row under the cards, in order (the layout keeps room for a second row). */
  columnButtons: readonly ColumnAction[];
  /** Status items shown next to the column buttons, e.g. "Redis: up", "primary: redis-1". */
  status: readonly StatusKey[];
  /** The sticky-miss switch (only for a sticky balancer). */
  stickyMiss: boolean;
  /** What a node card's cart figure means: the node's own carts, or the carts in a shared store. */
  cartsLabel: string;
  /** Carts die with their node: a killed card says "31 carts were here" (else "no cart was kept here"). */
  lostWithNode: boolean;
  /** When carts do not die with a node but it held copies (replicated): what its dead card says after the count,
   *  "31 carts, copies on its peers"; without it, "no cart was kept here". */
  deadNote?: string;
  /** Explainer HTML under the fold (static text of ours, never user input). */
  explain: string;
}

const AFFINITY_EXPLAINED = '<h3>The balancer is stateful too</h3>'
  + '<p><b>signed</b> (the default): the pin is your cookie, naming the node sealed with a secret every balancer '
  + 'of the cluster shares: '
  + '<b>Restart balancer</b> and the new one reads it, you land on the same node, your cart is there. '
  + '<b>table</b>: the cookie is a key into a table in the balancer\'s memory; a restart forgets every pin, '
  + 'you land anywhere, your cart looks lost.</p>';

const STATEFUL: VariantDescriptor = {
  id: 'stateful', label: 'Stateful', sub: 'sticky balancer · carts in one node\'s memory', accent: '#f5a623',
  cluster: { variant: 'stateful' },
  nodeButtons: ['kill', 'freeze', 'drain'], columnButtons: ['add', 'restart-balancer'], status: ['affinity'],
  stickyMiss: true, cartsLabel: 'carts',
  lostWithNode: true,
  explain: '<h3>What is stored where</h3>'
    + '<p>Your session and your cart live <b>in the memory of the node</b> that first served you. '
    + 'The balancer pins you to it with a cookie (<code>ss_lb</code>).</p>'
    + '<p><b>Kill</b> that node and the cart is gone: nobody else has it. '
    + '<b>Freeze</b> it and your requests hang until the health check gives up.</p>'
    + '<h3>Sticky miss: your node is gone, now what?</h3>'
    + '<p><b>continue</b>: go to another node (empty cart) · <b>reject</b>: answer 503 and forget the pin · '
    + '<b>drop</b>: close the connection.</p>'
    + AFFINITY_EXPLAINED,
};

// The same shop, its balancer keeping the pins in a table in its own memory (`--affinity table`): put it next to
// `stateful` (`--left stateful-table --right stateful`) and press Restart balancer in both.
const STATEFUL_TABLE: VariantDescriptor = {
  ...STATEFUL,
  id: 'stateful-table', label: 'Stateful (table)', sub: 'sticky · pins in the balancer\'s memory', accent: '#ff8a65',
  cluster: { variant: 'stateful', affinity: 'table' },
};

const STATELESS: VariantDescriptor = {
  id: 'stateless', label: 'Stateless', sub: 'round-robin balancer · carts in Redis', accent: '#3ecf8e',
  cluster: { variant: 'stateless' },
  nodeButtons: ['kill', 'freeze', 'drain'], columnButtons: ['add', 'redis-stop', 'redis-start', 'restart-balancer'],
  status: ['redis', 'affinity'],
  stickyMiss: false,
  cartsLabel: 'in Redis', lostWithNode: false,
  explain: '<h3>What is stored where</h3>'
    + '<p>Nodes keep <b>nothing</b>. Sessions (connect-redis) and carts live <b>in Redis</b>; '
    + 'any node can serve any request, so round-robin is enough.</p>'
    + '<p><b>Kill</b> a node: the next one reads the same cart. '
    + 'The price: Redis is now the one thing that must not fail. Try <b>Stop Redis</b>.</p>',
};

// Stateless on a primary, a replica and three sentinels (`pnpm demo --redis ha` puts it in the stateless column's
// place).
// Its status row holds the primary and the sentinels' last event; round-robin (no affinity) is said in the subtitle.
const STATELESS_HA: VariantDescriptor = {
  ...STATELESS, id: 'stateless-ha', label: 'Stateless HA', sub: 'round-robin · Redis + replica + 3 sentinels',
  cluster: { variant: 'stateless', redisHa: true },
  columnButtons: [
    'add', 'redis-kill-primary', 'redis-freeze-primary', 'redis-thaw', 'restart-balancer', 'redis-bring-back',
  ],
  status: ['primary', 'sentinel'],
  explain: '<h3>What is stored where</h3>'
    + '<p>Carts live in Redis, now a <b>primary</b> with a <b>replica</b> and three <b>sentinels</b> watching. '
    + 'The shop asks the sentinels where the primary is.</p>'
    + '<p><b>Kill primary</b>: for a second or two every write fails fast with 503 (watch the nodes\' 5xx/s), '
    + 'then the sentinels agree, promote the replica and the shop follows. '
    + 'Writes the replica had not received yet are gone: the checker counts them.</p>'
    + '<p><b>Freeze primary</b>: it stops answering without dying; the sentinels promote the replica meanwhile, '
    + 'and when you <b>Thaw</b> it the old primary is demoted.</p>'
    + '<p><b>Bring back killed</b> starts the killed member again: '
    + 'the sentinels make it the new primary\'s replica, ready for the next failover.</p>',
};

// Stateful's memory, copied to every other node (apps/shop-replicated, REPLICATION=sync): a Kill loses no cart.
const REPLICATED: VariantDescriptor = {
  id: 'replicated', label: 'Replicated', sub: 'sticky · carts copied to every node', accent: '#c084fc',
  cluster: { variant: 'replicated' },
  nodeButtons: ['kill', 'freeze', 'drain'], columnButtons: ['add', 'restart-balancer'], status: ['affinity'],
  stickyMiss: true,
  cartsLabel: 'carts', lostWithNode: false, deadNote: 'copies on its peers',
  explain: '<h3>What is stored where</h3>'
    + '<p>As in stateful, your cart lives in the <b>memory of the node</b> that serves you, '
    + 'and the balancer pins you to it. '
    + 'But every write is <b>copied to every other node</b> before you get your 200 '
    + '(<code>REPLICATION=sync</code>).</p>'
    + '<p><b>Kill</b> your node: the balancer sends you to another one, which has your cart. '
    + 'Each card shows its <b>peers</b> up of those known.</p>'
    + '<p>The price: every write waits for the slowest peer; '
    + 'a <b>frozen</b> peer costs each write up to 300 ms before it is marked down.</p>'
    + AFFINITY_EXPLAINED,
};

// The same, shipping changes every 100 ms instead (REPLICATION=async): fast writes, and a Kill loses the window.
const REPLICATED_ASYNC: VariantDescriptor = {
  ...REPLICATED,
  id: 'replicated-async', label: 'Replicated (async)', sub: 'sticky · copies shipped every 100 ms', accent: '#e879f9',
  cluster: { variant: 'replicated', nodeEnv: { REPLICATION: 'async' } },
  explain: '<h3>What is stored where</h3>'
    + '<p>Carts in the serving node\'s memory, <b>shipped to every other node every 100 ms</b> '
    + '(<code>REPLICATION=async</code>): you get your 200 at once.</p>'
    + '<p><b>Kill</b> your node: what it had not shipped yet is gone. '
    + 'Each card shows its <b>lag</b>: changes queued and the oldest one\'s age.</p>'
    + AFFINITY_EXPLAINED,
};

/** Every variant a column can show. Others add theirs here (`replicated`, `stateless-ha`, …). */
export const VARIANT_DESCRIPTORS: Readonly<Record<string, VariantDescriptor>> = Object.freeze({
  stateful: STATEFUL,
  stateless: STATELESS,
  'stateless-ha': STATELESS_HA,
  'stateful-table': STATEFUL_TABLE,
  replicated: REPLICATED,
  'replicated-async': REPLICATED_ASYNC,
});

export const DEFAULT_COLUMNS = ['stateful', 'stateless'] as const;

export function descriptorOf(id: string): VariantDescriptor | undefined {
  return Object.hasOwn(VARIANT_DESCRIPTORS, id) ? VARIANT_DESCRIPTORS[id] : undefined;
}
