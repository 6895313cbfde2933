import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/types.js';
import { blocksOf, ChatError, sendChat, type ChatHandlers, type RenderedAnswer } from '../../src/widget/chat-client.js';
import { createEventStreamParser, type StreamEvent } from '../../src/widget/event-stream.js';

function parse(chunks: string[]): StreamEvent[] {
  const events: StreamEvent[] = [];
  const parser = createEventStreamParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

describe('createEventStreamParser', () => {
  it('reads named events, skips ping comments and joins multi-line data', () => {
    expect(parse([': ping\n\nevent: meta\ndata: {"a":1}\n\nevent: text\ndata: line one\ndata: line two\n\n'])).toEqual([
      { event: 'meta', data: '{"a":1}' },
      { event: 'text', data: 'line one\nline two' },
    ]);
  });

  it('copes with events and CRLF line breaks split anywhere across chunks', () => {
    const stream = 'event: references\r\ndata: {"references":[]}\r\n\r\nevent: done\r\ndata: {}\r\n\r\n';
    const expected = [
      { event: 'references', data: '{"references":[]}' },
      { event: 'done', data: '{}' },
    ];
    for (let cut = 1; cut < stream.length; cut += 1) {
      expect(parse([stream.slice(0, cut), stream.slice(cut)])).toEqual(expected);
    }
    expect(parse([...stream])).toEqual(expected);
  });

  it('names an unnamed event "message" and flushes a last event without its blank line', () => {
    expect(parse(['data: x\n\nevent: answer\ndata: {}'])).toEqual([
      { event: 'message', data: 'x' },
      { event: 'answer', data: '{}' },
    ]);
  });
});

const ANSWER = { conversationId: 'conversation-0123456789', title: 'T', blocks: [], references: [] } as unknown as Answer;

function recorder() {
  const calls: Array<[string, unknown]> = [];
  const handlers: ChatHandlers = {
    onMeta: (meta) => calls.push(['meta', meta]),
    onReferences: (references) => calls.push(['references', references]),
    onText: (text) => calls.push(['text', text]),
    onFallback: () => calls.push(['fallback', undefined]),
    onAnswer: (answer) => calls.push(['answer', answer.title]),
  };
  return { calls, handlers };
}

function streamResponse(chunks: string[], status = 200): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'text/event-stream' } });
}

const send = (response: Response | (() => never), handlers: ChatHandlers) =>
  sendChat('http://api.test/', { message: 'q', audience: 'patient' }, handlers, async () => (typeof response === 'function' ? response() : response));

async function failure(promise: Promise<unknown>): Promise<ChatError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatError);
  return error as ChatError;
}

