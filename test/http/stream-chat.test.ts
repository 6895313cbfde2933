import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerRequest } from '../../src/answer/answer-question.js';
import type { Services } from '../../src/app.js';
import type { Answer, Reference } from '../../src/domain/types.js';
import type { AnswerStream, StreamOutcome } from '../../src/http/chat-stream.js';
import type { SentenceVerdict, TextUnit } from '../../src/http/sentence-relay.js';
import { buildServices } from '../../src/services.js';
import type { Phraser } from '../../src/generation/phraser.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';
import { dataOf, parseEvents, postChatStream, type ServerEvent } from '../conversation/read-events.js';

const services = await servicesFor(PACK_KNOWLEDGE);
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(services);
});
afterAll(() => server.close());

type TextEvent = TextUnit;
const names = (events: readonly ServerEvent[]) => events.map((event) => event.event).filter((name) => name !== 'comment');
/** The event names with runs of `text` collapsed, to assert the order. */
const shape = (events: readonly ServerEvent[]) => names(events).filter((name, index, all) => name !== 'text' || all[index - 1] !== 'text');
const until = (predicate: () => boolean, timeoutMs = 3000) =>
  new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const tick = () => (predicate() ? resolve() : Date.now() - started > timeoutMs ? reject(new Error('timed out')) : setTimeout(tick, 5));
    tick();
  });

// Headings are not claims; everything else must end with [n] markers.
const citedOnly = (unit: TextUnit): SentenceVerdict =>
  unit.kind === 'heading' || /(\[\d+\])+[.!?]?$|[.!?](\s*\[\d+\])+$/.test(unit.text) ? { ok: true } : { ok: false, check: 'citation', reason: 'has no citation marker' };

