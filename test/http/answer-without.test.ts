import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompactAnswerCodec } from '../../src/conversation/compact-answer.js';
import { createSqliteConversationStore } from '../../src/conversation/sqlite-conversation-store.js';
import type { Answer } from '../../src/domain/types.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';
import { dataOf, postChatStream } from '../conversation/read-events.js';

const services = await servicesFor(PACK_KNOWLEDGE);
const directory = mkdtempSync(path.join(os.tmpdir(), 'guideline-chat-omit-'));
const file = path.join(directory, 'chat.sqlite');
const codec = createCompactAnswerCodec(() => services.knowledge);
const conversations = createSqliteConversationStore({ path: file, retentionDays: 30, codec, purgeIntervalMs: 0 });
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(services, { conversations });
});
afterAll(async () => {
  await server.close();
  await conversations.close();
  rmSync(directory, { recursive: true, force: true });
});

const QUESTION = 'What is the zoledronic acid dose in renal impairment?';

async function chat(body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const withoutId = ({ conversationId: _id, ...rest }: Record<string, unknown>) => rest;

describe('POST /v1/chat with `omit`', () => {
  it('sends the whole answer by default, and leaves out only what is asked, the other fields in their order', async () => {
    const whole = await chat({ message: QUESTION });
    expect(whole.status).toBe(200);
    expect(whole.json).toHaveProperty('markdown');
    expect(whole.json).toHaveProperty('blocks');
    expect(await chat({ message: QUESTION, omit: [] }).then((light) => withoutId(light.json))).toEqual(withoutId(whole.json));

    for (const part of ['markdown', 'blocks'] as const) {
      const light = await chat({ message: QUESTION, omit: [part] });
      expect(light.status).toBe(200);
      expect(light.json).not.toHaveProperty(part);
      const { [part]: _left, ...expected } = whole.json;
      expect(withoutId(light.json)).toEqual(withoutId(expected));
      expect(Object.keys(light.json)).toEqual(Object.keys(expected));
    }
    // The lighter answer is lighter by the part left out.
    const noMarkdown = await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: QUESTION, omit: ['markdown'] }) });
    const saved = Buffer.byteLength(JSON.stringify(whole.json)) - Number(noMarkdown.headers.get('content-length'));
    expect(saved).toBe(Buffer.byteLength(`,"markdown":${JSON.stringify(whole.json.markdown)}`));
  });

  it.each([
    ['both parts', ['markdown', 'blocks'], 'omit', 'not both'],
    ['an unknown part', ['references'], 'omit.0', 'must be "markdown" or "blocks"'],
    ['a part that is not a string', [1], 'omit.0', 'must be "markdown" or "blocks"'],
    ['a bare string', 'markdown', 'omit', 'must be an array'],
    ['null', null, 'omit', 'must be an array'],
  ])('rejects %s with a 400 naming `omit`', async (_name, omit, field, message) => {
    const response = await chat({ message: QUESTION, omit });
    expect(response.status).toBe(400);
    const error = response.json.error as { code: string; message: string; issues: Array<{ path: string; message: string }> };
    expect(error.code).toBe('invalid_request');
    expect(error.issues).toEqual([{ path: field, message: expect.stringContaining(message) }]);
    expect(error.message).toContain(field);
  });

  it('stores the same turn whatever the response leaves out, streamed or not: the whole answer, compacted as before', async () => {
    const whole = (await chat({ message: QUESTION })).json as unknown as Answer;
    const streamed = await postChatStream(server.url, { message: QUESTION });
    const ids = [
      whole.conversationId,
      String((await chat({ message: QUESTION, omit: ['markdown'] })).json.conversationId),
      String((await chat({ message: QUESTION, omit: ['blocks'] })).json.conversationId),
      dataOf<{ conversationId: string }>(streamed.events, 'meta')[0]!.conversationId,
    ];
    const database = new Database(file, { readonly: true });
    try {
      const stored = ids.map((id) => database.prepare<[string], { answer_json: string }>('SELECT answer_json FROM turns WHERE conversation_id = ?').get(id)!.answer_json);
      for (const text of stored) expect(text).toBe(codec.encode(whole));
    } finally {
      database.close();
    }
    // Read back, each is the whole answer, markdown and blocks included.
    for (const id of ids) {
      const turns = ((await (await fetch(`${server.url}/v1/conversations/${id}`)).json()) as { turns: Array<{ answer: Answer }> }).turns;
      expect(withoutId(turns[0]!.answer)).toEqual(withoutId(whole));
    }
  });
});
