// The conflict rule on real processes: node A is frozen (SIGSTOP) while the shopper writes through B; A is thawed
// and writes on its stale copy. Whatever the race with B's catch-up snapshot, no acknowledged change is lost and
// every node ends with the same cart: either A's write was refused with 409 SHOP_ERR_REPLICATION_CONFLICT, or it
// came after the snapshot and holds B's change too.
import { afterAll, expect, it } from 'vitest';
import { health, ReplicatedNodes } from '../helpers/replicated-nodes.ts';
import { Shopper } from '../helpers/shopper.ts';

const nodes = new ReplicatedNodes();
afterAll(() => nodes.stopAll());

it('replicated [sync] › a thawed node\'s stale write loses to the newer version (version, then node id)', async () => {
  const a = await nodes.start();
  const b = await nodes.start([a]);
  const c = await nodes.start([a, b]);
  const s = new Shopper();
  const other = new Shopper();
  expect((await s.add(a.url, 'p01', 1)).status).toBe(200);
  a.freeze();
  try {
    // B waits REPLICATION_TIMEOUT_MS for A, marks it down, and answers with C's copy. A still finds that first
    // message in its socket when it thaws; the second is never sent to it, so A's copy is one version behind.
    expect((await s.add(b.url, 'p02', 1)).status).toBe(200);
    expect((await health(b)).peers).toMatchObject({ known: 2, up: 1 });
    expect((await s.add(b.url, 'p02', 1)).status).toBe(200);
    // A shopper A never saw: A gets it only from the catch-up snapshot once B finds A answering again.
    expect((await other.add(b.url, 'p07', 3)).status).toBe(200);
  } finally {
    a.thaw();
  }
  const stale = await s.add(a.url, 'p03', 1);
  if (stale.status !== 200) expect(stale.body.error.code).toBe('SHOP_ERR_REPLICATION_CONFLICT');
  const expected = stale.status === 200 ? ['p01', 'p02', 'p03'] : ['p01', 'p02'];
  for (const node of [a, b, c]) {
    const items = (await s.get(node.url, '/api/cart')).body.items as { productId: string }[];
    expect(items.map((i) => i.productId).sort(), node.id).toEqual(expected);
  }
  await until(async () => (await health(b)).peers.up === 2);
  expect((await other.get(a.url, '/api/cart')).body.items).toMatchObject([{ productId: 'p07', quantity: 3 }]);
}, 60_000);

/** Polls a condition of the nodes' own state (no fixed sleep), bounded: probes run every 500 ms. */
async function until(condition: () => Promise<boolean>, boundMs = 10_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!await condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
