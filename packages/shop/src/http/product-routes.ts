// The read-only catalog API. No session is touched.
import { Router } from 'express';
import { CATALOG } from '../catalog.ts';
import { product } from './validate.ts';
import { methodNotAllowed } from './errors-middleware.ts';

export function productRoutes(): Router {
  const router = Router();
  router.route('/api/products').get((_req, res) => { res.json({ products: CATALOG }); }).all(methodNotAllowed);
  router.route('/api/products/:id').get((req, res) => { res.json(product(req.params.id)); }).all(methodNotAllowed);
  return router;
}
