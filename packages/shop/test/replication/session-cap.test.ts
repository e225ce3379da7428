// MAX_SESSIONS on real replicated nodes: every node holds every node's sessions, so the cap counts them all. A new
// shopper beyond it gets 503 SHOP_ERR_CAPACITY (no cookie, nothing stored, on either node); shoppers who have a
// session keep working, login (a new id) included; /healthz shows the count and the cap on both nodes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { health, ReplicatedNodes, type ReplicatedNode } from '../helpers/replicated-nodes.ts';
import { Shopper } from '../helpers/shopper.ts';

const CAP = 2;
const nodes = new ReplicatedNodes();
/** About the cap, not about marking slow peers down (see sync-kill.test.ts). */
const ENV = { MAX_SESSIONS: String(CAP), REPLICATION_TIMEOUT_MS: '3000' };
afterAll(() => nodes.stopAll());

describe('session cap [replicated]', () => {
  let a: ReplicatedNode;
  let b: ReplicatedNode;
  const first = new Shopper();
  const second = new Shopper();
  beforeAll(async () => {
    a = await nodes.start([], ENV);
    b = await nodes.start([a], ENV);
    expect((await first.add(a.url, 'p01')).status).toBe(200);
    expect((await second.add(b.url, 'p02')).status).toBe(200);
  });

  it('session cap [replicated] › ' +
    'both nodes count the sessions made on either (sync: replicated before the 2xx)', async () => {
    expect(await health(a)).toMatchObject({ sessions: CAP, maxSessions: CAP });
    expect(await health(b)).toMatchObject({ sessions: CAP, maxSessions: CAP });
  });

  it('session cap [replicated] › ' +
    'a new shopper beyond the cap gets 503 SHOP_ERR_CAPACITY on either node, no cookie, nothing stored', async () => {
    for (const node of [a, b]) {
      const s = new Shopper();
      const r = await s.add(node.url, 'p03');
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('SHOP_ERR_CAPACITY');
      expect(r.headers.get('set-cookie')).toBeNull();
    }
    expect((await health(a)).sessions).toBe(CAP);
    expect((await health(b)).sessions).toBe(CAP);
  });

  it('session cap [replicated] › at the cap, ' +
    'existing shoppers still write and log in (the new id takes the old one\'s room)', async () => {
    expect((await first.add(b.url, 'p04')).status).toBe(200);
    const before = second.cookie;
    expect((await second.request(a.url, 'POST', '/api/login', { name: 'Bea' })).status).toBe(200);
    expect(second.cookie).not.toBe(before);
    expect((await second.add(b.url, 'p05')).status).toBe(200);
    expect((await second.get(b.url, '/api/cart')).body.items.map((i: { productId: string }) => i.productId))
      .toEqual(['p02', 'p05']);
    expect(await health(b)).toMatchObject({ sessions: CAP, maxSessions: CAP });
  });
});
