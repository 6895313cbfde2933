import type { Express, RequestHandler } from 'express';
import { AppError } from '../errors.js';

// The parts of express's router layers read here (router 2): a route's methods, a mounted router's stack.
type Layer = {
  route?: { methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  match(path: string): { path: string } | false;
};

function methodsFor(stack: readonly Layer[], path: string, found: Set<string>): void {
  for (const layer of stack) {
    let match: { path: string } | false;
    try {
      match = layer.match(path);
    } catch {
      match = false; // a malformed escape in the path: no route of ours matches it
    }
    if (!match) continue;
    if (layer.route) {
      for (const [method, handled] of Object.entries(layer.route.methods)) if (handled && method !== '_all') found.add(method.toUpperCase());
    } else if (layer.handle?.stack) {
      methodsFor(layer.handle.stack, path.slice(match.path.length) || '/', found);
    }
  }
}

/**
 * Placed after every route: a path that exists with other methods gets 405 with an `Allow` header,
 * not a 404. Reads the app's own routes, so new routes are covered without a list to keep in step.
 */
export function methodNotAllowed(app: Express): RequestHandler {
  return (request, response, next) => {
    const found = new Set<string>();
    methodsFor((app.router as unknown as { stack: Layer[] }).stack, request.path, found);
    if (found.size === 0) {
      next();
      return;
    }
    if (found.has('GET')) found.add('HEAD');
    const allow = [...found].sort().join(', ');
    response.set('Allow', allow);
    throw new AppError('method_not_allowed', `${request.method} is not allowed here; use ${allow}.`);
  };
}
