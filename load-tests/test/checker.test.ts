// The checker on crafted histories: each case is a small story whose verdict a reader can check by hand.
import { describe, expect, it } from 'vitest';
import { checkCart, checkIntegrity } from '../src/checker/check-integrity.ts';
import { classifyAnswer } from '../src/shoppers/classify-response.ts';
import type { Outcome, ReadBack, ShopperHistory, WriteOp, WriteRecord } from '../src/shoppers/history.ts';

const w = (op: WriteOp, outcome: Outcome = 'acked', node = 'stateful-1'): WriteRecord =>
  ({ op, outcome, sentAt: 0, node });
const add = (productId: string, quantity: number, outcome?: Outcome, node?: string) =>
  w({ kind: 'add', productId, quantity }, outcome, node);
const set = (productId: string, quantity: number, outcome?: Outcome) =>
  w({ kind: 'set', productId, quantity }, outcome);
const remove = (productId: string, outcome?: Outcome) => w({ kind: 'remove', productId }, outcome);
const checkout = (outcome?: Outcome) => w({ kind: 'checkout' }, outcome);
const cart = (lines: Record<string, number>): ReadBack => ({
  ok: true, items: Object.entries(lines).map(([productId, quantity]) => ({ productId, quantity })),
});
const history = (...writes: WriteRecord[]): ShopperHistory => ({ shopper: 1, writes });

describe('checker › one cart', () => {
  it('a cart holding exactly the acknowledged writes is intact', () => {
    expect(checkCart(history(add('p1', 2), add('p1', 1), add('p2', 1)), cart({ p1: 3, p2: 1 })).verdict).toBe('intact');
  });

  it('an acknowledged item missing makes the cart lost and counts the missing units', () => {
    const check = checkCart(history(add('p1', 2), add('p2', 3)), cart({ p1: 2 }));
    expect(check).toMatchObject({ verdict: 'lost', itemsLost: 3, itemsExpected: 5 });
  });

  it('the whole cart gone (a fresh empty session) is lost', () => {
    expect(checkCart(history(add('p1', 1)), cart({})).verdict).toBe('lost');
  });

  it('an indeterminate add may or may not be there: both are legitimate; only its absence is intact', () => {
    const writes = history(add('p1', 1), add('p1', 2, 'indeterminate'));
    expect(checkCart(writes, cart({ p1: 1 })).verdict).toBe('intact');
    expect(checkCart(writes, cart({ p1: 3 })).verdict).toBe('indeterminate');
    expect(checkCart(writes, cart({ p1: 0 })).verdict).toBe('lost');
    expect(checkCart(writes, cart({ p1: 4 }))).toMatchObject({ verdict: 'excess', itemsExcess: 1 });
  });

  it('an item the shopper never added is unexpected (a leak between sessions)', () => {
    expect(checkCart(history(add('p1', 1)), cart({ p1: 1, p9: 2 })))
      .toMatchObject({ verdict: 'excess', unexpected: 2 });
  });

  it('a failed write is known not to have happened', () => {
    expect(checkCart(history(add('p1', 1), add('p1', 5, 'failed')), cart({ p1: 1 })).verdict).toBe('intact');
    expect(checkCart(history(add('p1', 1), add('p1', 5, 'failed')), cart({ p1: 6 })).verdict).toBe('excess');
  });

  it('an acknowledged checkout empties the cart legitimately; items added afterwards are expected', () => {
    expect(checkCart(history(add('p1', 2), checkout(), add('p2', 1)), cart({ p2: 1 })).verdict).toBe('intact');
    expect(checkCart(history(add('p1', 2), checkout()), cart({ p1: 2 })).verdict).toBe('excess');
  });

  it('an acknowledged checkout is a read too: an order missing acknowledged items means the cart was lost', () => {
    const lossyCheckout: WriteRecord = { ...checkout(), observed: [{ productId: 'p2', quantity: 1 }] };
    const check = checkCart(history(add('p1', 2), add('p2', 1), lossyCheckout, add('p3', 1)), cart({ p3: 1 }));
    expect(check).toMatchObject({ verdict: 'lost', itemsLost: 2, itemsExpected: 4 });
    const fullCheckout: WriteRecord = {
      ...checkout(), observed: [{ productId: 'p1', quantity: 2 }, { productId: 'p2', quantity: 1 }],
    };
    expect(checkCart(history(add('p1', 2), add('p2', 1), fullCheckout), cart({})).verdict).toBe('intact');
  });

  it('an indeterminate checkout allows the cart to be emptied, so an empty cart is not lost', () => {
    expect(checkCart(history(add('p1', 2), checkout('indeterminate')), cart({})).verdict).toBe('indeterminate');
    expect(checkCart(history(add('p1', 2), checkout('indeterminate')), cart({ p1: 2 })).verdict).toBe('intact');
  });

  it('a PATCH to 0 and a DELETE remove the line; a PATCH sets the quantity', () => {
    expect(checkCart(history(add('p1', 2), set('p1', 0)), cart({})).verdict).toBe('intact');
    expect(checkCart(history(add('p1', 2), remove('p1')), cart({})).verdict).toBe('intact');
    expect(checkCart(history(add('p1', 2), set('p1', 5)), cart({ p1: 5 })).verdict).toBe('intact');
    expect(checkCart(history(add('p1', 2), set('p1', 5)), cart({ p1: 2 })).verdict).toBe('lost');
  });

  it('an indeterminate add sent before a PATCH may land after it (a zombie write): within bounds', () => {
    expect(checkCart(history(add('p1', 2, 'indeterminate'), set('p1', 1)), cart({ p1: 3 })).verdict)
      .toBe('indeterminate');
  });

  it('a failed read-back leaves the cart indeterminate, never intact or lost', () => {
    expect(checkCart(history(add('p1', 1)), { ok: false, reason: 'timeout' }).verdict).toBe('indeterminate');
  });
});

