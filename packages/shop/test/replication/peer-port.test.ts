// The peer port refuses every bad input with a logged SHOP_ERR_PEER_* code, changes nothing and stays up; the
// peer endpoints do not exist on the shop's own port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../src/replication/peer-signing.ts';
import { health, PEER_SECRET, ReplicatedNodes, type ReplicatedNode } from '../helpers/replicated-nodes.ts';
import { Shopper } from '../helpers/shopper.ts';

const nodes = new ReplicatedNodes();
let a: ReplicatedNode;
const shopper = new Shopper();
beforeAll(async () => {
  a = await nodes.start();
  expect((await shopper.add(a.url, 'p03', 4)).status).toBe(200);
});
afterAll(() => nodes.stopAll());

async function post(path: string, body: string | Buffer, o: { secret?: string; ts?: number; unsigned?: boolean } = {}) {
  const ts = String(o.ts ?? Date.now());
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (!o.unsigned) {
    headers['x-peer-timestamp'] = ts;
    headers['x-peer-signature'] = sign(o.secret ?? PEER_SECRET, ts, path, body);
  }
  const res = await fetch(a.peerUrl + path, {
    method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, code: (JSON.parse(text) as { error?: { code?: string } }).error?.code };
}

const record = (over: Record<string, unknown> = {}) => ({
  k: 'c:11111111-1111-4111-8111-111111111111', v: 1, n: 'intruder', x: Date.now() + 60_000,
  d: { lines: [{ productId: 'p01', quantity: 5 }], orders: [] }, ...over,
});
const batch = (records: unknown[]) => JSON.stringify({ node: 'intruder', records });

describe('replicated › peer port', () => {
  it('a correctly signed ping is answered (the refusals below are not the test signing wrong)', async () => {
    expect((await post('/peer/ping', JSON.stringify({ node: 'tester' }))).status).toBe(200);
  });

  const cases: [string, () => Promise<{ status: number; code: string | undefined }>, number, string][] = [
    ['unsigned', () => post('/peer/replicate', batch([record()]), { unsigned: true }), 401, 'SHOP_ERR_PEER_UNSIGNED'],
    ['wrong secret', () => post('/peer/replicate', batch([record()]), { secret: 'another-secret-0123456789' }),
      401, 'SHOP_ERR_PEER_BAD_SIGNATURE'],
    ['replayed outside the window', () => post('/peer/replicate', batch([record()]), { ts: Date.now() - 120_000 }),
      401, 'SHOP_ERR_PEER_STALE_MESSAGE'],
    ['not JSON', () => post('/peer/replicate', '{"node":'), 400, 'SHOP_ERR_PEER_MALFORMED'],
    ['a bad version', () => post('/peer/replicate', batch([record({ v: -1 })])), 400, 'SHOP_ERR_PEER_MALFORMED'],
    ['a bad cart', () => post('/peer/replicate', batch([record({ d: { lines: 'all of them' } })])),
      400, 'SHOP_ERR_PEER_MALFORMED'],
    ['a good record beside a bad one', () => post('/peer/replicate', batch([record(), { k: 'x' }])),
      400, 'SHOP_ERR_PEER_MALFORMED'],
    ['oversized', () => post('/peer/replicate', Buffer.alloc(9 * 1024 * 1024, 0x20)), 413, 'SHOP_ERR_PEER_TOO_LARGE'],
    ['a version from the future', () => post('/peer/replicate',
      batch([record(), record({ k: 'c:22222222-2222-4222-8222-222222222222', v: 5_000_000 })])),
    409, 'SHOP_ERR_PEER_FUTURE_VERSION'],
    ['an unknown endpoint', () => post('/peer/everything', '{}'), 404, 'SHOP_ERR_PEER_NOT_FOUND'],
  ];
  for (const [name, send, status, code] of cases) {
    it(`${name}: ${status} ${code}, logged, nothing changed, the node alive`, async () => {
      const before = await health(a);
      expect(await send()).toEqual({ status, code });
      expect(a.alive()).toBe(true);
      const after = await health(a);
      expect(after.carts).toBe(before.carts);
      expect((await shopper.get(a.url, '/api/cart')).body.items).toMatchObject([{ productId: 'p03', quantity: 4 }]);
      // The node's log reaches us through its stdout pipe, possibly after the answer: wait for the line (bounded).
      await expect.poll(() => a.log(), { timeout: 5000 }).toContain(`"code":"${code}"`);
    });
  }

  it('the peer endpoints do not exist on the shop port', async () => {
    const res = await fetch(`${a.url}/peer/replicate`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: batch([record()]),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('SHOP_ERR_NOT_FOUND');
    expect((await health(a)).carts).toBe(1);
  });
});
