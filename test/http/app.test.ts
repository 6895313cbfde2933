import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/types.js';
import { servicesFor } from '../helpers/fixture-services.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';

const services = await servicesFor();
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(services, { maxMessageChars: 500 });
});
afterAll(() => server.close());

function postChat(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return fetch(`${server.url}/v1/chat`, { method: 'POST', headers, body });
}

function expectSafeError(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/at .+\.(ts|js):\d+|node_modules|stack/i);
}

describe('POST /v1/chat', () => {
  it('answers with a cited Answer whose markers all point at real passages of the knowledge folder', async () => {
    const response = await postChat(JSON.stringify({ message: 'zoledronate infusion time and dose' }));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    expect(answer.mode).toBe('extractive');
    expect(answer.references.length).toBeGreaterThan(0);
    const passageIds = new Set(services.knowledge.passages.map((passage) => passage.id));
    for (const reference of answer.references) for (const passage of reference.passages) expect(passageIds.has(passage.id)).toBe(true);
    for (const match of answer.markdown.matchAll(/\[(\d+)\]/g)) {
      expect(Number(match[1])).toBeLessThanOrEqual(answer.references.length);
    }
  });

  it('passes the audience and conversation id through', async () => {
    // Conversation ids are issued by the service (an unknown one is a 404): start one first.
    const first = (await (await postChat(JSON.stringify({ message: 'denosumab' }))).json()) as Answer;
    const response = await postChat(JSON.stringify({ message: 'how is denosumab given', audience: 'patient', conversationId: first.conversationId }));
    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({ audience: 'patient', conversationId: first.conversationId });
    expect(answer.references[0]?.docId).toBe('bone-medicines-patient');
  });

  it.each([
    ['an empty message', { message: '   ' }, 'message', 'must not be empty'],
    ['a missing message', { audience: 'patient' }, 'message', 'is required'],
    ['a message of the wrong type', { message: 42 }, 'message', 'must be a string'],
    ['an oversized message', { message: 'x'.repeat(501) }, 'message', 'at most 500 characters'],
    ['an unknown audience', { message: 'hello', audience: 'doctor' }, 'audience', 'must be "patient" or "professional"'],
    ['a malformed conversation id', { message: 'hello', conversationId: '../../etc' }, 'conversationId', 'conversation id'],
    ['an unknown field', { message: 'hello', extra: true }, '(body)', 'extra'],
  ])('rejects %s with 400 naming the field', async (_name, body, path, message) => {
    const response = await postChat(JSON.stringify(body));
    expect(response.status).toBe(400);
    const payload = (await response.json()) as { error: { code: string; message: string; issues: Array<{ path: string; message: string }> } };
    expect(payload.error.code).toBe('invalid_request');
    expect(payload.error.issues).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(payload.error.message).toContain(path === '(body)' ? 'extra' : path);
  });

  it('rejects a body that is not an object', async () => {
    const response = await postChat(JSON.stringify(['hello']));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('JSON object');
  });

  it('rejects malformed JSON with 400 and no parser internals', async () => {
    const response = await postChat('{"message": "unterminated');
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toEqual({ error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } });
  });

  it('rejects a body that is not JSON with 415', async () => {
    const response = await postChat('message=hello', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await postChat(JSON.stringify({ message: 'x'.repeat(70_000) }));
    expect(response.status).toBe(413);
    expectSafeError(await response.json());
  });
});

describe('other routes', () => {
  it('lists the knowledge documents with review status and dates, without file paths', async () => {
    const response = await fetch(`${server.url}/v1/knowledge`);
    const body = (await response.json()) as { documents: Array<Record<string, unknown>> };
    expect(body.documents).toHaveLength(3);
    expect(body.documents[0]).toHaveProperty('review.status');
    expect(body.documents[0]).toHaveProperty('updated');
    expect(body.documents[0]).not.toHaveProperty('file');
  });

  it('shows one document with its passages, and 404 for an unknown id', async () => {
    const found = await fetch(`${server.url}/v1/knowledge/bone-agents`);
    const document = (await found.json()) as { id: string; passages: Array<{ id: string }> };
    expect(document.id).toBe('bone-agents');
    expect(document.passages.map((passage) => passage.id)).toContain('bone-agents#dose-and-schedule-1');
    const missing = await fetch(`${server.url}/v1/knowledge/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(`${server.url}/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /v1/nothing-here.' } });
  });

  it('reports health and readiness', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ status: 'ready', documents: 3 });
  });
});

