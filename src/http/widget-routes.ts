import cors from 'cors';
import { Router, type RequestHandler } from 'express';
import { buildWidget, type WidgetBundle } from '../widget/build-widget.js';
import { demoPage } from '../widget/demo-page.js';

// widget.js has one URL for every version, so caches keep it briefly and revalidate by ETag.
const WIDGET_CACHE_CONTROL = 'public, max-age=600, stale-while-revalidate=86400';

/**
 * The browser's side of the API: only origins in the allow-list may read /v1/* responses.
 * Others get no Access-Control-Allow-Origin header, so their browser refuses the response.
 */
export function widgetCors(allowedOrigins: readonly string[], moreOrigins?: () => Promise<readonly string[]>): RequestHandler {
  const allowed = new Set(allowedOrigins);
  const handler = cors({
    // `moreOrigins`: the sites of publishable keys, which may call the API from their pages too.
    origin: (origin, callback) => {
      if (origin === undefined || allowed.has(origin) || !moreOrigins) {
        callback(null, origin !== undefined && allowed.has(origin));
        return;
      }
      moreOrigins().then(
        (origins) => callback(null, origins.includes(origin)),
        () => callback(null, false),
      );
    },
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Accept', 'Authorization'],
    exposedHeaders: ['Retry-After', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  });
  // Without an Origin header cors() adds nothing (the request is not a browser's cross-origin one): skip it.
  return (request, response, next) => (request.headers.origin === undefined ? next() : handler(request, response, next));
}

/** Serves /widget.js (built from src/widget in memory, once per process) and the demo page at /. */
export function widgetRoutes(bundle: () => Promise<WidgetBundle> = sharedWidgetBuild): Router {
  const router = Router();

  router.get('/widget.js', async (request, response) => {
    const { code, etag } = await bundle();
    response.set({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': WIDGET_CACHE_CONTROL,
      ETag: etag,
      // Helmet's default (same-origin) would stop other sites' <script src> from loading the widget.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      // Lets integrators pin the file with Subresource Integrity (crossorigin="anonymous").
      'Access-Control-Allow-Origin': '*',
    });
    // Compared by hand: express's req.fresh says "stale" whenever the request also carries
    // Cache-Control: no-cache, which browsers and fetch add to revalidations.
    if (matchesEtag(request.get('if-none-match'), etag)) {
      response.status(304).end();
      return;
    }
    response.send(code);
  });

  router.get('/', (_request, response) => {
    response.set('Cache-Control', 'no-cache').type('html').send(demoPage());
  });

  return router;
}

let pendingBuild: Promise<WidgetBundle> | undefined;

/** Built on the first request, not at start-up, so processes that never serve the widget never start esbuild. */
function sharedWidgetBuild(): Promise<WidgetBundle> {
  pendingBuild ??= buildWidget().catch((error: unknown) => {
    pendingBuild = undefined; // retried on the next request
    throw error;
  });
  return pendingBuild;
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
