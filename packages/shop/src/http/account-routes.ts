// Login and logout: a display name in the session. Both regenerate the session id and keep the cart and orders.
import { Router } from 'express';
import { regenerateSession, saveSession } from './session.ts';
import { displayName, jsonBody } from './validate.ts';
import { methodNotAllowed } from './errors-middleware.ts';

export function accountRoutes(): Router {
  const router = Router();
  router.route('/api/login').post(async (req, res) => {
    const name = displayName(jsonBody(req).name);
    await regenerateSession(req);
    req.session.name = name;
    await saveSession(req);
    res.json({ name });
  }).all(methodNotAllowed);

  router.route('/api/logout').post(async (req, res) => {
    if (req.session.name !== undefined) {
      delete req.session.name;
      await regenerateSession(req);
    }
    res.json({ name: null });
  }).all(methodNotAllowed);
  return router;
}
