// The cart expires with the session: checked by looking inside the check's private Redis (every cart key under the
// store's prefix has a TTL no longer than the idle timeout) and by a shopper who keeps adding over longer than the
// idle timeout (each write must push the expiry back).
import type { RedisConnection } from '@stateshift/shop';
import { expectCart, expectStatus } from './expect-reply.ts';
import { Shopper } from './shopper.ts';
import { notYet } from './workshop-error.ts';

/** The shop's own session keys (connect-redis), which are not the trainee's to prefix. */
const SESSION_KEYS = 'shop:sess:';

export async function keysExpire(
  a: string, probe: RedisConnection, prefix: string, idleSeconds: number,
): Promise<string> {
  expectStatus(await new Shopper().add(a, 'p10', 1), 200, 'an add');
  const all = (await probe.run((c) => c.keys('*'))).filter((k) => !k.startsWith(SESSION_KEYS));
  if (all.length === 0) {
    throw notYet('an add was acknowledged, but nothing of the cart is in Redis at all (only the session is)',
      'the cart must live in Redis, not in the node: write it with redis.run((c) => …) in every method');
  }
  const mine = all.filter((k) => k.startsWith(prefix));
  if (mine.length === 0) {
    throw notYet(`the cart is in Redis, but not under the prefix "${prefix}" (found: ${all.slice(0, 3).join(', ')})`,
      'start every key with options.prefix');
  }
  const ttls = await Promise.all(mine.map((k) => probe.run((c) => c.ttl(k))));
  const forever = mine.filter((_, i) => (ttls[i] ?? -1) < 0);
  if (forever.length > 0) {
    throw notYet(`every cart key should expire with the session (${idleSeconds} s here); ` +
      `these never expire: ${forever.slice(0, 3).join(', ')}`,
      'give the key a TTL on every write: EXPIRE key options.idleSeconds (or SET … EX) after each change');
  }
  const longer = mine.filter((k, i) => (ttls[i] ?? 0) > idleSeconds && k.includes('cart'));
  if (longer.length > 0) {
    const ttl = ttls[mine.indexOf(longer[0]!)];
    throw notYet(`the cart should expire after ${idleSeconds} s like the session; ${longer[0]} lives ${ttl} s`);
  }
  return `${mine.length} keys, all with a TTL`;
}

/** Adds through a node with a short idle timeout, each `gapMs` apart, over more than the idle timeout: everything
 *  must still be there, because every write refreshes the expiry. */
export async function writesKeepTheCart(
  node: string, idleSeconds: number, writes: number, gapMs: number,
): Promise<string> {
  const s = new Shopper();
  const products = ['p11', 'p12', 'p13', 'p14', 'p15'].slice(0, writes);
  const started = Date.now();
  for (const [i, p] of products.entries()) {
    if (i > 0) await new Promise((r) => setTimeout(r, gapMs));
    expectStatus(await s.add(node, p, 1), 200, `add ${i + 1}`);
  }
  const span = (Date.now() - started) / 1000;
  expectCart(await s.cart(node), products.map((p) => [p, 1]),
    `${writes} adds spread over ${span.toFixed(1)} s ` +
      `(the session idles out after ${idleSeconds} s, but the shopper kept writing)`,
    'the expiry must move with every write: EXPIRE key ttl after each change. ' +
      'EXPIRE … NX, or a TTL set only when the cart is created, never moves');
  return `${writes} adds over ${span.toFixed(1)} s, all there`;
}
