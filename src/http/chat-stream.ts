import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Answer, Audience, Block, Reference, ValidationCheck } from '../domain/types.js';
import type { CaseInput } from '../domain/types.js';
import type { ChatSessions, ConversationalRequest } from '../conversation/chat-session.js';
import { errorBody, toAppError } from './error-handler.js';
import { relayValidatedText, type CheckedUnit, type SentenceVerdict, type TextUnit } from './sentence-relay.js';

export const DEFAULT_HEARTBEAT_MS = 15_000;

/** A server-sent event stream on one response. Writes after the client has gone are dropped. */
export type EventStream = {
  /** `event` is omitted for data-only streams (the OpenAI format). */
  send(event: string | undefined, data: unknown): void;
  /** Runs `write`, whose events leave in one write to the socket rather than one each. */
  batch(write: () => void): void;
  end(): void;
  /** Aborted when the client disconnects before the stream has ended. */
  readonly signal: AbortSignal;
  readonly closed: boolean;
};

/** True when the client asked for server-sent events rather than JSON. */
export function wantsEventStream(request: Request): boolean {
  return request.accepts(['application/json', 'text/event-stream']) === 'text/event-stream';
}

/** An AbortSignal that fires when the client goes away before the response is complete. */
export function disconnectSignal(response: Response): AbortSignal {
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort(new Error('The client disconnected.'));
  });
  return controller.signal;
}

/**
 * Starts an event stream: headers that keep proxies from buffering or compressing it, and a
 * `: ping` comment every `heartbeatMs` so that idle connections are not cut while the answer is made.
 */
export function openEventStream(response: Response, heartbeatMs: number = DEFAULT_HEARTBEAT_MS): EventStream {
  const signal = disconnectSignal(response);
  response.status(200);
  response.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
  });
  response.flushHeaders();
  response.socket?.setNoDelay(true);

  let ended = false;
  const isClosed = () => ended || signal.aborted || response.writableEnded || response.destroyed;
  const heartbeat = setInterval(() => {
    if (!isClosed()) response.write(': ping\n\n');
  }, heartbeatMs);
  heartbeat.unref();
  const stop = () => {
    ended = true;
    clearInterval(heartbeat);
  };
  signal.addEventListener('abort', stop, { once: true });

  return {
    send(event, data) {
      if (isClosed()) return;
      const payload = typeof data === 'string' ? data : JSON.stringify(data);
      response.write(`${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`);
    },
    batch(write) {
      // The socket has no Nagle delay (see above): without corking, each event would be a packet.
      response.cork();
      try {
        write();
      } finally {
        response.uncork();
      }
    },
    end() {
      if (isClosed()) return;
      stop();
      response.end();
    },
    signal,
    get closed() {
      return isClosed();
    },
  };
}

/**
 * How a streamed model draft ended, as the pipeline is told when it builds the final answer: complete,
 * a unit rejected by the validator, or the model failed (error, timeout, 429/5xx, malformed stream).
 */
export type StreamOutcome =
  | { status: 'complete'; text: string }
  | { status: 'rejected'; check: ValidationCheck; reason: string }
  | { status: 'failed'; reason: string };

/**
 * A model draft being streamed, as the pipeline hands it to the SSE route. The route relays
 * `deltas` sentence by sentence through `validate`, then asks `finish` for the final answer: the
 * model's when every sentence passed, the extractive fallback otherwise.
 */
export type AnswerStream = {
  conversationId: string;
  standaloneQuestion: string;
  audience: Audience;
  /** The numbered sources the model was offered; the draft's [n] markers refer to them. */
  references: Reference[];
  deltas: AsyncIterable<string>;
  validate(unit: CheckedUnit): SentenceVerdict | Promise<SentenceVerdict>;
  /** The final answer: the model's when the draft passed as a whole, the extractive answer otherwise. */
  finish(outcome: StreamOutcome): Promise<Answer>;
};

/** What the SSE route needs from the pipeline; `answerStream` is optional (extractive streams the final answer). */
export type StreamingServices<Request> = {
  answer(request: Request, signal?: AbortSignal): Promise<Answer>;
  /** Returns a full Answer when there is nothing to stream (no model, or the evidence gate closed). */
  answerStream?(request: Request, signal: AbortSignal): Promise<Answer | AnswerStream>;
};

function isAnswerStream(value: Answer | AnswerStream): value is AnswerStream {
  return 'deltas' in value;
}

/** Sends each block of an answer as a `text` event (its text, kind and index only). */
function sendBlocks(stream: EventStream, blocks: readonly Block[], firstBlock = 0): void {
  blocks.forEach((block, index) => stream.send('text', { text: block.text, kind: block.kind, block: firstBlock + index }));
}

/** What the stream has already carried of the answer, and so leaves out of the final event. */
type Carried = {
  /** The `text` events since the last `fallback` are the answer's blocks, one event per block. */
  blocks: boolean;
  /** The `references` event holds the answer's references. */
  references: boolean;
};

