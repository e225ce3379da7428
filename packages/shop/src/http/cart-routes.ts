// The cart, checkout and order endpoints. A 2xx is sent only after the cart store (and the session, when it
// changed) acknowledged the write; a store failure rejects and the error handler answers 503. Every cart write
// goes through storeWrite, so that 503 can say whether this request may have changed anything.
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import type { CartStore } from '../cart/cart-store.ts';
import { ShopError } from '../errors.ts';
import { cartScope } from './session.ts';
import { storeWrite } from './store-writes.ts';
import { idempotencyKey, jsonBody, product, quantity } from './validate.ts';
import { cartView, orderView } from './views.ts';
import { methodNotAllowed } from './errors-middleware.ts';

const MAX_QUANTITY = 99;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function cartRoutes(carts: CartStore): Router {
  const router = Router();
  const itemParam = (req: Request) => product(req.params.productId);

  router.route('/api/cart').get(async (req, res) => {
    const scope = await cartScope(req, false);
    res.json(cartView(scope ? await carts.read(scope) : []));
  }).all(methodNotAllowed);

  router.route('/api/cart/items').post(async (req, res) => {
    const body = jsonBody(req);
    const qty = body.quantity === undefined ? 1 : quantity(body.quantity, 1, MAX_QUANTITY);
    const p = product(body.productId);
    const scope = await cartScope(req, true);
    res.json(cartView(await storeWrite(req, () => carts.add(scope!, p.id, qty))));
  }).all(methodNotAllowed);

  router.route('/api/cart/items/:productId').patch(async (req, res) => {
    const p = itemParam(req);
    const qty = quantity(jsonBody(req).quantity, 0, MAX_QUANTITY);
    const scope = await cartScope(req, qty > 0);
    res.json(cartView(scope ? await storeWrite(req, () => carts.set(scope, p.id, qty)) : []));
  }).delete(async (req, res) => {
    const p = itemParam(req);
    const scope = await cartScope(req, false);
    res.json(cartView(scope ? await storeWrite(req, () => carts.set(scope, p.id, 0)) : []));
  }).all(methodNotAllowed);

  router.route('/api/checkout').post(async (req, res) => {
    const key = idempotencyKey(req);
    const scope = await cartScope(req, false);
    const order = scope ? await storeWrite(req, () => carts.checkout(scope, randomUUID(), key)) : undefined;
    if (!order) throw new ShopError('SHOP_ERR_CART_EMPTY', 'the cart is empty');
    const { createdAt: _createdAt, ...view } = orderView(order);
    res.status(201).json(view);
  }).all(methodNotAllowed);

  router.route('/api/orders/:id').get(async (req, res) => {
    const id = req.params.id ?? '';
    const scope = UUID.test(id) ? await cartScope(req, false) : undefined;
    const order = scope ? await carts.order(scope, id) : undefined;
    if (!order) throw new ShopError('SHOP_ERR_ORDER_NOT_FOUND', 'no such order for this session');
    res.json(orderView(order));
  }).all(methodNotAllowed);

  return router;
}