describe('sendChat', () => {
  it('sends the publishable key as a bearer token when the page gives one, and no Authorization header otherwise', async () => {
    const { handlers } = recorder();
    const headersOf = async (key?: string) => {
      let seen: RequestInit | undefined;
      await sendChat('http://api.test', { message: 'q', audience: 'patient' }, handlers, async (_url, init) => ((seen = init), new Response(JSON.stringify(ANSWER), { headers: { 'content-type': 'application/json' } })), key);
      return seen?.headers as Record<string, string>;
    };
    expect((await headersOf('gcpk_abc'))?.authorization).toBe('Bearer gcpk_abc');
    expect(await headersOf()).not.toHaveProperty('authorization');
  });

  it('asks for a stream and hands each event to its handler in order', async () => {
    const { calls, handlers } = recorder();
    let seen: RequestInit | undefined;
    await sendChat('http://api.test/', { message: 'q', audience: 'patient' }, handlers, async (url, init) => {
      expect(url).toBe('http://api.test/v1/chat');
      seen = init;
      return streamResponse([
        'event: meta\ndata: {"conversationId":"c-1"}\n\n: ping\n\n',
        'event: references\ndata: {"references":[{"n":1}]}\n\nevent: text\ndata: {"text":"A. [1]","kind":"summary"}\n\n',
        `event: fallback\ndata: {"reason":"x"}\n\nevent: answer\ndata: ${JSON.stringify(ANSWER)}\n\nevent: done\ndata: {}\n\n`,
      ]);
    });
    expect((seen?.headers as Record<string, string>).accept).toContain('text/event-stream');
    expect(JSON.parse(String(seen?.body))).toEqual({ message: 'q', audience: 'patient' });
    expect(calls).toEqual([
      ['meta', { conversationId: 'c-1' }],
      ['references', [{ n: 1 }]],
      ['text', { text: 'A. [1]', kind: 'summary' }],
      ['fallback', undefined],
      ['answer', 'T'],
    ]);
  });

  it('completes a final event that leaves out the text and references from the events before it', async () => {
    let answer: RenderedAnswer | undefined;
    const { handlers } = recorder();
    const references = [{ n: 1, title: 'One' }, { n: 2, title: 'Two' }];
    const final = { conversationId: 'c-1', title: 'T', notices: [], followUps: ['Next?'], validation: { status: 'passed' } };
    await send(
      streamResponse([
        `event: meta\ndata: {"conversationId":"c-1"}\n\nevent: references\ndata: ${JSON.stringify({ references })}\n\n`,
        'event: text\ndata: {"text":"Bottom line [1].","kind":"summary","block":0}\n\nevent: text\ndata: {"text":"Doses","kind":"heading","block":1}\n\n',
        'event: text\ndata: {"text":"120 mg every 4 weeks [1][2].","kind":"bullet","block":2}\n\n',
        `event: answer\ndata: ${JSON.stringify(final)}\n\nevent: done\ndata: {}\n\n`,
      ]),
      { ...handlers, onAnswer: (delivered) => (answer = delivered) },
    );
    expect(answer).toEqual({
      ...final,
      references,
      blocks: [
        { kind: 'summary', text: 'Bottom line [1].', citations: [1] },
        { kind: 'heading', text: 'Doses', citations: [] },
        { kind: 'bullet', text: '120 mg every 4 weeks [1][2].', citations: [1, 2] },
      ],
    });
  });

  it('keeps only the text after a fallback, and uses the blocks and references a final event carries', async () => {
    const answers: RenderedAnswer[] = [];
    const { handlers } = recorder();
    const collect = { ...handlers, onAnswer: (delivered: RenderedAnswer) => answers.push(delivered) };
    const offered = `event: references\ndata: ${JSON.stringify({ references: [{ n: 1, title: 'Offered' }] })}\n\n`;
    const modelSentences = 'event: text\ndata: {"text":"Model sentence one [1].","kind":"summary","block":0}\n\nevent: text\ndata: {"text":"Model sentence two [1].","kind":"summary","block":0}\n\n';
    // Fallback: the extractive blocks follow, numbered on; the final event has the references.
    await send(
      streamResponse([
        offered,
        modelSentences,
        'event: fallback\ndata: {"reason":"x"}\n\nevent: text\ndata: {"text":"Quoted [1].","kind":"summary","block":1}\n\n',
        `event: answer\ndata: ${JSON.stringify({ title: 'F', references: [{ n: 1, title: 'Delivered' }] })}\n\n`,
      ]),
      collect,
    );
    expect(answers[0]!.blocks).toEqual([{ kind: 'summary', text: 'Quoted [1].', citations: [1] }]);
    expect(answers[0]!.references).toEqual([{ n: 1, title: 'Delivered' }]);
    // A relayed draft that passed: its sentences of one block read as one, but the final blocks win.
    const delivered = [{ kind: 'summary', text: 'Model sentence one [1]. Model sentence two [1].', citations: [1] }];
    await send(streamResponse([offered, modelSentences, `event: answer\ndata: ${JSON.stringify({ title: 'M', blocks: delivered, references: [] })}\n\n`]), collect);
    expect(answers[1]!.blocks).toEqual(delivered);
    expect(blocksOf([{ text: 'One [1].', kind: 'summary', block: 0 }, { text: 'Two [2].', kind: 'summary', block: 0 }, { text: 'Three.', kind: 'paragraph' }])).toEqual([
      { kind: 'summary', text: 'One [1]. Two [2].', citations: [1, 2] },
      { kind: 'paragraph', text: 'Three.', citations: [] },
    ]);
  });

  it('renders a plain JSON answer from a server without streaming', async () => {
    const { calls, handlers } = recorder();
    await send(Response.json(ANSWER), handlers);
    expect(calls.map(([name]) => name)).toEqual(['meta', 'answer']);
  });

  it.each([
    ['a network failure', () => { throw new TypeError('Failed to fetch'); }, 'network', "Can't reach"],
    ['429 with Retry-After', new Response('{}', { status: 429, headers: { 'retry-after': '12' } }), 'rate-limited', 'about 12 seconds'],
    ['503', Response.json({ error: { code: 'not_ready', message: 'x' } }, { status: 503 }), 'not-ready', 'starting up'],
    ['500', Response.json({ error: { code: 'internal', message: 'x' } }, { status: 500 }), 'server', "couldn't answer"],
    ['400 with its message', Response.json({ error: { code: 'invalid_request', message: 'message: must not be empty' } }, { status: 400 }), 'rejected', 'must not be empty'],
  ] as const)('turns %s into a ChatError the panel can show', async (_name, response, kind, message) => {
    const error = await failure(send(response as Response | (() => never), recorder().handlers));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(message);
  });

  it('fails with the stream error event, and when the stream ends without an answer', async () => {
    const errored = await failure(send(streamResponse(['event: error\ndata: {"error":{"code":"internal","message":"Try again later."}}\n\n']), recorder().handlers));
    expect(errored).toMatchObject({ kind: 'server', message: 'Try again later.' });
    const cut = await failure(send(streamResponse(['event: text\ndata: {"text":"A. [1]","kind":"summary"}\n\n']), recorder().handlers));
    expect(cut.kind).toBe('interrupted');
    // Text is sent once: a damaged sentence fails the answer rather than going missing from it.
    const damaged = await failure(send(streamResponse(['event: text\ndata: {"text":"A. [1\n\n', `event: answer\ndata: ${JSON.stringify(ANSWER)}\n\n`]), recorder().handlers));
    expect(damaged.kind).toBe('interrupted');
  });
});
