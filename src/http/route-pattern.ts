import type { Request } from 'express';

/**
 * The route that answered, as declared ("/v1/conversations/:id"), never the path itself: paths carry
 * conversation ids and key ids, which do not belong in logs or metric labels.
 */
export function routePattern(request: Request): string {
  const route = (request as { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${request.baseUrl}${route.path}`;
  return '(unmatched)';
}
