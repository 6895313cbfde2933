import { randomUUID } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { DeterministicRewrite } from '../conversation/standalone-question.js';
import type { Answer, Audience, Notice, PriorQuestion, Reference } from '../domain/types.js';
import { AppError } from '../errors.js';
import { normalizeVisibleText } from '../validation/visible-text.js';
import { disconnectSignal, openEventStream } from './chat-stream.js';
import { errorHandler, requireJson, toAppError, type ErrorResponse } from './error-handler.js';

/** The models this service exposes: one per audience. */
export const OPENAI_MODELS: Record<string, Audience> = {
  'guideline-chat': 'professional',
  'guideline-chat-patient': 'patient',
};
// A fixed creation time: the models are this service, not releases.
const MODELS_CREATED = 1_767_225_600; // 2026-01-01

type CompletionRequest = { message: string; audience: Audience; history: PriorQuestion[] };

export type OpenAiRouteOptions = {
  answer(request: CompletionRequest, signal?: AbortSignal): Promise<Answer>;
  /** Turns each earlier user message into the standalone question it asked, in order. */
  rewriteFollowUp?: DeterministicRewrite;
  limiter: RequestHandler;
  bodyLimit: string;
  maxMessageChars: number;
  heartbeatMs?: number;
  logger: Logger;
};

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });
const messageSchema = z.looseObject({
  role: z.string({ error: 'must be a string' }),
  content: z.union([z.string(), z.array(contentPart), z.null()], { error: 'must be a string or an array of text parts' }).optional(),
});
const completionSchema = z.looseObject({
  model: z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') }).min(1, 'must not be empty'),
  messages: z.array(messageSchema, { error: (issue) => (issue.input === undefined ? 'is required' : 'must be an array of messages') }).min(1, 'must hold at least one message'),
  stream: z.boolean({ error: 'must be a boolean' }).nullable().optional(),
});

const ACCEPTED_ROLES = new Set(['system', 'developer', 'user', 'assistant']);

/** An OpenAI-shaped error: what OpenAI clients parse and show. */
export class OpenAiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly param: string | null,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'OpenAiError';
  }
}

const invalid = (message: string, param: string | null, code: string | null = null) => new OpenAiError(400, message, 'invalid_request_error', param, code);

/** A message's text, with hidden format characters and controls removed (as POST /v1/chat does). */
function textOf(content: z.infer<typeof messageSchema>['content']): string {
  const parts = typeof content === 'string' ? [content] : (content ?? []).filter((part) => part.type === 'text' && typeof part.text === 'string').map((part) => part.text);
  return normalizeVisibleText(parts.join('\n'));
}