/**
 * The final `answer` event: the Answer without what the stream already carried. The markdown is
 * never repeated (it is the blocks' text again). Blocks and references are included only when
 * they differ from what was streamed: a model draft relayed sentence by sentence is delivered with
 * its references renumbered by first use and its sentences gathered into blocks.
 */
export function finalEvent(answer: Answer, carried: Carried): Partial<Answer> {
  const left = (key: string) => key === 'markdown' || (key === 'blocks' && carried.blocks) || (key === 'references' && carried.references);
  return Object.fromEntries(Object.entries(answer).filter(([key]) => !left(key)));
}

function meta(source: { conversationId: string; standaloneQuestion: string; audience: Audience }) {
  return { conversationId: source.conversationId, standaloneQuestion: source.standaloneQuestion, audience: source.audience };
}

/**
 * Answers one chat turn as server-sent events:
 * meta → references → text… → [fallback → text…] → answer → done, or error at any point.
 * Meta and references go out as soon as they are known: with a model, before its draft starts;
 * without one, with the text in the same write, as soon as the answer is composed (its references
 * are numbered by first use in the composed text, so they are known no earlier) and before the
 * turn is saved. The turn is saved before `answer` is sent, so a client may follow up as soon as it
 * has it; `answer` carries what the stream has not (see `finalEvent`).
 */
export async function streamChat<Case extends CaseInput>(options: {
  response: Response;
  services: StreamingServices<ConversationalRequest<Case>>;
  sessions: ChatSessions;
  turn: ConversationalRequest<Case>;
  heartbeatMs?: number;
  logger: Logger;
}): Promise<void> {
  const stream = openEventStream(options.response, options.heartbeatMs);
  // Aborted when the client leaves, and when a rejected sentence makes the rest of the draft useless.
  const work = new AbortController();
  stream.signal.addEventListener('abort', () => work.abort(stream.signal.reason), { once: true });
  try {
    const prepared = options.services.answerStream
      ? await options.services.answerStream(options.turn, work.signal)
      : await options.services.answer(options.turn, work.signal);
    if (stream.closed) return;

    let answer: Answer;
    let carried: Carried;
    if (!isAnswerStream(prepared)) {
      answer = prepared;
      carried = { blocks: true, references: true };
      stream.batch(() => {
        stream.send('meta', meta(prepared));
        stream.send('references', { references: prepared.references });
        sendBlocks(stream, prepared.blocks);
      });
    } else {
      stream.batch(() => {
        stream.send('meta', meta(prepared));
        stream.send('references', { references: prepared.references });
      });
      const released: TextUnit[] = [];
      let outcome: StreamOutcome;
      try {
        const relayed = await relayValidatedText({
          deltas: prepared.deltas,
          validate: (unit) => prepared.validate(unit),
          release: (unit) => {
            released.push(unit);
            stream.send('text', unit);
          },
          signal: work.signal,
        });
        if (relayed.status === 'aborted') {
          work.abort();
          return;
        }
        outcome = relayed.status === 'complete' ? { status: 'complete', text: relayed.text } : { status: 'rejected', check: relayed.check, reason: relayed.reason };
      } catch (error) {
        // After `meta` the conversation id is out: a failing model ends in the extractive answer, never in an error.
        if (stream.closed) return;
        outcome = { status: 'failed', reason: toAppError(error).message };
      }
      if (outcome.status !== 'complete') work.abort(new Error('The streamed draft will not be used.'));
      answer = await prepared.finish(outcome);
      // The whole draft can still fail (e.g. reading level) after every sentence passed on its own.
      const fellBack = outcome.status !== 'complete' || answer.validation.status === 'fallback';
      // Relayed sentences are not the delivered blocks; the fallback's blocks are streamed whole.
      carried = { blocks: fellBack, references: false };
      if (fellBack) {
        const reason = outcome.status === 'complete' ? 'The complete answer did not pass validation.' : outcome.reason;
        const delivered = answer;
        stream.batch(() => {
          stream.send('fallback', { reason, ...(outcome.status === 'rejected' ? { check: outcome.check } : {}) });
          sendBlocks(stream, delivered.blocks, (released.at(-1)?.block ?? -1) + 1);
        });
      }
    }
    if (stream.closed) return;
    await options.sessions.record(options.turn, answer);
    const final = finalEvent(answer, carried);
    stream.batch(() => {
      stream.send('answer', final);
      stream.send('done', {});
      stream.end();
    });
  } catch (error) {
    if (stream.closed) return; // the client left; the abort is the cause, not a failure
    const appError = toAppError(error);
    if (appError.status >= 500) options.logger.error({ err: error }, 'chat stream failed');
    stream.send('error', errorBody(appError));
    stream.end();
  }
}
