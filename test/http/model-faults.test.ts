import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteConversationStore } from '../../src/conversation/sqlite-conversation-store.js';
import type { Answer, Conversation } from '../../src/domain/types.js';
import { buildServices, createPhraserFromSettings } from '../../src/services.js';
import { dataOf, parseEvents, postChatStream, streamedAnswer } from '../conversation/read-events.js';
import { completion, MODEL_BASE_URL, MODEL_ORIGIN } from '../generation/fake-model.js';
import { servicesFor } from '../helpers/fixture-services.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';

// Every way the model was seen to fail, on every surface, against the real app on a port with the
// real OpenAI client and conversations in a SQLite file: the user gets a cited extractive answer,
// the turn is saved, and nothing of the provider's reply leaks.

const MODEL_TIMEOUT_MS = 300;
const SECRET = 'provider secret detail';
const QUESTION = 'How is denosumab given?';

const sse = { 'content-type': 'text/event-stream' };
const interceptor = () => nock(MODEL_ORIGIN).post('/v1/chat/completions');

/** Scripts one model fault; `stream` says whether the request asks for a streamed reply. */
const FAULTS: Record<string, (stream: boolean) => void> = {
  timeout: () => void interceptor().delay(MODEL_TIMEOUT_MS * 5).reply(200, completion('Denosumab is given subcutaneously [1].')),
  '429': () => void interceptor().reply(429, { error: { message: SECRET } }, { 'retry-after-ms': '1' }),
  '500': () => void interceptor().reply(500, { error: { message: SECRET } }),
  malformed: (stream) =>
    void (stream
      ? interceptor().reply(200, `data: {"choices": [ ${SECRET}\n\n`, sse)
      : interceptor().reply(200, `{"choices": [ ${SECRET}`, { 'content-type': 'application/json' })),
};

/** A stream that sends one valid chunk and then nothing: given up after the idle timeout. */
function stalledStream(): void {
  interceptor().reply(200, () => {
    const body = new PassThrough();
    body.write(`data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'Denosumab ' }, finish_reason: null }] })}\n\n`);
    return body;
  }, sse);
}

let server: RunningServer;
let directory: string;

beforeAll(async () => {
  const fixture = await servicesFor();
  const phraser = await createPhraserFromSettings({ apiKey: 'sk-test', baseURL: MODEL_BASE_URL, model: 'test-model', timeoutMs: MODEL_TIMEOUT_MS, maxRetries: 0, promptsDir: 'prompts' });
  directory = mkdtempSync(join(tmpdir(), 'model-faults-'));
  const conversations = createSqliteConversationStore({ path: join(directory, 'conversations.sqlite'), retentionDays: 30 });
  server = await startServer(buildServices(fixture.knowledge, { phraser }), { conversations });
});
afterAll(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});
afterEach(() => nock.cleanAll());

function expectCitedExtractive(answer: Omit<Answer, 'markdown'>): void {
  expect(answer).toMatchObject({ mode: 'extractive', validation: { status: 'fallback', failures: [] } });
  expect(answer.references.length).toBeGreaterThan(0);
  expect(answer.blocks.length).toBeGreaterThan(0);
  for (const block of answer.blocks) if (block.kind !== 'heading') expect(block.citations.length).toBeGreaterThan(0);
}

async function savedTurns(conversationId: string): Promise<Conversation['turns']> {
  const response = await fetch(`${server.url}/v1/conversations/${conversationId}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as Conversation).turns;
}

async function postCompletion(stream: boolean): Promise<string> {
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'guideline-chat', stream, messages: [{ role: 'user', content: QUESTION }] }),
  });
  expect(response.status).toBe(200);
  return response.text();
}

describe.each(Object.keys(FAULTS))('a model %s', (fault) => {
  it('POST /v1/chat (JSON): a cited extractive answer, the turn saved', async () => {
    FAULTS[fault]!(false);
    const response = await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: QUESTION }) });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    const answer = JSON.parse(text) as Answer;
    expectCitedExtractive(answer);
    expect((await savedTurns(answer.conversationId)).map((turn) => turn.answer.mode)).toEqual(['extractive']);
  });

  it('POST /v1/chat (event stream): fallback after meta, the extractive blocks, the turn saved under the id sent in meta', async () => {
    FAULTS[fault]!(true);
    const { events } = await postChatStream(server.url, { message: QUESTION });
    const names = events.map((event) => event.event).filter((name) => name !== 'comment');
    expect(names.slice(0, 3)).toEqual(['meta', 'references', 'fallback']);
    expect(names).not.toContain('error');
    expect(names.slice(-2)).toEqual(['answer', 'done']);
    expect(JSON.stringify(events)).not.toContain(SECRET);
    const answer = streamedAnswer(events);
    expectCitedExtractive(answer);
    expect(dataOf<{ text: string }>(events, 'text').map((event) => event.text)).toEqual(answer.blocks.map((block) => block.text));
    const { conversationId } = dataOf<{ conversationId: string }>(events, 'meta')[0]!;
    expect(answer.conversationId).toBe(conversationId);
    const saved = await savedTurns(conversationId);
    expect(saved.map((turn) => turn.question)).toEqual([QUESTION]);
    // The turn saved is the answer the stream delivered, markdown included.
    const { markdown, ...delivered } = saved[0]!.answer;
    expect(delivered).toEqual(answer);
    expect(markdown).toContain(answer.blocks[0]!.text);
  });

  it('POST /v1/chat/completions: a cited extractive answer with its references', async () => {
    FAULTS[fault]!(false);
    const body = await postCompletion(false);
    expect(body).not.toContain(SECRET);
    const content = (JSON.parse(body) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content;
    expect(content).toMatch(/\[1\]/);
    expect(content).toContain('**References**');
  });

  it('POST /v1/chat/completions (stream): the cited extractive answer in chunks, ending with [DONE]', async () => {
    FAULTS[fault]!(false);
    const body = await postCompletion(true);
    expect(body).not.toContain(SECRET);
    const events = parseEvents(body).filter((event) => event.event !== 'comment');
    expect(events.at(-1)!.data).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => event.json as { choices: Array<{ delta: { content?: string } }>; error?: unknown });
    expect(chunks.some((chunk) => chunk.error)).toBe(false);
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(content).toMatch(/\[1\]/);
    expect(content).toContain('**References**');
  });
});

describe('a model stream that stalls half-way', () => {
  it('is given up after the idle timeout and ends in the extractive answer, saved', async () => {
    stalledStream();
    const { events } = await postChatStream(server.url, { message: QUESTION });
    const names = events.map((event) => event.event).filter((name) => name !== 'comment');
    expect(names).toContain('fallback');
    expect(names.slice(-2)).toEqual(['answer', 'done']);
    const answer = streamedAnswer(events);
    expectCitedExtractive(answer);
    expect(await savedTurns(answer.conversationId)).toHaveLength(1);
  });
});