describe('checker › integrity figures', () => {
  it('adds up carts, items, writes, and lost carts by the node of the last acknowledged write', () => {
    const histories: ShopperHistory[] = [
      { shopper: 1, writes: [add('p1', 1, 'acked', 'stateful-1')] },
      { shopper: 2, writes: [add('p1', 2, 'acked', 'stateful-2'), add('p2', 1, 'indeterminate')] },
      { shopper: 3, writes: [add('p3', 1, 'acked', 'stateful-2'), add('p3', 1, 'failed')] },
      { shopper: 4, writes: [] },
    ];
    const readBacks = new Map<number, ReadBack>([
      [1, cart({})], [2, cart({ p1: 2 })], [3, cart({ p3: 1, p7: 1 })], [4, { ok: false, reason: '503' }],
    ]);
    expect(checkIntegrity(histories, readBacks)).toEqual({
      shoppers: 4, cartsChecked: 3, cartsIntact: 1, cartsLost: 1, cartsIndeterminate: 1, cartsExcess: 1,
      itemsAcked: 4, itemsLost: 1, itemsExcess: 0, indeterminate: 1, unexpected: 1, readFailures: 1,
      lostByNode: { 'stateful-1': 1 }, writes: { acked: 3, failed: 1, indeterminate: 1 },
    });
  });
});

