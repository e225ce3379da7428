// The two HTML pages, rendered on the server from the same stores as the API; reading never creates a session.
import { Router, type Request, type Response } from 'express';
import type { CartStore } from '../cart/cart-store.ts';
import type { Variant } from '../config.ts';
import { cartScope } from '../http/session.ts';
import { cartView, orderView } from '../http/views.ts';
import { methodNotAllowed } from '../http/errors-middleware.ts';
import { catalogPage } from './catalog-page.ts';
import { cartPage } from './cart-page.ts';

export function pageRoutes(o: { carts: CartStore; nodeId: string; variant: Variant }): Router {
  const router = Router();
  const context = async (req: Request) => {
    const scope = await cartScope(req, false);
    const cart = cartView(scope ? await o.carts.read(scope) : []);
    const cartCount = cart.items.reduce((n, i) => n + i.quantity, 0);
    return { scope, cart, ctx: { variant: o.variant, nodeId: o.nodeId, cartCount, name: req.session.name } };
  };
  const send = (res: Response, body: string) =>
    res.type('html').set('cache-control', 'no-store').send(body);

  router.route('/').get(async (req, res) => {
    const { ctx } = await context(req);
    send(res, catalogPage(ctx));
  }).all(methodNotAllowed);
  router.route('/cart').get(async (req, res) => {
    const { scope, cart, ctx } = await context(req);
    const orderId = typeof req.query.order === 'string' ? req.query.order.slice(0, 64) : undefined;
    const order = scope && orderId ? await o.carts.order(scope, orderId) : undefined;
    send(res, cartPage(ctx, cart, order ? orderView(order) : undefined));
  }).all(methodNotAllowed);
  return router;
}