describe('POST /v1/chat as server-sent events (extractive)', () => {
  it('sends meta, references, the answer blocks as text, the answer and done, with stream headers', async () => {
    const { response, events } = await postChatStream(server.url, { message: 'What is the zoledronic acid dose in renal impairment?' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('content-encoding')).toBeNull();
    // meta and references come before any text.
    expect(shape(events)).toEqual(['meta', 'references', 'text', 'answer', 'done']);

    const [final] = dataOf<Partial<Answer>>(events, 'answer');
    const [meta] = dataOf<{ conversationId: string; standaloneQuestion: string; audience: string }>(events, 'meta');
    expect(meta).toEqual({ conversationId: final!.conversationId, standaloneQuestion: 'What is the zoledronic acid dose in renal impairment?', audience: 'professional' });
    const references = dataOf<{ references: Reference[] }>(events, 'references')[0]!.references;
    const texts = dataOf<TextEvent>(events, 'text');
    for (const text of texts) {
      if (text.kind === 'heading') continue;
      expect(citedOnly({ text: text.text, kind: 'bullet', block: 0 }).ok, text.text).toBe(true);
      for (const match of text.text.matchAll(/\[(\d+)\]/g)) expect(Number(match[1])).toBeLessThanOrEqual(references.length);
    }
    expect(dataOf(events, 'done')).toEqual([{}]);

    // The turn was saved before `answer` was sent; what was saved is the whole answer.
    const saved = await fetch(`${server.url}/v1/conversations/${final!.conversationId}`);
    const turns = ((await saved.json()) as { turns: Array<{ answer: Answer }> }).turns;
    expect(turns).toHaveLength(1);
    const answer = turns[0]!.answer;

    // The final event does not repeat the text or the references: the text events are the blocks,
    // one per block, and the references event holds the references.
    expect(final).not.toHaveProperty('markdown');
    expect(final).not.toHaveProperty('blocks');
    expect(final).not.toHaveProperty('references');
    expect(texts).toEqual(answer.blocks.map((block, index) => ({ text: block.text, kind: block.kind, block: index })));
    expect(references).toEqual(answer.references);
    // Everything else a client needs to finish is in it.
    const { markdown: _markdown, blocks: _blocks, references: _references, ...rest } = answer;
    expect(final).toEqual(rest);
    expect(Object.keys(final!)).toEqual(expect.arrayContaining(['conversationId', 'title', 'notices', 'followUps', 'validation', 'mode', 'findings', 'understood']));
    expect(final!.followUps!.length).toBeGreaterThan(0);
    expect(final!.notices!.map((notice) => notice.kind)).toContain('disclaimer');
  });

  it('sends fewer bytes than the JSON answer: no part of the answer is sent twice', async () => {
    // A final event that repeated the whole answer made a stream the JSON answer plus its text again (1.7×).
    const message = 'How is denosumab given for bone metastases?';
    const post = (accept: string) => fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ message }) });
    const streamed = await (await post('text/event-stream')).text();
    const json = await (await post('application/json')).text();
    expect(Buffer.byteLength(streamed)).toBeLessThan(Buffer.byteLength(json));
  });

  it('answers input errors before the stream starts as JSON 4xx', async () => {
    const invalid = await postChatStream(server.url, { message: '' });
    expect(invalid.response.status).toBe(400);
    expect(invalid.response.headers.get('content-type')).toContain('application/json');
    const unknown = await postChatStream(server.url, { message: 'and for premenopausal women?', conversationId: '0123456789abcdef0123456789abcdef' });
    expect(unknown.response.status).toBe(404);
    expect(unknown.response.headers.get('content-type')).toContain('application/json');
  });

  it('sends an error event when the pipeline fails after the stream started, without internals', async () => {
    const failing = await startServer({
      knowledge: services.knowledge,
      answer: async () => {
        throw new Error('secret detail sk-test');
      },
    });
    try {
      const response = await fetch(`${failing.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: '{"message":"denosumab"}' });
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(text).not.toContain('secret');
      const events = parseEvents(text);
      expect(names(events)).toEqual(['error']);
      expect(events[0]!.json).toEqual({ error: { code: 'internal', message: expect.any(String) } });
    } finally {
      await failing.close();
    }
  });

  it('sends `: ping` heartbeats while the answer is being made', async () => {
    const slow = await startServer(
      {
        knowledge: services.knowledge,
        answer: async (request, signal) => {
          await new Promise((resolve) => setTimeout(resolve, 150));
          return services.answer(request, signal);
        },
      },
      { heartbeatMs: 20 },
    );
    try {
      const response = await fetch(`${slow.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: '{"message":"denosumab dose"}' });
      const events = parseEvents(await response.text());
      const firstMeta = events.findIndex((event) => event.event === 'meta');
      expect(events.slice(0, firstMeta).filter((event) => event.event === 'comment' && event.data === 'ping').length).toBeGreaterThanOrEqual(2);
    } finally {
      await slow.close();
    }
  });
});

/** A scripted model draft streamed through the `answerStream` hook; records what it saw. */
function scriptedStreamServices(script: string[], options: { delayMs?: number; finishAsModel?: boolean } = {}) {
  const seen = { aborted: false, finished: undefined as StreamOutcome | undefined, validated: [] as string[], delivered: undefined as Answer | undefined };
  const answerStream = async (request: AnswerRequest, signal: AbortSignal): Promise<AnswerStream> => {
    const extractive = await services.answer(request);
    signal.addEventListener('abort', () => (seen.aborted = true));
    async function* deltas() {
      for (const delta of script) {
        await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1));
        if (signal.aborted) return;
        yield delta;
      }
    }
    return {
      conversationId: extractive.conversationId,
      standaloneQuestion: extractive.standaloneQuestion,
      audience: extractive.audience,
      references: extractive.references,
      deltas: deltas(),
      validate: (unit) => {
        seen.validated.push(unit.text);
        return citedOnly(unit);
      },
      finish: async (outcome) => {
        seen.finished = outcome;
        seen.delivered =
          outcome.status === 'complete' && options.finishAsModel
            ? { ...extractive, mode: 'model', markdown: outcome.text }
            : { ...extractive, validation: { ...extractive.validation, status: 'fallback', attempts: 1 } };
        return seen.delivered;
      },
    };
  };
  const streaming: Services = { knowledge: services.knowledge, answer: services.answer, answerStream };
  return { streaming, seen };
}

