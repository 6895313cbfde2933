import { Router } from 'express';
import { AppError } from '../errors.js';
import { viewOf } from './api-key.js';
import { requireOperator } from './authenticate.js';
import type { KeyStore } from './key-store.js';

/** For operator keys: list the keys (never their hashes) and revoke one. Keys are created with `npm run keys`. */
export function keyRoutes(keys: KeyStore, onRevoke: (id: string) => void = () => {}): Router {
  const router = Router();
  router.get('/v1/keys', requireOperator, async (_request, response) => {
    response.json({ keys: (await keys.list()).map(viewOf) });
  });
  router.delete('/v1/keys/:id', requireOperator, async (request, response) => {
    const id = String(request.params.id);
    if (!(await keys.revoke(id))) throw new AppError('not_found', 'No active key with this id.');
    onRevoke(id);
    response.status(204).end();
  });
  return router;
}
