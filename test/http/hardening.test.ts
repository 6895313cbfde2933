import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryConversationStore } from '../../src/conversation/memory-conversation-store.js';
import type { Answer } from '../../src/domain/types.js';
import { servicesFor } from '../helpers/fixture-services.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';

const services = await servicesFor();

/** A pino logger writing JSON lines into an array, to read what the service logs. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** A raw request, so that the path reaches the server exactly as written. */
function raw(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('malformed requests are 4xx, never 500 with a stack in the log', () => {
  const { logger, lines } = capturedLogger();
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(services, { logger });
  });
  afterAll(() => server.close());

  it.each(['/v1/knowledge/%ZZ', '/v1/conversations/%E0%A4%A'])('GET %s is a 400 naming the URL', async (path) => {
    const response = await raw(server.url, { path });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'invalid_request', message: 'The URL is malformed: a percent-escape in it does not decode.' } });
  });

  it('answers an invalid gzip body with 400, and a valid gzip body normally', async () => {
    const bad = await raw(server.url, { method: 'POST', path: '/v1/chat', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: Buffer.from('this is not gzip') });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('invalid_request');
    const good = await raw(server.url, { method: 'POST', path: '/v1/chat', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{"message":"denosumab dose"}') });
    expect(good.status).toBe(200);
  });

  it('logs none of these at error level', () => {
    expect(lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });

  it.each([
    ['PUT', '/v1/chat', 'POST'],
    ['GET', '/v1/chat', 'POST'],
    ['POST', '/v1/knowledge', 'GET, HEAD'],
    ['PATCH', '/v1/conversations/0b7c4b8e-5b8f-4a53-9d7e-8f1c3a2b4c5d', 'DELETE, GET, HEAD'],
    ['DELETE', '/healthz', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const response = await raw(server.url, { method, path, headers: { 'content-type': 'application/json' }, ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }) });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(JSON.parse(response.body).error.code).toBe('method_not_allowed');
  });

  it('still answers an unknown path with 404', async () => {
    expect((await raw(server.url, { method: 'PUT', path: '/v1/nothing' })).status).toBe(404);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('refuses model "%s" on /v1/chat/completions (404 model_not_found)', async (model) => {
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'denosumab dose' }] }),
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('model_not_found');
  });

  it('marks answers Cache-Control: no-store, on the chat and the OpenAI surface', async () => {
    const answer = await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"denosumab dose"}' });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const streamed = await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: '{"message":"denosumab dose"}' });
    await streamed.text();
    // The event stream keeps its own header (no-cache, no-transform, for proxies); a POST response
    // without freshness information is never stored by a cache anyway.
    expect(streamed.headers.get('cache-control')).toBe('no-cache, no-transform');
    const completion = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'guideline-chat', messages: [{ role: 'user', content: 'denosumab dose' }] }),
    });
    expect(completion.headers.get('cache-control')).toBe('no-store');
  });

  it('logs requests by route pattern, never with the conversation id', async () => {
    const answer = (await (await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"denosumab dose"}' })).json()) as Answer;
    await fetch(`${server.url}/v1/conversations/${answer.conversationId}`);
    await fetch(`${server.url}/v1/conversations/${answer.conversationId}`, { method: 'DELETE' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(JSON.stringify(lines)).not.toContain(answer.conversationId);
    const routes = lines.filter((line) => line.msg === 'request').map((line) => `${line.method} ${line.route}`);
    expect(routes).toEqual(expect.arrayContaining(['GET /v1/conversations/:id', 'DELETE /v1/conversations/:id', 'POST /v1/chat']));
  });
});

describe('client addresses and proxies', () => {
  const chat = (url: string, forwardedFor?: string) =>
    fetch(`${url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) }, body: '{"message":"denosumab"}' });

  it('ignores X-Forwarded-For without TRUST_PROXY, quietly (nothing on stderr)', async () => {
    const errors = vi.spyOn(console, 'error');
    const warnings = vi.spyOn(console, 'warn');
    const server = await startServer(services, { rateLimitPerMinute: 1 });
    try {
      expect((await chat(server.url, '203.0.113.7')).status).toBe(200);
      // Another forwarded address does not buy a new budget: the header is not trusted.
      expect((await chat(server.url, '203.0.113.8')).status).toBe(429);
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
      await server.close();
    }
  });

  it('behind a trusted proxy, limits each client on its own budget (not one bucket for everyone)', async () => {
    const server = await startServer(services, { rateLimitPerMinute: 1, trustProxy: ['loopback'] });
    try {
      expect((await chat(server.url, '203.0.113.7')).status).toBe(200);
      expect((await chat(server.url, '203.0.113.7')).status).toBe(429);
      expect((await chat(server.url, '203.0.113.8')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('a conversation deleted while a turn is being answered', () => {
  it('stays deleted: the turn is not saved afterwards', async () => {
    const conversations = createMemoryConversationStore();
    let release!: () => void;
    let slow = false;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = await startServer(
      { ...services, answer: async (...args: Parameters<typeof services.answer>) => (slow && (await gate), services.answer(...args)) },
      { conversations },
    );
    try {
      const first = (await (await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"denosumab dose"}' })).json()) as Answer;
      slow = true;
      const followUp = fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'how often?', conversationId: first.conversationId }) });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await fetch(`${server.url}/v1/conversations/${first.conversationId}`, { method: 'DELETE' })).status).toBe(204);
      release();
      expect((await followUp).status).toBe(200);
      expect((await fetch(`${server.url}/v1/conversations/${first.conversationId}`)).status).toBe(404);
      expect(await conversations.get(first.conversationId)).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
