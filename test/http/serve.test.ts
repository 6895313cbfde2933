import { connect, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type Services } from '../../src/app.js';
import { createLifecycle } from '../../src/http/lifecycle.js';
import { ListenError, serve, shutdown, type ServeOptions } from '../../src/http/serve.js';
import { servicesFor } from '../helpers/fixture-services.js';
import { parseEvents } from '../conversation/read-events.js';

const services = await servicesFor();
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections(), server.close();
});

const settings: ServeOptions = { port: 0, host: '127.0.0.1', headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 100 };

async function started(app: Parameters<typeof serve>[0], options: Partial<ServeOptions> = {}) {
  const server = await serve(app, { ...settings, ...options });
  servers.push(server);
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('listening', () => {
  it('rejects with a plain message when the port is already in use (never "listening")', async () => {
    const { server } = await started(() => {});
    const port = (server.address() as AddressInfo).port;
    const attempt = serve(() => {}, { ...settings, port });
    await expect(attempt).rejects.toThrow(ListenError);
    await expect(attempt).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
  });

  it('cuts a client that sends its headers too slowly', async () => {
    const { server } = await started(() => {}, { headersTimeoutMs: 300, requestTimeoutMs: 300 });
    const port = (server.address() as AddressInfo).port;
    const socket = connect(port, '127.0.0.1');
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'); // never finishes the headers
    let received = '';
    socket.on('data', (chunk) => (received += String(chunk)));
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    expect(received).toContain('408');
  });

  it('drops connections past maxConnections', async () => {
    const { server } = await started(() => {}, { maxConnections: 1 });
    const port = (server.address() as AddressInfo).port;
    const first = connect(port, '127.0.0.1');
    await new Promise((resolve) => first.on('connect', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = connect(port, '127.0.0.1');
    second.on('error', () => {});
    await new Promise<void>((resolve) => second.on('close', () => resolve()));
    expect(first.destroyed).toBe(false);
    first.destroy();
  });
});

describe('graceful shutdown', () => {
  it('turns readiness to 503 first, lets requests finish, ends streams still open at the deadline with a final event, then closes the stores', async () => {
    const lifecycle = createLifecycle();
    const never = new Promise<never>(() => {});
    let answering = 0;
    const { answerStream: _streaming, ...plain } = services;
    const slow: Services = { ...plain, answer: async () => (answering++, never) };
    const app = createApp({ services: () => slow, logger: pino({ level: 'silent' }), maxMessageChars: 4000, rateLimitPerMinute: 100, lifecycle });
    const { server, url } = await started(app);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    const stream = fetch(`${url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: '{"message":"denosumab"}' });
    while (answering === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    let storesClosed = false;
    const done = shutdown({ server, lifecycle, delayMs: 300, graceMs: 600, close: async () => void (storesClosed = true) });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('shutting_down');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(storesClosed).toBe(false);

    const report = await done;
    expect(report.forced).toBe(1);
    expect(storesClosed).toBe(true);
    const events = parseEvents(await (await stream).text());
    expect(events.at(-1)).toMatchObject({ event: 'error', json: { error: { code: 'shutting_down' } } });
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('finishes quickly when nothing is in flight, closing idle keep-alive connections', async () => {
    const lifecycle = createLifecycle();
    const app = createApp({ services: () => services, logger: pino({ level: 'silent' }), maxMessageChars: 4000, rateLimitPerMinute: 100, lifecycle });
    const { server, url } = await started(app);
    await fetch(`${url}/healthz`); // leaves a keep-alive connection open
    const started_ = Date.now();
    expect(await shutdown({ server, lifecycle, delayMs: 0, graceMs: 10_000, close: async () => {} })).toEqual({ forced: 0 });
    expect(Date.now() - started_).toBeLessThan(5_000);
  });
});
