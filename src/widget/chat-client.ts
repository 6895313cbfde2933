import type { Answer, Audience, Block, BlockKind, Reference } from '../domain/types.js';
import { createEventStreamParser, type StreamEvent } from './event-stream.js';

export type ChatRequestBody = { message: string; audience: Audience; conversationId?: string };

/** A streamed `text` event: a sentence or a block; `block` is the index of the block it belongs to. */
export type StreamedText = { text: string; kind: BlockKind; block?: number };

/** An answer as the panel renders it: the markdown (the same text as the blocks) is not needed. */
export type RenderedAnswer = Omit<Answer, 'markdown'>;

export type ChatHandlers = {
  onMeta(meta: { conversationId?: string; standaloneQuestion?: string; audience?: Audience }): void;
  onReferences(references: Reference[]): void;
  onText(text: StreamedText): void;
  /** The model's draft will not be used: the text shown so far gives way to the text that follows. */
  onFallback(): void;
  onAnswer(answer: RenderedAnswer): void;
};

export type ChatErrorKind = 'network' | 'rate-limited' | 'not-ready' | 'server' | 'rejected' | 'interrupted';

/** A failure the panel shows as a message with a retry button; `message` is safe to show as text. */
export class ChatError extends Error {
  override name = 'ChatError';
  constructor(
    readonly kind: ChatErrorKind,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 120_000;

/**
 * Sends one question. Asks for a stream; a server (or proxy) that answers with plain JSON is
 * rendered the same way, so the widget works before and after streaming is deployed.
 */
export async function sendChat(api: string, body: ChatRequestBody, handlers: ChatHandlers, fetcher: typeof fetch = fetch, key?: string): Promise<void> {
  let response: Response;
  try {
    response = await fetcher(`${api.replace(/\/+$/, '')}/v1/chat`, {
      method: 'POST',
      // A publishable key (data-key) when the server requires keys: it only works from its own sites' pages.
      headers: { 'content-type': 'application/json', accept: 'text/event-stream, application/json;q=0.9', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
      credentials: 'omit',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ChatError('network', "Can't reach the guideline service. Check your connection, then try again.");
  }

  if (!response.ok) throw await errorFromResponse(response);

  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('text/event-stream') && response.body) {
    await readStream(response.body, handlers);
    return;
  }
  let answer: Answer;
  try {
    answer = (await response.json()) as Answer;
  } catch {
    throw new ChatError('interrupted', 'The answer was cut off before it arrived. Please try again.');
  }
  handlers.onMeta({ conversationId: answer.conversationId, standaloneQuestion: answer.standaloneQuestion, audience: answer.audience });
  handlers.onAnswer(answer);
}

async function errorFromResponse(response: Response): Promise<ChatError> {
  let serverMessage: string | undefined;
  try {
    const payload = (await response.json()) as { error?: { message?: unknown } };
    if (typeof payload.error?.message === 'string') serverMessage = payload.error.message;
  } catch {
    // Not our JSON (a proxy page, say): fall back to the status alone.
  }
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after'));
    const seconds = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : undefined;
    const wait = seconds ? `Wait about ${seconds} second${seconds === 1 ? '' : 's'}` : 'Wait a moment';
    return new ChatError('rate-limited', `Too many questions in a short time. ${wait}, then try again.`, seconds);
  }
  if (response.status === 503) return new ChatError('not-ready', 'The service is starting up. Try again in a moment.');
  if (response.status >= 500) return new ChatError('server', "The service couldn't answer just now. Please try again.");
  return new ChatError('rejected', serverMessage ?? `The question could not be sent (error ${response.status}).`);
}

const MARKER = /\[(\d+)\]/g;

/** Blocks from streamed text: the events of one block index joined (one event each when unnumbered). */
export function blocksOf(streamed: readonly StreamedText[]): Block[] {
  const blocks: Block[] = [];
  let last: number | undefined;
  for (const unit of streamed) {
    const current = blocks.at(-1);
    if (current && unit.block !== undefined && unit.block === last) current.text = `${current.text} ${unit.text}`;
    else blocks.push({ kind: unit.kind, text: unit.text, citations: [] });
    last = unit.block;
  }
  for (const block of blocks) block.citations = [...new Set([...block.text.matchAll(MARKER)].map((match) => Number(match[1])))];
  return blocks;
}

/**
 * The final `answer` event completed with what the stream carried before it: a server leaves out
 * the blocks when the `text` events since the last `fallback` were the blocks, and the references
 * when the `references` event held them. A server that sends the whole answer is read as it is.
 */
export function completeAnswer(final: Partial<Answer>, streamed: readonly StreamedText[], references: readonly Reference[]): RenderedAnswer {
  return { ...final, blocks: final.blocks ?? blocksOf(streamed), references: final.references ?? [...references] } as RenderedAnswer;
}

async function readStream(stream: ReadableStream<Uint8Array>, handlers: ChatHandlers): Promise<void> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let answered = false;
  let failure: ChatError | undefined;
  let references: Reference[] = [];
  let streamed: StreamedText[] = [];

  const parser = createEventStreamParser((event: StreamEvent) => {
    if (failure) return;
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      // Text is sent once: a sentence or answer that cannot be read must not silently go missing.
      if (event.event === 'text' || event.event === 'answer') failure = new ChatError('interrupted', 'Part of the answer arrived damaged. Please try again.');
      return; // any other malformed event is skipped
    }
    const record = (data ?? {}) as Record<string, unknown>;
    switch (event.event) {
      case 'meta':
        handlers.onMeta(record as Parameters<ChatHandlers['onMeta']>[0]);
        break;
      case 'references':
        if (Array.isArray(record.references)) {
          references = record.references as Reference[];
          handlers.onReferences(references);
        }
        break;
      case 'text':
        if (typeof record.text === 'string') {
          const text: StreamedText = { text: record.text, kind: (record.kind as BlockKind | undefined) ?? 'paragraph', ...(typeof record.block === 'number' ? { block: record.block } : {}) };
          streamed.push(text);
          handlers.onText(text);
        }
        break;
      case 'fallback':
        streamed = [];
        handlers.onFallback();
        break;
      case 'answer':
        answered = true;
        handlers.onAnswer(completeAnswer(record as Partial<Answer>, streamed, references));
        break;
      case 'error': {
        const error = record.error as { code?: unknown; message?: unknown } | undefined;
        failure =
          error?.code === 'rate_limited'
            ? new ChatError('rate-limited', 'Too many questions in a short time. Wait a moment, then try again.')
            : new ChatError('server', typeof error?.message === 'string' ? error.message : "The service couldn't finish this answer. Please try again.");
        break;
      }
      default:
        break; // done and future events need nothing from the panel
    }
  });

  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
      if (failure) break;
    }
    parser.push(decoder.decode());
    parser.end();
  } catch {
    if (!answered) throw new ChatError('interrupted', 'The connection dropped while the answer was arriving. Please try again.');
  } finally {
    // Stops the download when an error event ended the answer early; harmless once the stream is done.
    reader.cancel().catch(() => undefined);
  }
  if (failure) throw failure;
  if (!answered) throw new ChatError('interrupted', 'The answer was cut off before it finished. Please try again.');
}
