import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors.js';
import { keyIdOf, tokenMatches, type ApiKey } from './api-key.js';
import { callerFor, type CallerDefaults } from './caller.js';
import type { KeyStore } from './key-store.js';

export type AuthenticationOptions = {
  /** Off: no key is needed, every request is anonymous. On: every /v1 request needs a valid key. */
  mode: 'off' | 'on';
  keys?: KeyStore;
  defaults: CallerDefaults;
  /** How long a looked-up key is trusted before it is read again (so a revocation takes at most this long). */
  cacheMs?: number;
  now?: () => number;
};

// Routes a publishable key (one that sits in a web page) may call: the widget's chat.
const PUBLISHABLE_ROUTES = new Set(['POST /v1/chat']);

const missingKey = () => new AppError('unauthorized', 'An API key is required: send it as "Authorization: Bearer <key>".');
const invalidKey = () => new AppError('unauthorized', 'The API key is not valid: it is unknown, mistyped or revoked.');

function bearerToken(request: Request): string | undefined {
  const header = request.get('authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError('unauthorized', 'The Authorization header must read "Bearer <key>".');
  return match[1];
}

/**
 * Finds the caller of each /v1 request and keeps it in `response.locals.caller`. With keys on, a
 * missing or bad key is a 401; a publishable key used from a page outside its origins, or on a route
 * other than chat, is a 403; routes for operators check the role themselves (requireOperator).
 */
export function authenticate(options: AuthenticationOptions): RequestHandler & { forget(id: string): void } {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 10_000;
  const cache = new Map<string, { key: ApiKey | undefined; until: number }>();

  const lookUp = async (id: string): Promise<ApiKey | undefined> => {
    const cached = cache.get(id);
    if (cached && cached.until > now()) return cached.key;
    const key = await options.keys?.find(id);
    if (cache.size > 10_000) cache.clear(); // unknown ids must not grow the cache without bound
    cache.set(id, { key, until: now() + cacheMs });
    return key;
  };

  const handler: RequestHandler = async (request, response, next) => {
    if (options.mode === 'off') {
      response.locals.caller = callerFor(undefined, options.defaults);
      next();
      return;
    }
    const token = bearerToken(request);
    if (!token) {
      response.set('WWW-Authenticate', 'Bearer');
      throw missingKey();
    }
    const id = keyIdOf(token);
    const key = id ? await lookUp(id) : undefined;
    if (!key || key.revokedAt || !tokenMatches(token, key)) {
      response.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw invalidKey();
    }
    if (key.kind === 'publishable') {
      const origin = request.get('origin');
      if (!origin || !key.origins.includes(origin)) {
        throw new AppError('forbidden', 'This publishable key only works on the pages of the sites it was made for.');
      }
      if (!PUBLISHABLE_ROUTES.has(`${request.method} ${request.baseUrl}${request.path}`)) {
        throw new AppError('forbidden', 'A publishable key can only chat; use a secret key for this route.');
      }
    }
    response.locals.caller = callerFor(key, options.defaults);
    next();
  };
  // A key revoked through this instance stops working here at once, elsewhere within `cacheMs`.
  return Object.assign(handler, { forget: (id: string) => void cache.delete(id) });
}

/** For routes only operators may use (listing and revoking keys, metrics). */
export const requireOperator: RequestHandler = (_request, response, next) => {
  const key = (response.locals.caller as { key?: ApiKey } | undefined)?.key;
  if (!key || key.role !== 'operator') throw new AppError('forbidden', 'This route needs an operator key.');
  next();
};
