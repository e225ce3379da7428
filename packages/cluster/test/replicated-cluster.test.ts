// The replicated variant as the cluster runs it: nodes started with PEERS of the running ones and one PEER_SECRET,
// behind the sticky balancer with --sticky-miss continue. A shopper whose node is killed keeps the cart on the
// node it is re-pinned to; a node added later joins (snapshot) before the balancer sends it anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../src/index.ts';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ variant: 'replicated', nodes: 3, nodeEnv: { LOG_LEVEL: 'warn' } });
}, 60_000);
afterAll(async () => { await cluster?.close(); });

/** One shopper through the balancer: the shop cookie and the balancer's affinity cookie. */
class Client {
  readonly cookies = new Map<string, string>();
  async send(
    method: string, path: string, body?: unknown,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; servedBy: string | null; body: any }> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(new URL(path, cluster.balancerUrl), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return { status: res.status, servedBy: res.headers.get('x-served-by'), body: await res.json() };
  }
}

describe('cluster [replicated]', () => {
  it('every node knows the other two as peers, up', async () => {
    for (const node of cluster.nodes()) {
      const health = await (await fetch(`${node.url}/healthz`)).json() as { peers: { known: number; up: number } };
      expect(health.peers, node.id).toMatchObject({ known: 2, up: 2 });
    }
  });

  it('the pinned node is killed: the next request is re-pinned and finds the whole cart', async () => {
    const c = new Client();
    const first = await c.send('POST', '/api/cart/items', { productId: 'p04', quantity: 2 });
    expect(first.status).toBe(200);
    await c.send('POST', '/api/cart/items', { productId: 'p05', quantity: 1 });
    await cluster.kill(first.servedBy!);
    const after = await c.send('GET', '/api/cart');
    expect(after.servedBy).not.toBe(first.servedBy);
    expect(after.body.items.map((i: { productId: string; quantity: number }) => [i.productId, i.quantity]))
      .toEqual([['p04', 2], ['p05', 1]]);
  });

  it('a node added later joins the running ones before it is up, and serves their carts', async () => {
    const c = new Client();
    await c.send('POST', '/api/cart/items', { productId: 'p06', quantity: 3 });
    const added = await cluster.add();
    const node = cluster.nodes().find((n) => n.id === added.node)!;
    const health = await (await fetch(`${node.url}/healthz`)).json() as {
      peers: { up: number }; replication: { join: { records: number } };
    };
    expect(health.peers.up).toBe(2);
    expect(health.replication.join.records).toBeGreaterThan(0);
    const direct = await fetch(`${node.url}/api/cart`, {
      headers: { cookie: `shop.sid=${c.cookies.get('shop.sid')}` },
    });
    expect(((await direct.json()) as { items: unknown[] }).items).toHaveLength(1);
  });
});
