import type { Answer, Audience, BlockKind, Reference } from '../domain/types.js';
import { createEventStreamParser, type StreamEvent } from './event-stream.js';

export type ChatRequestBody = { message: string; audience: Audience; conversationId?: string };

export type StreamedText = { text: string; kind: BlockKind };

export type ChatHandlers = {
  onMeta(meta: { conversationId?: string; standaloneQuestion?: string; audience?: Audience }): void;
  onReferences(references: Reference[]): void;
  onText(text: StreamedText): void;
  onAnswer(answer: Answer): void;
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

async function readStream(stream: ReadableStream<Uint8Array>, handlers: ChatHandlers): Promise<void> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let answered = false;
  let failure: ChatError | undefined;

  const parser = createEventStreamParser((event: StreamEvent) => {
    if (failure) return;
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return; // a malformed event is skipped; the final `answer` event carries everything anyway
    }
    const record = (data ?? {}) as Record<string, unknown>;
    switch (event.event) {
      case 'meta':
        handlers.onMeta(record as Parameters<ChatHandlers['onMeta']>[0]);
        break;
      case 'references':
        if (Array.isArray(record.references)) handlers.onReferences(record.references as Reference[]);
        break;
      case 'text':
        if (typeof record.text === 'string') handlers.onText({ text: record.text, kind: (record.kind as BlockKind | undefined) ?? 'paragraph' });
        break;
      case 'answer':
        answered = true;
        handlers.onAnswer(data as Answer);
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
        break; // fallback, done and future events need nothing from the panel
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
