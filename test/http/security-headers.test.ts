import type { AddressInfo } from 'node:net';
import express from 'express';
import helmet from 'helmet';
import { afterEach, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/http/security-headers.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';

const servers: Array<{ close(): unknown }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function headersOf(handler: express.RequestHandler, route = '/'): Promise<Array<[string, string]>> {
  const app = express();
  app.use(handler);
  app.get('/', (_request, response) => {
    response.json({});
  });
  app.get('/page', (_request, response) => {
    // A route may still replace one of the fixed headers, as it could helmet's.
    response.set('Content-Security-Policy', "default-src 'none'").send('page');
  });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${route}`);
  const headers: Array<[string, string]> = [];
  response.headers.forEach((value, name) => {
    if (name !== 'date' && name !== 'keep-alive') headers.push([name, value]);
  });
  return headers;
}

describe('security headers', () => {
  it('are exactly the headers helmet sets by default, in the same order', async () => {
    const fixed = await headersOf(securityHeaders());
    expect(fixed).toEqual(await headersOf(helmet()));
    expect(fixed.map(([name]) => name)).toEqual(expect.arrayContaining(['content-security-policy', 'strict-transport-security', 'x-content-type-options']));
  });

  it('can still be replaced by a route', async () => {
    const fixed = await headersOf(securityHeaders(), '/page');
    expect(fixed).toEqual(await headersOf(helmet(), '/page'));
    expect(Object.fromEntries(fixed)['content-security-policy']).toBe("default-src 'none'");
  });

  it('are sent by the app on API answers and errors', async () => {
    const server: RunningServer = await startServer(undefined);
    servers.push(server);
    for (const path of ['/healthz', '/readyz', '/no-such-route']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toContain("default-src 'self'");
    }
  });
});