describe('before the knowledge is loaded', () => {
  it('is healthy but not ready, and chat answers 503', async () => {
    const starting = await startServer(undefined);
    try {
      expect((await fetch(`${starting.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${starting.url}/readyz`)).status).toBe(503);
      const chat = await fetch(`${starting.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"hi"}' });
      expect(chat.status).toBe(503);
      expect(((await chat.json()) as { error: { code: string } }).error.code).toBe('not_ready');
    } finally {
      await starting.close();
    }
  });
});

describe('failures inside the pipeline', () => {
  it('become a 500 with a generic message, never the error text or stack', async () => {
    const failing = await startServer({
      knowledge: services.knowledge,
      answer: async () => {
        throw new Error('secret internal detail sk-test-key');
      },
    });
    try {
      const response = await fetch(`${failing.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"hi"}' });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toContain('secret');
      expect(text).not.toContain('sk-test');
      expectSafeError(JSON.parse(text));
    } finally {
      await failing.close();
    }
  });

  it('rate limits with a JSON 429', async () => {
    const limited = await startServer(services, { rateLimitPerMinute: 1 });
    try {
      const send = () => fetch(`${limited.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"denosumab"}' });
      expect((await send()).status).toBe(200);
      const second = await send();
      expect(second.status).toBe(429);
      expect(((await second.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});

describe('GET /openapi.json', () => {
  it('describes the routes with the request schema that validates them', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: { ChatRequest: { properties: { message: { maxLength: number } }; required: string[] } } };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/chat', '/v1/knowledge', '/v1/rules/evaluate', '/v1/chat/completions']));
    expect(document.components.schemas.ChatRequest.required).toEqual(['message']);
    expect(document.components.schemas.ChatRequest.properties.message.maxLength).toBe(500);
  });

  it('describes the lighter answer a request may ask for, and the final event of a stream', async () => {
    type Schema = { required?: string[]; properties: Record<string, { items?: { enum?: string[] }; description?: string }> };
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { components: { schemas: Record<string, Schema> } };
    const { ChatRequest, StreamedAnswer, Answer } = document.components.schemas;
    expect(ChatRequest!.properties.omit!.items!.enum).toEqual(['markdown', 'blocks']);
    expect(ChatRequest!.properties.omit!.description).toContain('not both');
    expect(StreamedAnswer!.properties).not.toHaveProperty('markdown');
    expect(StreamedAnswer!.required).toEqual(Answer!.required!.filter((field) => !['blocks', 'markdown', 'references'].includes(field)));
  });

  it('documents a validation failure as its check and reason only', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { components: { schemas: Record<string, { required?: string[]; properties?: Record<string, { enum?: string[] }> }> } };
    const failure = document.components.schemas.Failure!;
    expect(Object.keys(failure.properties ?? {}).sort()).toEqual(['check', 'reason']);
    expect(failure.properties?.check?.enum).toEqual(expect.arrayContaining(['heading', 'meaning', 'markup', 'empty']));
  });

  it('documents the answer the chat returns: one reference per document with its quoted passages, and what was understood', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> } };
    const { Answer: answer, Reference: reference } = document.components.schemas;
    expect(answer?.required).toEqual(expect.arrayContaining(['references', 'understood', 'notices']));
    expect(reference?.required).toContain('passages');
    expect(Object.keys(reference?.properties ?? {})).not.toContain('passageId');
    // The documented shape is the shape delivered.
    const delivered = (await (await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"denosumab dose"}' })).json()) as Record<string, unknown>;
    for (const field of answer?.required ?? []) expect(delivered, field).toHaveProperty(field);
    const first = (delivered.references as Array<Record<string, unknown>>)[0]!;
    for (const field of reference?.required ?? []) expect(first, field).toHaveProperty(field);
  });
});
