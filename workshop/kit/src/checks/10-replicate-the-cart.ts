// Check of exercise 10: the trainee's applyPeerChange runs inside three real replicated node processes (sync
// replication). A new shopper must reach every node; the check then delivers changes itself, over the signed peer
// protocol, as a network would: an old one late, two of one version in opposite orders, one again with a later
// expiry, a deletion; finally node A is SIGKILLed under load and every acknowledged add must be on B and C.
import { resolve } from 'node:path';
import type { ReplicaRecord } from '@stateshift/shop';
import { startTrio, type Trio, type TrioNode } from '../replicated-trio.ts';
import { cartLines, Shopper, type CartLineView, type Reply } from '../shopper.ts';
import type { Tally } from '../tally.ts';
import { traineeFunction } from '../trainee-module.ts';
import { startTypeCheck, typesStep } from '../type-check.ts';
import { notYet, WorkshopError } from '../workshop-error.ts';
import { loadStep } from '../replicated-load.ts';

const FILE = 'src/apply-change.ts';

export async function check(t: Tally, dir: string): Promise<void> {
  const types = startTypeCheck(t, dir, [FILE]);
  const exported = await t.step(`${FILE} exports applyPeerChange`, async () => {
    await traineeFunction(dir, FILE, 'applyPeerChange');
  });
  if (!exported) return;
  let trio: Trio | undefined;
  await t.step('three replicated nodes start, each its own process running your applyPeerChange', async () => {
    trio = await startTrio(resolve(dir, FILE));
    t.defer(() => trio!.close());
    return trio.all.map((n) => `${n.id} pid ${n.process.pid}`).join(', ');
  });
  if (!trio) return;
  const step = trioStep(t, trio);
  const { a, b, c } = trio;

  await step('a new shopper\'s add on node A is in the cart read through B and C', async () => {
    const s = new Shopper();
    await acked(await s.add(a.url, 'p01', 2), 'an add on node A');
    for (const node of [b, c]) {
      expectCart(await s.cart(node.url), node, ['p01'], 'node A added p01 × 2 for this shopper');
    }
  }, { hint: 'a node that has no copy of a key yet (ours is undefined) must take the peer\'s record: ' +
    'that is how B and C learn of a new shopper, and of its session' });

  await step('an old change that arrives late (a replay) does not undo a newer one', async () => {
    const s = new Shopper();
    await acked(await s.add(a.url, 'p02', 1), 'an add on node A');
    const first = await cartRecord(trio!, a, 'p02');
    await acked(await s.add(b.url, 'p03', 1), 'a second add, on node B');
    // A's first message, delivered again: a retry after a timeout, a slow connection, a snapshot taken earlier.
    await trio!.deliver(b, 'node-a', [first]);
    await trio!.deliver(c, 'node-a', [first]);
    for (const node of [a, b, c]) {
      expectCart(await s.cart(node.url), node, ['p02', 'p03'],
        `the shopper added p02 (version ${first.v}), then p03 (version ${first.v + 1}); ` +
          `then the version-${first.v} change of this cart arrived again`);
    }
  }, { hint: 'compare versions: a lower version is older, whatever the order it arrives in; keep ours' });

  await step('two changes of one version, made on two nodes at once, ' +
    'end the same on every node whatever the order they arrive in', async () => {
    const s = new Shopper();
    await acked(await s.add(a.url, 'p04', 1), 'an add on node A');
    const base = await cartRecord(trio!, a, 'p04');
    const expires = Date.now() + 20 * 60_000;
    const fromX: ReplicaRecord = {
      k: base.k, v: base.v + 1, n: 'node-x', x: expires, d: { lines: [{ productId: 'p05', quantity: 1 }] },
    };
    const fromY: ReplicaRecord = { ...fromX, n: 'node-y', d: { lines: [{ productId: 'p06', quantity: 1 }] } };
    await trio!.deliver(b, 'node-x', [fromX]);
    await trio!.deliver(b, 'node-y', [fromY]);
    await trio!.deliver(c, 'node-y', [fromY]);
    await trio!.deliver(c, 'node-x', [fromX]);
    const onB = names(await s.cart(b.url));
    const onC = names(await s.cart(c.url));
    if (onB.join() !== onC.join()) {
      throw notYet(`node-x and node-y both wrote version ${fromX.v} of one cart (node-x: p05, node-y: p06). ` +
        'B got node-x\'s change first, C got node-y\'s first. ' +
        `Now B shows ${said(onB)} and C shows ${said(onC)}: they disagree, and no later message will make them agree`,
      'equal versions need a tie-break every node decides alike, whatever the order: the higher node id wins');
    }
    if (onB.join() !== 'p06') {
      throw notYet(`node-x and node-y both wrote version ${fromX.v} of one cart (node-x: p05, node-y: p06); ` +
        `B and C agree, on ${said(onB)}, ` +
        'but the rule every node (and the replicator\'s 409 for the losing write) counts on is: ' +
        'equal versions, the higher node id wins (\'node-y\' > \'node-x\')',
      'compare the node ids (n) as strings when the versions are equal');
    }
  });

  const refreshed = 'the same change again with a later expiry (a read refreshed it) moves the expiry and nothing else';
  await step(refreshed, async () => {
    const s = new Shopper();
    await acked(await s.add(a.url, 'p07', 1), 'an add on node A');
    const record = await cartRecord(trio!, a, 'p07');
    const later: ReplicaRecord = { ...record, x: record.x + 10 * 60_000 };
    await trio!.deliver(b, 'node-a', [later]);
    const onB = (await trio!.records(b)).find((r) => r.k === record.k);
    if (!onB || onB.v !== record.v || onB.n !== record.n || JSON.stringify(onB.d) !== JSON.stringify(record.d)) {
      const held = onB ? `version ${onB.v} from ${onB.n}` : 'no copy';
      throw notYet(`after node A sent version ${record.v} of a cart again with a later expiry, node B holds ${held}: ` +
        'it should still hold the same change');
    }
    if (onB.x !== later.x) {
      throw notYet(`node A sent version ${record.v} again with an expiry 10 min later ` +
        '(a read on A refreshed the cart); node B kept the earlier expiry: ' +
        'B will drop the cart while A still keeps it, and a shopper whose requests move to B finds it empty');
    }
  }, { hint: 'the same version from the same node is the same change: ' +
    'keep it, with the later of the two expiries (x)' });

  await step('a logout on node B logs the old session out on A and C too (a deletion is a change)', async () => {
    const s = new Shopper();
    await acked(await s.add(a.url, 'p08', 1), 'an add on node A');
    await acked(await s.call(a.url, 'POST', '/api/login', { name: 'Ada' }), 'a login on node A');
    const before = s.copy();
    if (!loggedIn(await s.call(b.url, 'GET', '/'))) {
      throw notYet('after a login on node A, the page read through node B does not show the name Ada');
    }
    await acked(await s.call(b.url, 'POST', '/api/logout'), 'a logout on node B');
    for (const node of [a, c]) {
      if (loggedIn(await before.call(node.url, 'GET', '/'))) {
        throw notYet('after a logout on node B, the session cookie from before the logout ' +
          `still shows "Ada" on ${node.id}: the deletion never took effect there, ` +
          'so a stolen cookie outlives the logout');
      }
    }
  }, { hint: 'a deletion is a record like any other (d is null) with its own version: ' +
    'apply it by the same rule, do not skip it' });

  await loadStep(step, trio);
  await typesStep(t, dir, [FILE], types);
}