/** The question (the last user message), the audience (from the model) and the earlier user questions. */
export function readCompletionRequest(
  body: unknown,
  maxMessageChars: number,
  rewriteFollowUp: DeterministicRewrite = (_history, text) => text,
): CompletionRequest & { model: string; stream: boolean } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalid('The request body must be a JSON object.', null);
  const parsed = completionSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const param = issue.path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`)).join('') || null;
    throw invalid(`Invalid request: ${param ?? 'body'} ${issue.message}.`, param);
  }
  const { model, messages, stream } = parsed.data;
  // Own properties only: "__proto__" or "toString" are not models.
  const audience = Object.hasOwn(OPENAI_MODELS, model) ? OPENAI_MODELS[model] : undefined;
  if (!audience) {
    throw new OpenAiError(404, `The model '${model}' does not exist. Use ${Object.keys(OPENAI_MODELS).join(' or ')}.`, 'invalid_request_error', 'model', 'model_not_found');
  }
  messages.forEach((message, index) => {
    if (!ACCEPTED_ROLES.has(message.role)) {
      throw invalid(`Invalid role '${message.role}' in messages[${index}]: use system, user or assistant (tools are not supported).`, `messages[${index}].role`, 'invalid_role');
    }
  });
  const lastIndex = messages.length - 1;
  if (messages[lastIndex]!.role !== 'user') throw invalid('The last message must come from the user: it is the question answered.', `messages[${lastIndex}].role`, 'invalid_role');
  const question = textOf(messages[lastIndex]!.content).trim();
  if (!question) throw invalid(`messages[${lastIndex}].content must hold the question as text.`, `messages[${lastIndex}].content`, 'empty_content');
  if (question.length > maxMessageChars) throw invalid(`messages[${lastIndex}].content must be at most ${maxMessageChars} characters.`, `messages[${lastIndex}].content`, 'string_above_max_length');

  // Earlier user messages are the conversation; assistant messages are ignored (they are only text
  // a client sends back, not something this service can trust), and so are system prompts.
  const history: PriorQuestion[] = [];
  for (const message of messages.slice(0, lastIndex)) {
    if (message.role !== 'user') continue;
    const text = textOf(message.content).trim().slice(0, maxMessageChars);
    if (text) history.push({ question: text, standaloneQuestion: rewriteFollowUp(history, text), audience });
  }
  return { model, stream: stream === true, message: question, audience, history };
}

const NOTICE_LABEL: Record<Notice['kind'], string> = {
  urgent: '**Urgent:**',
  'warning-signs': '**Warning signs:**',
  'out-of-scope': '',
  'not-covered': '**Not covered:**',
  'professional-source': '**Note:**',
  'pending-review': '**Review status:**',
  disclaimer: '',
};

// Notices a reader must see before the answer; the rest follow it.
const LEADING_NOTICES: ReadonlySet<Notice['kind']> = new Set(['urgent', 'warning-signs', 'out-of-scope', 'not-covered', 'professional-source']);

function referenceLines(reference: Reference): string[] {
  const details = [`${reference.publisher}, ${reference.year}`, reference.type, `review: ${reference.reviewStatus}`, `updated ${reference.updated}`].join('; ');
  const quotes = reference.passages.map((passage) => `   - "${passage.quote}" (${passage.id})`);
  return [`${reference.n}. ${reference.title} (${details})${reference.url ? ` ${reference.url}` : ''}`, ...quotes];
}

/**
 * The answer as one chat message: urgent and scope notices first, the answer markdown with its [n]
 * markers, the other notices, then the numbered references the markers point at with their quotes.
 */
export function answerAsChatContent(answer: Answer): string {
  const notice = (item: Notice) => [NOTICE_LABEL[item.kind], item.kind === 'disclaimer' ? `_${item.text}_` : item.text].filter(Boolean).join(' ');
  const parts = [
    ...answer.notices.filter((item) => LEADING_NOTICES.has(item.kind)).map(notice),
    answer.markdown.trim(),
    ...answer.notices.filter((item) => !LEADING_NOTICES.has(item.kind)).map(notice),
  ].filter(Boolean);
  if (answer.references.length > 0) parts.push(['**References**', '', ...answer.references.flatMap(referenceLines)].join('\n'));
  return parts.join('\n\n');
}

/** `POST /v1/chat/completions` and `GET /v1/models`, so OpenAI-compatible clients can use the service as a model. */
export function openAiRoutes(options: OpenAiRouteOptions): Router {
  const router = Router();
  const models = Object.entries(OPENAI_MODELS).map(([id]) => ({ id, object: 'model', created: MODELS_CREATED, owned_by: 'guideline-chat' }));

  router.get('/v1/models', (_request, response) => {
    response.json({ object: 'list', data: models });
  });
  router.get('/v1/models/:model', (request, response) => {
    const model = models.find((candidate) => candidate.id === request.params.model);
    if (!model) throw new OpenAiError(404, `The model '${String(request.params.model)}' does not exist.`, 'invalid_request_error', 'model', 'model_not_found');
    response.json(model);
  });

  router.post('/v1/chat/completions', options.limiter, requireJson, express.json({ limit: options.bodyLimit }), async (request, response) => {
    const completion = readCompletionRequest(request.body, options.maxMessageChars, options.rewriteFollowUp);
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const question = { message: completion.message, audience: completion.audience, history: completion.history };

    if (!completion.stream) {
      const answer = await options.answer(question, disconnectSignal(response));
      response.json({
        id,
        object: 'chat.completion',
        created,
        model: completion.model,
        choices: [{ index: 0, message: { role: 'assistant', content: answerAsChatContent(answer), refusal: null }, logprobs: null, finish_reason: 'stop' }],
      });
      return;
    }

    const stream = openEventStream(response, options.heartbeatMs);
    const chunk = (delta: Record<string, unknown>, finishReason: string | null) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model: completion.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });
    try {
      stream.send(undefined, chunk({ role: 'assistant', content: '' }, null));
      const answer = await options.answer(question, stream.signal);
      // Paragraph by paragraph; the pieces join to exactly the non-streamed content. The answer is
      // whole by now, so the chunks leave in one write.
      stream.batch(() => {
        for (const piece of answerAsChatContent(answer).split(/(?<=\n\n)/)) stream.send(undefined, chunk({ content: piece }, null));
        stream.send(undefined, chunk({}, 'stop'));
        stream.send(undefined, '[DONE]');
      });
      stream.end();
    } catch (error) {
      if (stream.closed) return;
      const failure = toOpenAiError(error);
      if (failure.status >= 500) options.logger.error({ err: error }, 'chat completion stream failed');
      stream.send(undefined, openAiErrorBody(failure));
      stream.end();
    }
  });

  router.use(errorHandler(options.logger, openAiErrorResponse));
  return router;
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  413: 'invalid_request_error',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
};

/** Any failure as an OpenAI error: the app's codes and safe messages, in OpenAI's shape. */
export function toOpenAiError(error: unknown): OpenAiError {
  if (error instanceof OpenAiError) return error;
  const appError: AppError = toAppError(error);
  const param = appError.issues?.[0]?.path ?? null;
  return new OpenAiError(appError.status, appError.message, TYPE_BY_STATUS[appError.status] ?? (appError.status === 503 ? 'server_error' : 'api_error'), param, appError.code);
}

export function openAiErrorBody(error: OpenAiError) {
  return { error: { message: error.message, type: error.type, param: error.param, code: error.code } };
}

function openAiErrorResponse(error: unknown): ErrorResponse {
  const failure = toOpenAiError(error);
  return { status: failure.status, body: openAiErrorBody(failure) };
}
