import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's default security headers, worked out once at start-up and then set as a fixed list: with
 * the defaults they never depend on the request, and one loop costs less per request than helmet's
 * chain of a dozen middlewares.
 */
export function securityHeaders(): RequestHandler {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.push([name, String(value)]);
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let finished = false;
  helmet()({} as IncomingMessage, recorder as unknown as ServerResponse, () => {
    finished = true;
  });
  // helmet with its defaults finishes synchronously; anything else would make a fixed list wrong.
  if (!finished) throw new Error('helmet did not finish synchronously: its headers cannot be fixed at start-up');
  return (_request, response, next) => {
    for (const name of removed) response.removeHeader(name);
    for (const [name, value] of set) response.setHeader(name, value);
    next();
  };
}