describe('checker › shop store failures (a Redis outage)', () => {
  const shop503 = (code: string) => classifyAnswer(503, undefined, JSON.stringify({ error: { code, message: 'm' } }));
  const during = (op: WriteOp, code: string): WriteRecord => ({
    op, outcome: shop503(code).outcome, sentAt: 0, node: 'stateless-1', status: 503, code,
  });

  it('classifier › a shop 503 SHOP_ERR_STORE_UNAVAILABLE is failed; SHOP_ERR_STORE_INDETERMINATE and other 5xx '
    + 'stay indeterminate', () => {
    expect(shop503('SHOP_ERR_STORE_UNAVAILABLE'))
      .toEqual({ outcome: 'failed', end: 'http5xx', code: 'SHOP_ERR_STORE_UNAVAILABLE' });
    expect(shop503('SHOP_ERR_STORE_INDETERMINATE'))
      .toEqual({ outcome: 'indeterminate', end: 'http5xx', code: 'SHOP_ERR_STORE_INDETERMINATE' });
    expect(shop503('SHOP_ERR_SHUTTING_DOWN').outcome).toBe('indeterminate');
    expect(classifyAnswer(500, undefined, '{"error":{"code":"SHOP_ERR_INTERNAL"}}').outcome).toBe('indeterminate');
    // A balancer error decides by its own code, whatever the body says.
    expect(classifyAnswer(502, 'LB_ERR_UPSTREAM', '{"error":{"code":"SHOP_ERR_STORE_UNAVAILABLE"}}').outcome)
      .toBe('indeterminate');
    expect(classifyAnswer(503, 'LB_ERR_NO_UPSTREAM', '').outcome).toBe('failed');
  });

  it('classifier › a shop 503 SHOP_ERR_CAPACITY (a stateful node at MAX_SESSIONS stored nothing) is failed, '
    + 'not indeterminate', () => {
    expect(shop503('SHOP_ERR_CAPACITY')).toEqual({ outcome: 'failed', end: 'http5xx', code: 'SHOP_ERR_CAPACITY' });
    expect(classifyAnswer(502, 'LB_ERR_UPSTREAM', '{"error":{"code":"SHOP_ERR_CAPACITY"}}').outcome)
      .toBe('indeterminate');
  });

  it('writes refused with SHOP_ERR_STORE_UNAVAILABLE, then an empty Redis: the acknowledged cart is lost', () => {
    const writes = history(
      add('p1', 2, 'acked', 'stateless-1'),
      during({ kind: 'add', productId: 'p2', quantity: 1 }, 'SHOP_ERR_STORE_UNAVAILABLE'),
      during({ kind: 'checkout' }, 'SHOP_ERR_STORE_UNAVAILABLE'),
      during({ kind: 'remove', productId: 'p1' }, 'SHOP_ERR_STORE_UNAVAILABLE'),
    );
    expect(checkCart(writes, cart({})))
      .toMatchObject({ verdict: 'lost', itemsLost: 2, itemsExpected: 2, lostOn: 'stateless-1' });
    expect(checkCart(writes, cart({ p1: 2 })).verdict).toBe('intact');
  });

  it('a checkout or remove answered SHOP_ERR_STORE_INDETERMINATE may have emptied the cart: '
    + 'an empty cart is indeterminate, not lost', () => {
    const checkoutMaybe = history(add('p1', 2), during({ kind: 'checkout' }, 'SHOP_ERR_STORE_INDETERMINATE'));
    expect(checkCart(checkoutMaybe, cart({})).verdict).toBe('indeterminate');
    const removeMaybe = history(
      add('p1', 2), during({ kind: 'remove', productId: 'p1' }, 'SHOP_ERR_STORE_INDETERMINATE'),
    );
    expect(checkCart(removeMaybe, cart({})).verdict).toBe('indeterminate');
  });

  it('integrity figures count the two shop codes as failed and indeterminate writes', () => {
    const histories: ShopperHistory[] = [{ shopper: 1, writes: [add('p1', 1, 'acked', 'stateless-2'),
      during({ kind: 'add', productId: 'p1', quantity: 1 }, 'SHOP_ERR_STORE_UNAVAILABLE'),
      during({ kind: 'add', productId: 'p1', quantity: 1 }, 'SHOP_ERR_STORE_INDETERMINATE')] }];
    expect(checkIntegrity(histories, new Map([[1, cart({})]]))).toMatchObject({
      cartsLost: 1, itemsLost: 1, lostByNode: { 'stateless-2': 1 }, writes: { acked: 1, failed: 1, indeterminate: 1 },
    });
  });
});
