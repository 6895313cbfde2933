import express, { type Request, type Response, type NextFunction } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { AnswerRequest } from './answer/answer-question.js';
import type { Answer, KnowledgeBase } from './domain/types.js';
import { AppError } from './errors.js';
import { chatRequestSchema } from './http/chat-request.js';
import { errorHandler, notFoundHandler, requireJson } from './http/error-handler.js';
import { knowledgeRoutes } from './http/knowledge-routes.js';
import { validateBody } from './http/validate-body.js';
import { caseFromBody } from './http/parse-case.js';
import { openApiRoutes } from './http/openapi.js';
import { rulesRoutes } from './http/rules-routes.js';
import type { RulesEngine } from './rules/rules-engine.js';
import { widgetCors, widgetRoutes } from './http/widget-routes.js';
import { createChatSessions } from './conversation/chat-session.js';
import type { ConversationStore } from './conversation/conversation-store.js';
import { createMemoryConversationStore } from './conversation/memory-conversation-store.js';
import { disconnectSignal, streamChat, wantsEventStream, type AnswerStream } from './http/chat-stream.js';
import { conversationRoutes } from './http/conversation-routes.js';
import { openAiRoutes } from './http/openai-routes.js';
import { answerPageRoutes } from './channels/answer-page/answer-page-routes.js';
import { channelRoutes } from './channels/channel-routes.js';
import type { ChannelSetup } from './channels/channel-setup.js';

/** What the routes need once start-up has finished loading the knowledge. */
export type Services = {
  knowledge: KnowledgeBase;
  /** Deterministic rules; without them /v1/rules/evaluate answers 503. */
  rules?: RulesEngine;
  answer(request: AnswerRequest, signal?: AbortSignal): Promise<Answer>;
  /** A model draft to stream sentence by sentence (see http/chat-stream.ts); without it the final answer is streamed. */
  answerStream?(request: AnswerRequest, signal: AbortSignal): Promise<Answer | AnswerStream>;
};

export type AppDependencies = {
  /** Undefined until the knowledge is loaded and indexed; routes that need it answer 503 until then. */
  services(): Services | undefined;
  logger: Logger;
  maxMessageChars: number;
  rateLimitPerMinute: number;
  /** Origins whose pages may call /v1/* from a browser (the embedded widget); none by default. */
  widgetOrigins?: readonly string[];
  /** Where conversations are kept; in memory (lost on restart) when not given. */
  conversations?: ConversationStore;
  /** Interval of `: ping` comments on event streams (default 15 s). */
  heartbeatMs?: number;
  /** Messaging platforms under /channels/<platform>/ and the answer pages (/a/<id>) their replies link to. */
  channels?: ChannelSetup;
};

const BODY_LIMIT = '64kb';

export function createApp(deps: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Answers are never revalidated, so hashing every response body for an ETag is wasted work.
  app.set('etag', false);
  app.set('trust proxy', false);
  app.use(helmet());
  app.use(requestLog(deps.logger));
  // Before the limiter and routes, so preflights and 429/5xx answers carry CORS headers too.
  app.use('/v1', widgetCors(deps.widgetOrigins ?? []));

  const ready = (): Services => {
    const services = deps.services();
    if (!services) throw new AppError('not_ready', 'The service is starting; try again in a moment.');
    return services;
  };

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', (_request, response) => {
    const services = deps.services();
    if (!services) throw new AppError('not_ready', 'The knowledge index is still being built.');
    response.json({ status: 'ready', documents: services.knowledge.documents.length, passages: services.knowledge.passages.length });
  });

  const limiter = rateLimit({
    windowMs: 60_000,
    limit: deps.rateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Passed on as an error so that each surface answers in its own error shape (OpenAI routes too).
    handler: (_request, _response, next) => {
      next(new AppError('rate_limited', 'Too many requests; slow down and try again shortly.'));
    },
  });

  const conversations = deps.conversations ?? createMemoryConversationStore({ retentionDays: 30 });
  const sessions = createChatSessions(conversations);
  const chatSchema = chatRequestSchema(deps.maxMessageChars);
  app.post('/v1/chat', limiter, requireJson, express.json({ limit: BODY_LIMIT }), async (request, response) => {
    const body = validateBody(chatSchema, request.body);
    const caseFacts = caseFromBody(body.case);
    const services = ready();
    const turn = await sessions.begin({
      ...(caseFacts ? { case: caseFacts } : {}),
      message: body.message,
      ...(body.audience ? { audience: body.audience } : {}),
      ...(body.conversationId ? { conversationId: body.conversationId } : {}),
    });
    if (wantsEventStream(request)) {
      await streamChat({ response, services, sessions, turn, logger: deps.logger, ...(deps.heartbeatMs ? { heartbeatMs: deps.heartbeatMs } : {}) });
      return;
    }
    const answer = await services.answer(turn, disconnectSignal(response));
    await sessions.record(turn, answer);
    response.json(answer);
  });
  app.use(conversationRoutes(conversations, limiter));
  app.use(
    openAiRoutes({
      answer: (question, signal) => ready().answer(question, signal),
      limiter,
      bodyLimit: BODY_LIMIT,
      maxMessageChars: deps.maxMessageChars,
      logger: deps.logger,
      ...(deps.heartbeatMs ? { heartbeatMs: deps.heartbeatMs } : {}),
    }),
  );

  app.use(openApiRoutes(deps.maxMessageChars));
  app.use(knowledgeRoutes(() => ready().knowledge));
  app.use('/v1/rules', limiter);
  app.use(rulesRoutes(ready, BODY_LIMIT));
  app.use(widgetRoutes());
  if (deps.channels) {
    const channelOptions = { setup: deps.channels, conversations, services: deps.services, logger: deps.logger, maxMessageChars: deps.maxMessageChars, bodyLimit: BODY_LIMIT };
    app.use('/channels', channelRoutes(channelOptions));
    app.use(answerPageRoutes({ state: deps.channels.state, conversations, limiter }));
  }
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

/** One line per request: method, route, status, time. Never the body: it may hold patient details. */
function requestLog(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
      // The full path without the query (routers mounted under a prefix see only the rest).
      logger.info({ method: request.method, path: request.originalUrl.split('?')[0], status: response.statusCode, ms: Math.round(milliseconds) }, 'request');
    });
    next();
  };
}