describe('POST /v1/chat streaming a model draft sentence by sentence', () => {
  const GOOD = ['Zoledronic acid is dosed by creatinine clearance [1]', '. The dose is reduced below 60 mL/min [1].', '\n\n## Before each dose\n', '- Check serum creatinine [2].\n'];

  it('releases only validated sentences, then the answer, when every sentence passes', async () => {
    const { streaming, seen } = scriptedStreamServices(GOOD, { finishAsModel: true });
    const running = await startServer(streaming);
    try {
      const { events } = await postChatStream(running.url, { message: 'zoledronic acid dose in renal impairment' });
      expect(shape(events)).toEqual(['meta', 'references', 'text', 'answer', 'done']);
      expect(dataOf<TextEvent>(events, 'text')).toEqual([
        { text: 'Zoledronic acid is dosed by creatinine clearance [1].', kind: 'summary', block: 0 },
        { text: 'The dose is reduced below 60 mL/min [1].', kind: 'summary', block: 0 },
        { text: 'Before each dose', kind: 'heading', block: 1 },
        { text: 'Check serum creatinine [2].', kind: 'bullet', block: 2 },
      ]);
      expect(seen.finished).toEqual({ status: 'complete', text: GOOD.join('') });
      // Relayed sentences are not the delivered blocks (those are renumbered and whole): the final
      // event carries the blocks and references, never the markdown.
      const final = dataOf<Partial<Answer>>(events, 'answer')[0]!;
      expect(final.mode).toBe('model');
      expect(final).not.toHaveProperty('markdown');
      expect(final.blocks).toEqual(seen.delivered!.blocks);
      expect(final.references).toEqual(seen.delivered!.references);
    } finally {
      await running.close();
    }
  });

  it('switches to the fallback answer at the first uncited sentence: no uncited text event, the model is aborted', async () => {
    const script = [
      'Zoledronic acid is dosed by creatinine clearance [1]. ',
      'It is the best drug for everyone. ', // uncited: must never be sent
      'The dose is reduced below 60 mL/min [1].\n',
      '- Another cited bullet [2].\n',
    ];
    const { streaming, seen } = scriptedStreamServices(script, { delayMs: 5 });
    const running = await startServer(streaming);
    try {
      const { events } = await postChatStream(running.url, { message: 'zoledronic acid dose in renal impairment' });
      expect(shape(events)).toEqual(['meta', 'references', 'text', 'fallback', 'text', 'answer', 'done']);
      const fallbackAt = names(events).indexOf('fallback');
      const beforeFallback = events.slice(0, fallbackAt).filter((event) => event.event === 'text').map((event) => (event.json as TextEvent).text);
      expect(beforeFallback).toEqual(['Zoledronic acid is dosed by creatinine clearance [1].']);
      expect(dataOf<{ reason: string }>(events, 'fallback')).toEqual([{ reason: 'has no citation marker', check: 'citation' }]);
      for (const event of dataOf<TextEvent>(events, 'text')) {
        expect(event.text).not.toContain('best drug');
        if (event.kind !== 'heading') expect(citedOnly(event).ok, event.text).toBe(true);
      }
      // After the fallback event: the extractive answer's blocks, numbered on from the released ones;
      // the final event leaves them out, and carries the references (not those offered to the model).
      const answer = dataOf<Partial<Answer>>(events, 'answer')[0]!;
      const afterFallback = events.slice(fallbackAt).filter((event) => event.event === 'text').map((event) => event.json as TextEvent);
      expect(afterFallback.map((event) => event.text)).toEqual(seen.delivered!.blocks.map((block) => block.text));
      expect(afterFallback[0]!.block).toBe(1);
      expect(answer).not.toHaveProperty('blocks');
      expect(answer).not.toHaveProperty('markdown');
      expect(answer.references).toEqual(seen.delivered!.references);
      expect(answer.validation!.status).toBe('fallback');
      expect(seen.finished).toEqual({ status: 'rejected', check: 'citation', reason: 'has no citation marker' });
      expect(seen.aborted).toBe(true);
      expect(seen.validated).not.toContain('Another cited bullet [2].');
    } finally {
      await running.close();
    }
  });

  it('says so with a fallback event when the whole draft fails after every sentence passed', async () => {
    const { streaming } = scriptedStreamServices(GOOD, { finishAsModel: false });
    const running = await startServer(streaming);
    try {
      const { events } = await postChatStream(running.url, { message: 'zoledronic acid dose in renal impairment' });
      expect(shape(events)).toEqual(['meta', 'references', 'text', 'fallback', 'text', 'answer', 'done']);
      expect(dataOf<{ reason: string }>(events, 'fallback')[0]!.reason).toMatch(/did not pass validation/);
    } finally {
      await running.close();
    }
  });
});

