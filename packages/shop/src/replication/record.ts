// One replicated record: a session (key `s:<session id>`), a shopper's cart lines (`c:<shopper>`) or their
// orders with idempotency keys (`o:<shopper>`), whole, with its version. Lines and orders are apart so that adding
// an item does not ship every past order again. The conflict rule lives here and nowhere else: a higher version
// wins, equal versions are decided by the higher node id; the same version from the same node is a replay.
import { ShopError } from '../errors.ts';

export interface ReplicaRecord {
  /** `s:<sid>`, `c:<shopper>` or `o:<shopper>`. */
  k: string;
  /** Per key, +1 on every write by whichever node makes it. */
  v: number;
  /** Node id of the writer. */
  n: string;
  /** Expiry, epoch ms. Merged by max for the same version (a touch). */
  x: number;
  /** The value; null is a deletion (kept until expiry so an older copy cannot come back). */
  d: unknown;
}

export type Order = 'newer' | 'same' | 'older';

/** Where `incoming` stands against `current` under the conflict rule: version, then node id. */
export function compare(
  incoming: Pick<ReplicaRecord, 'v' | 'n'>, current: Pick<ReplicaRecord, 'v' | 'n'> | undefined,
): Order {
  if (!current || incoming.v > current.v) return 'newer';
  if (incoming.v < current.v) return 'older';
  if (incoming.n === current.n) return 'same';
  return incoming.n > current.n ? 'newer' : 'older';
}

/** How a node merges a peer's record into its own copy: returns the record to keep (`ours` to change nothing).
 *  The shop's is keepNewest; the workshop (exercise 10) plugs a trainee's in. Must not change its arguments. */
export type MergeRule = (ours: ReplicaRecord | undefined, incoming: ReplicaRecord) => ReplicaRecord | undefined;

/** The conflict rule as a merge: the newer record wins; the same one again keeps the later expiry. */
export const keepNewest: MergeRule = (ours, incoming) => {
  const order = compare(incoming, ours);
  if (order === 'newer') return { ...incoming };
  if (order === 'same' && ours && incoming.x > ours.x) return { ...ours, x: incoming.x };
  return ours;
};

const KEY = /^[sco]:[\w.-]{1,128}$/;
const NODE = /^[\w.-]{1,64}$/;

/** A record as sent by a peer, checked field by field; throws SHOP_ERR_PEER_MALFORMED. */
export function parseRecord(raw: unknown): ReplicaRecord {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) malformed('a record is not an object');
  const r = raw as Record<string, unknown>;
  if (typeof r.k !== 'string' || !KEY.test(r.k)) malformed('k must be s:<id>, c:<id> or o:<id>');
  if (typeof r.v !== 'number' || !Number.isSafeInteger(r.v) || r.v < 1) malformed('v must be a positive integer');
  if (typeof r.n !== 'string' || !NODE.test(r.n)) malformed('n must be a node id');
  if (typeof r.x !== 'number' || !Number.isSafeInteger(r.x) || r.x < 0) malformed('x must be an epoch in ms');
  if (r.d !== null && (typeof r.d !== 'object' || Array.isArray(r.d))) malformed('d must be an object or null');
  if (r.k.startsWith('c:') && r.d !== null) checkLines(r.d as Record<string, unknown>);
  if (r.k.startsWith('o:') && r.d !== null) checkOrders(r.d as Record<string, unknown>);
  return { k: r.k, v: r.v, n: r.n, x: r.x, d: r.d };
}

function checkLines(d: Record<string, unknown>): void {
  if (!Array.isArray(d.lines) || !d.lines.every(isLine)) malformed('a cart needs lines [{ productId, quantity }]');
}

function checkOrders(d: Record<string, unknown>): void {
  if (!Array.isArray(d.orders) || !d.orders.every(isOrder)) malformed('orders need [{ orderId, lines, createdAt }]');
}

function isLine(l: unknown): boolean {
  const line = l as { productId?: unknown; quantity?: unknown } | null;
  return typeof line === 'object' && line !== null && typeof line.productId === 'string' &&
    typeof line.quantity === 'number' && Number.isInteger(line.quantity) && line.quantity > 0;
}

function isOrder(o: unknown): boolean {
  const order = o as { orderId?: unknown; lines?: unknown; createdAt?: unknown; idempotencyKey?: unknown } | null;
  return typeof order === 'object' && order !== null && typeof order.orderId === 'string' &&
    Array.isArray(order.lines) && order.lines.every(isLine) && typeof order.createdAt === 'string' &&
    (order.idempotencyKey === undefined || typeof order.idempotencyKey === 'string');
}

function malformed(why: string): never {
  throw new ShopError('SHOP_ERR_PEER_MALFORMED', `malformed peer message: ${why}`);
}
