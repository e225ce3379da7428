// The last step of check 10: shoppers add through the three nodes in turn, node A is SIGKILLed once half the adds
// are acknowledged, the others carry on through B and C; then every acknowledged add must be in the cart read
// through B and through C, and the two must agree. Bounded: a fixed number of shoppers and adds, at most 10 at once.
import type { Tally } from './tally.ts';
import type { Trio, TrioNode } from './replicated-trio.ts';
import { cartLines, Shopper } from './shopper.ts';
import { notYet } from './workshop-error.ts';

const SHOPPERS = 24;
const ADDS = 5;
const CONCURRENT = 10;

interface Journey { shopper: Shopper; acked: Map<string, string> }

export async function loadStep(step: Tally['step'], trio: Trio): Promise<void> {
  const name = `${SHOPPERS} shoppers add through A, B and C in turn; A is SIGKILLed under load: ` +
    'every acknowledged add is on B and C';
  await step(name, async () => {
    const { a, b, c } = trio;
    const total = SHOPPERS * ADDS;
    let acked = 0;
    let refused = 0;
    let killed = false;
    const journeys: Journey[] = Array.from({ length: SHOPPERS }, () => ({ shopper: new Shopper(), acked: new Map() }));
    await pool(journeys, CONCURRENT, async (j, i) => {
      for (let k = 0; k < ADDS; k++) {
        const ring: TrioNode[] = killed ? [b, c] : [a, b, c];
        const node = ring[(i + k) % ring.length]!;
        const productId = `p${String(10 + k).padStart(2, '0')}`;
        const reply = await j.shopper.add(node.url, productId, 1);
        // 0 (no answer: A died meanwhile), 503 (not confirmed) and 409 (lost a conflict) are not acknowledged.
        if (reply.status === 200) j.acked.set(productId, node.id);
        else refused++;
        if (reply.status === 200 && ++acked >= total / 2 && !killed) {
          killed = true;
          a.process.kill();
        }
      }
    });
    await a.process.exited;
    if (acked < total * 0.6) {
      throw notYet(`only ${acked} of ${total} adds were acknowledged (2xx); the others were refused or unanswered`,
        'a write is confirmed once a peer applied it: does applyPeerChange throw for some records?');
    }
    let missing = 0;
    let disagree = 0;
    let example = '';
    for (const j of journeys) {
      const onB = cartLines(await j.shopper.cart(b.url)).map((l) => l.productId).sort();
      const onC = cartLines(await j.shopper.cart(c.url)).map((l) => l.productId).sort();
      if (onB.join() !== onC.join()) disagree++;
      const lost = [...j.acked].filter(([p]) => !onB.includes(p) || !onC.includes(p));
      if (lost.length > 0) {
        missing++;
        const [productId, through] = lost[0]!;
        const readThrough = onB.includes(productId) ? 'node-c' : 'node-b';
        example ||= `${productId}, added through ${through} and answered 200, ` +
          `is not in the cart read through ${readThrough}`;
      }
    }
    if (missing > 0) {
      throw notYet(`${missing} of ${SHOPPERS} shoppers lost an acknowledged add after node A was killed ` +
        `(e.g. ${example})`,
        'an acknowledged add was applied by a peer before the 200: ' +
          'look for a change your rule drops or overwrites');
    }
    if (disagree > 0) {
      throw notYet(`after the kill, nodes B and C disagree on ${disagree} of ${SHOPPERS} carts`,
        'every node must keep the same record, whatever the order the changes arrive in');
    }
    return `${acked} of ${total} adds acknowledged, ${refused} not (unanswered, unconfirmed or in conflict), none lost`;
  }, { timeoutMs: 40_000 });
}

/** Runs `worker` for each item with at most `limit` at once. */
async function pool<T>(
  items: readonly T[], limit: number, worker: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) { const i = next++; await worker(items[i]!, i); }
  }));
}
