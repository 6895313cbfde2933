import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/conversation/conversation-store.js';
import { createCompactAnswerCodec } from '../../src/conversation/compact-answer.js';
import { createSqliteConversationStore } from '../../src/conversation/sqlite-conversation-store.js';
import type { Answer, Audience, Conversation } from '../../src/domain/types.js';
import { citedSentences } from '../helpers/answer-checks.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';
import { dataOf, postChatStream, streamedAnswer } from '../conversation/read-events.js';

const services = await servicesFor(PACK_KNOWLEDGE);
const directory = mkdtempSync(path.join(os.tmpdir(), 'guideline-chat-flow-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** One server process: its own SQLite connection over a shared file, as after a restart. */
async function startInstance(file: string): Promise<{ server: RunningServer; store: ConversationStore; stop(): Promise<void> }> {
  // Compact answers, as the server stores them: what is read back must be what was delivered.
  const store = createSqliteConversationStore({ path: file, retentionDays: 30, codec: createCompactAnswerCodec(() => services.knowledge) });
  const server = await startServer(services, { conversations: store });
  return { server, store, stop: async () => (await server.close(), await store.close()) };
}

async function postChat(url: string, body: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}

async function postChatStreamed(url: string, body: Record<string, unknown>): Promise<Omit<Answer, 'markdown'>> {
  const { response, events } = await postChatStream(url, body);
  expect(response.status).toBe(200);
  expect(events.filter((event) => event.event !== 'comment' && event.event !== 'text').map((event) => event.event)).toEqual(['meta', 'references', 'answer', 'done']);
  const answer = streamedAnswer(events);
  expect(dataOf<{ standaloneQuestion: string }>(events, 'meta')[0]!.standaloneQuestion).toBe(answer.standaloneQuestion);
  return answer;
}

/** Every sentence cited, every marker pointing at a reference. */
function expectCited(answer: Omit<Answer, 'markdown'>): void {
  expect(answer.references.length).toBeGreaterThan(0);
  for (const { sentence, citations } of citedSentences(answer)) {
    expect(citations.length, sentence).toBeGreaterThan(0);
    for (const n of citations) expect(n).toBeLessThanOrEqual(answer.references.length);
  }
}

const FLOW: Array<{ message: string; audience?: Audience; standalone: string; audienceAfter: Audience; cites: string }> = [
  { message: 'What is the zoledronic acid dose in renal impairment?', standalone: 'What is the zoledronic acid dose in renal impairment?', audienceAfter: 'professional', cites: 'zoledronic-acid-renal-dosing' },
  { message: 'how often is it given?', standalone: 'How often is zoledronic acid given in renal impairment?', audienceAfter: 'professional', cites: 'zoledronic-acid-renal-dosing' },
  // After the restart: a follow-up that switches drug and audience.
  { message: 'what about denosumab?', audience: 'patient', standalone: 'How often is denosumab given in renal impairment?', audienceAfter: 'patient', cites: 'patient-bone-medicines' },
];

describe.each([
  ['JSON', postChat],
  ['streamed', postChatStreamed],
] as const)('a three-turn conversation through POST /v1/chat (%s), surviving a restart', (mode, send) => {
  it('gives correct standalone questions and cited answers, and keeps the history across the restart', async () => {
    const file = path.join(directory, mode, 'conversations.sqlite');
    const before = await startInstance(file);
    const first = await send(before.server.url, { message: FLOW[0]!.message });
    const conversationId = first.conversationId;
    const second = await send(before.server.url, { message: FLOW[1]!.message, conversationId });
    await before.stop();

    const after = await startInstance(file);
    try {
      const third = await send(after.server.url, { message: FLOW[2]!.message, audience: FLOW[2]!.audience, conversationId });
      const answers = [first, second, third];
      answers.forEach((answer, index) => {
        const step = FLOW[index]!;
        expect(answer.conversationId).toBe(conversationId);
        expect(answer.standaloneQuestion).toBe(step.standalone);
        expect(answer.audience).toBe(step.audienceAfter);
        expect(answer.references.map((reference) => reference.docId)).toContain(step.cites);
        expectCited(answer);
      });
      expect(third.notices.find((notice) => notice.kind === 'disclaimer')?.text).toContain('not a diagnosis or medical advice');

      const history = (await (await fetch(`${after.server.url}/v1/conversations/${conversationId}`)).json()) as Conversation;
      expect(history.id).toBe(conversationId);
      expect(history.turns.map((turn) => [turn.position, turn.question, turn.standaloneQuestion, turn.audience])).toEqual(
        FLOW.map((step, index) => [index + 1, step.message, step.standalone, step.audienceAfter]),
      );
      // A stream carries the whole answer but its markdown (the blocks' text again), which is kept.
      const delivered = (answer: Answer) => (mode === 'JSON' ? answer : (({ markdown: _markdown, ...rest }) => rest)(answer));
      expect(history.turns.map((turn) => delivered(turn.answer))).toEqual(answers);
      for (const turn of history.turns) expect(turn.answer.markdown).toContain(turn.answer.blocks[0]!.text);
    } finally {
      await after.stop();
    }
  });
});

describe('conversation endpoints', () => {
  let instance: Awaited<ReturnType<typeof startInstance>>;
  it('GET returns the history; DELETE forgets it (204, then 404 everywhere)', async () => {
    instance = await startInstance(path.join(directory, 'endpoints.sqlite'));
    try {
      const { url } = instance.server;
      const answer = await postChat(url, { message: 'What is SINS?' });
      const found = await fetch(`${url}/v1/conversations/${answer.conversationId}`);
      expect(found.status).toBe(200);
      expect(found.headers.get('cache-control')).toBe('no-store');
      expect(((await found.json()) as Conversation).turns).toHaveLength(1);

      const deleted = await fetch(`${url}/v1/conversations/${answer.conversationId}`, { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      expect(await deleted.text()).toBe('');
      expect((await fetch(`${url}/v1/conversations/${answer.conversationId}`)).status).toBe(404);
      expect((await fetch(`${url}/v1/conversations/${answer.conversationId}`, { method: 'DELETE' })).status).toBe(404);
      const followUp = await fetch(`${url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'how reliable is it?', conversationId: answer.conversationId }) });
      expect(followUp.status).toBe(404);
      expect(((await followUp.json()) as { error: { code: string } }).error.code).toBe('not_found');
    } finally {
      await instance.stop();
    }
  });

  it('answers an unknown or malformed id with a JSON 404', async () => {
    instance = await startInstance(path.join(directory, 'unknown.sqlite'));
    try {
      for (const id of ['0b7c4b8e-5b8f-4a53-9d7e-8f1c3a2b4c5d', 'not-an-id', '..%2F..%2Fetc']) {
        const response = await fetch(`${instance.server.url}/v1/conversations/${id}`);
        expect(response.status).toBe(404);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
      }
    } finally {
      await instance.stop();
    }
  });
});

describe('audience', () => {
  it.each(['How is denosumab given?', 'Is one radiotherapy treatment as good as several for bone pain?', 'What are the side effects of zoledronic acid?', 'How is osteonecrosis of the jaw prevented?'])(
    '"%s" is answered from patient documents for patients and from professional ones for professionals',
    async (question) => {
      const professional = await services.answer({ message: question, audience: 'professional' });
      const patient = await services.answer({ message: question, audience: 'patient' });
      const professionalDocs = [...new Set(professional.references.map((reference) => reference.docId))];
      const patientDocs = [...new Set(patient.references.map((reference) => reference.docId))];
      const patientShare = (docIds: readonly string[]) => docIds.filter((docId) => docId.startsWith('patient-')).length / docIds.length;
      expect(patientShare(patientDocs), `${patientDocs}`).toBeGreaterThan(0.5);
      expect(patientShare(patientDocs)).toBeGreaterThan(patientShare(professionalDocs));
      expect(patient.markdown).not.toBe(professional.markdown);
      expect(patient.notices.find((notice) => notice.kind === 'disclaimer')?.text).not.toBe(professional.notices.find((notice) => notice.kind === 'disclaimer')?.text);
    },
  );
});