describe('client disconnect', () => {
  async function disconnectAfterFirstBytes(url: string, until: string) {
    const controller = new AbortController();
    const response = await fetch(`${url}/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message: 'zoledronic acid dose in renal impairment' }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let received = '';
    while (!received.includes(until)) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    return received;
  }

  it('aborts the streamed model draft, and the turn is not saved', async () => {
    const script = Array.from({ length: 200 }, (_, index) => `Sentence ${index} is cited [1]. `);
    const { streaming, seen } = scriptedStreamServices(script, { delayMs: 10 });
    const running = await startServer(streaming);
    try {
      const received = await disconnectAfterFirstBytes(running.url, 'event: text');
      await until(() => seen.aborted);
      expect(seen.finished).toBeUndefined();
      const conversationId = (parseEvents(received).find((event) => event.event === 'meta')!.json as { conversationId: string }).conversationId;
      expect((await fetch(`${running.url}/v1/conversations/${conversationId}`)).status).toBe(404);
    } finally {
      await running.close();
    }
  });

  it('aborts the model request of the answer pipeline (a fake phraser sees the abort)', async () => {
    const seen = { started: false, aborted: false };
    const waitForAbort = (signal?: AbortSignal) =>
      new Promise<string>((_resolve, reject) => {
        seen.started = true;
        signal?.addEventListener('abort', () => {
          seen.aborted = true;
          reject(signal.reason);
        });
      });
    const phraser: Phraser = { draft: (_input, signal) => waitForAbort(signal), repair: (_input, signal) => waitForAbort(signal), rewrite: async (input) => input.message };
    const withModel = buildServices(services.knowledge, { phraser });
    const running = await startServer(withModel, { heartbeatMs: 10 });
    try {
      await disconnectAfterFirstBytes(running.url, ': ping');
      await until(() => seen.aborted);
      expect(seen.started).toBe(true);
    } finally {
      // Not awaited: after a client abort, server.close() waits seconds for the half-closed socket.
      void running.close();
    }
  });

  it('aborts the pipeline for a JSON request too', async () => {
    const seen = { aborted: false };
    const hanging: Services = {
      knowledge: services.knowledge,
      answer: (_request, signal) =>
        new Promise<Answer>((_resolve, reject) => {
          signal?.addEventListener('abort', () => {
            seen.aborted = true;
            reject(new Error('aborted'));
          });
        }),
    };
    const running = await startServer(hanging);
    try {
      const controller = new AbortController();
      const request = fetch(`${running.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"denosumab"}', signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
      await expect(request).rejects.toThrow();
      await until(() => seen.aborted);
    } finally {
      void running.close(); // see above
    }
  });
});