/** A step that, when it fails while a node logged applyPeerChange throwing, says what it threw. */
function trioStep(t: Tally, trio: Trio): Tally['step'] {
  return async (name, fn, options) => t.step(name, async () => {
    const before = trio.thrown().length;
    try {
      return await fn();
    } catch (err) {
      const last = trio.thrown().slice(before).pop();
      if (err instanceof WorkshopError && last) {
        throw new WorkshopError(err.code, `${err.message}\non a node, ${last.slice(0, 300)}`, err.hint, err.reveal);
      }
      throw err;
    }
  }, options);
}

async function acked(reply: Reply, what: string): Promise<void> {
  if (reply.status >= 200 && reply.status < 300) return;
  const code = (reply.body as { error?: { code?: string } } | undefined)?.error?.code;
  const answer = `${reply.status || `with no answer (${reply.error})`}${code ? ` ${code}` : ''}`;
  throw notYet(`${what} was answered ${answer}: it should be a 2xx`,
    code === 'SHOP_ERR_REPLICATION_INDETERMINATE'
      ? 'no peer confirmed the write: does applyPeerChange throw, or return something that is not a record?'
      : undefined);
}

function expectCart(reply: Reply, node: TrioNode, products: readonly string[], story: string): void {
  const seen = names(reply);
  if (seen.join() !== [...products].sort().join()) {
    throw notYet(`${story}. Read through ${node.id} with the same cookies, the cart shows ${said(seen)}; ` +
      `expected ${products.join(' and ')}`);
  }
}

/** The c: record of the cart that holds exactly `productId`, from `node`'s own copy. */
async function cartRecord(trio: Trio, node: TrioNode, productId: string): Promise<ReplicaRecord> {
  const found = (await trio.records(node)).find((r) => r.k.startsWith('c:') &&
    JSON.stringify((r.d as { lines?: CartLineView[] } | null)?.lines?.map((l) => l.productId))
      === JSON.stringify([productId]));
  if (!found) throw new Error(`${node.id} holds no cart record with just ${productId}`);
  return found;
}

const names = (reply: Reply): string[] => cartLines(reply).map((l) => l.productId).sort();
const said = (products: readonly string[]): string =>
  (products.length === 0 ? 'an empty cart' : products.join(' and '));
const loggedIn = (reply: Reply): boolean => typeof reply.body === 'string' && reply.body.includes('id="user">Ada<');
