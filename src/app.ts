import express, { type Request, type Response, type NextFunction } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { AnswerRequest } from './answer/answer-question.js';
import type { Answer, KnowledgeBase, PriorQuestion } from './domain/types.js';
import { AppError } from './errors.js';
import { chatRequestSchema } from './http/chat-request.js';
import { answerWithout } from './http/answer-without.js';
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
import { authenticate, requireOperator } from './auth/authenticate.js';
import { callerOf } from './auth/caller.js';
import { concurrencyLimit, createMemoryConcurrencyCounter, type ConcurrencyCounter } from './auth/concurrency-limit.js';
import { keyRoutes } from './auth/key-routes.js';
import type { KeyStore } from './auth/key-store.js';
import type { Lifecycle } from './http/lifecycle.js';
import { methodNotAllowed } from './http/method-not-allowed.js';
import { securityHeaders } from './http/security-headers.js';
import { routePattern } from './http/route-pattern.js';
import type { Metrics } from './metrics/metrics.js';
import { observeAnswers } from './metrics/instrument.js';

/** What the routes need once start-up has finished loading the knowledge. */
export type Services = {
  knowledge: KnowledgeBase;
  /** Deterministic rules; without them /v1/rules/evaluate answers 503. */
  rules?: RulesEngine;
  answer(request: AnswerRequest, signal?: AbortSignal): Promise<Answer>;
  /** The deterministic follow-up rewrite over the knowledge's vocabulary. */
  rewriteFollowUp?(history: readonly PriorQuestion[], message: string): string;
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
  /** API keys: off by default (every request anonymous); on, every /v1 request needs a key. */
  auth?: { mode: 'off' | 'on'; keys?: KeyStore; maxConcurrentPerKey?: number; maxConversationsPerKey?: number };
  /** express's `trust proxy`: which proxies' X-Forwarded-For gives the client address. Off by default. */
  trustProxy?: false | number | string[];
  /** Where rate-limit counters live (Redis when several instances share limits); in memory by default. */
  rateLimitStore?: Store;
  /** Requests in progress per key (Redis when shared); in memory by default. */
  concurrency?: ConcurrencyCounter;
  /** Readiness and draining during shutdown. */
  lifecycle?: Lifecycle;
  metrics?: Metrics;
};

const BODY_LIMIT = '64kb';

export function createApp(deps: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Answers are never revalidated, so hashing every response body for an ETag is wasted work.
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy ?? false);
  if (deps.lifecycle) app.use(deps.lifecycle.track);
  if (deps.metrics) app.use(deps.metrics.requests);
  app.use(securityHeaders());
  app.use(requestLog(deps.logger));
  // Before the limiter and routes, so preflights and 429/5xx answers carry CORS headers too.
  const keys = deps.auth?.keys;
  app.use('/v1', widgetCors(deps.widgetOrigins ?? [], keys ? publishableOrigins(keys) : undefined));
  // Answers and conversations are personal: no cache or proxy may keep them. Routes may say otherwise.
  app.use('/v1', (_request, response, next) => {
    response.set('Cache-Control', 'no-store');
    next();
  });
  const callerDefaults = {
    rateLimitPerMinute: deps.rateLimitPerMinute,
    maxConcurrent: deps.auth?.maxConcurrentPerKey ?? 8,
    maxConversations: deps.auth?.maxConversationsPerKey ?? 100_000,
  };
  const authentication = authenticate({ mode: deps.auth?.mode ?? 'off', ...(keys ? { keys } : {}), defaults: callerDefaults });
  app.use('/v1', authentication);
  const inProgress = concurrencyLimit(deps.concurrency ?? createMemoryConcurrencyCounter());

  const ready = (): Services => {
    const services = deps.services();
    if (!services) throw new AppError('not_ready', 'The service is starting; try again in a moment.');
    return deps.metrics ? observeAnswers(services, deps.metrics) : services;
  };

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', (_request, response) => {
    // Turns 503 first when shutting down, so load balancers stop sending before the port closes.
    if (deps.lifecycle?.draining) throw new AppError('shutting_down', 'The server is shutting down.');
    const services = deps.services();
    if (!services) throw new AppError('not_ready', 'The knowledge index is still being built.');
    response.json({ status: 'ready', documents: services.knowledge.documents.length, passages: services.knowledge.passages.length });
  });

  const limiter = rateLimit({
    windowMs: 60_000,
    // Per key when keys are on (per key and visitor for a publishable key, shared by a whole site),
    // per client address otherwise; the address comes from X-Forwarded-For only behind TRUST_PROXY.
    limit: (_request, response) => callerOf(response).rateLimitPerMinute,
    keyGenerator: (request, response) => {
      const key = callerOf(response).key;
      const address = ipKeyGenerator(request.ip ?? '');
      if (!key) return address;
      return key.kind === 'publishable' ? `${key.id}:${address}` : key.id;
    },
    ...(deps.rateLimitStore ? { store: deps.rateLimitStore } : {}),
    // An X-Forwarded-For header without TRUST_PROXY is ignored, as it should be, not reported as a stack.
    validate: { xForwardedForHeader: false },
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
  app.post('/v1/chat', limiter, inProgress, requireJson, express.json({ limit: BODY_LIMIT }), async (request, response) => {
    const body = validateBody(chatSchema, request.body);
    const caseFacts = caseFromBody(body.case);
    const services = ready();
    const caller = callerOf(response);
    const audience = body.audience ?? caller.audience;
    const turn = await sessions.begin({
      ...(caseFacts ? { case: caseFacts } : {}),
      message: body.message,
      ...(audience ? { audience } : {}),
      ...(body.conversationId ? { conversationId: body.conversationId } : {}),
      tenant: caller.tenant,
    });
    if (wantsEventStream(request)) {
      await streamChat({ response, services, sessions, turn, logger: deps.logger, ...(deps.heartbeatMs ? { heartbeatMs: deps.heartbeatMs } : {}) });
      return;
    }
    const answer = await services.answer(turn, disconnectSignal(response));
    await sessions.record(turn, answer);
    response.json(answerWithout(answer, body.omit));
  });
  app.use(conversationRoutes(conversations, limiter));
  app.use('/v1/chat/completions', inProgress);
  app.use(
    openAiRoutes({
      answer: (question, signal) => ready().answer(question, signal),
      rewriteFollowUp: (history, text) => deps.services()?.rewriteFollowUp?.(history, text) ?? text,
      limiter,
      bodyLimit: BODY_LIMIT,
      maxMessageChars: deps.maxMessageChars,
      logger: deps.logger,
      ...(deps.heartbeatMs ? { heartbeatMs: deps.heartbeatMs } : {}),
    }),
  );

  app.use(openApiRoutes(deps.maxMessageChars));
  app.use(knowledgeRoutes(() => ready().knowledge));
  app.use('/v1/rules', limiter, inProgress);
  app.use(rulesRoutes(ready, BODY_LIMIT));
  if (keys) app.use(keyRoutes(keys, (id) => authentication.forget(id)));
  if (deps.metrics) {
    const { registry } = deps.metrics;
    const guard = deps.auth?.mode === 'on' ? [authentication, requireOperator] : [];
    app.get('/metrics', ...guard, async (_request, response) => {
      response.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store').send(await registry.metrics());
    });
  }
  app.use(widgetRoutes());
  if (deps.channels) {
    const channelOptions = { setup: deps.channels, conversations, services: deps.services, logger: deps.logger, maxMessageChars: deps.maxMessageChars, bodyLimit: BODY_LIMIT };
    app.use('/channels', channelRoutes(channelOptions));
    app.use(answerPageRoutes({ state: deps.channels.state, conversations, limiter }));
  }
  app.use(methodNotAllowed(app));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

/**
 * One line per request: method, route pattern, status, time. Never the body (it may hold patient
 * details) nor the path itself (it holds conversation and key ids).
 */
function requestLog(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: request.method, route: routePattern(request), status: response.statusCode, ms: Math.round(milliseconds) }, 'request');
    });
    next();
  };
}

/** Origins of the active publishable keys, read again at most every 30 s, for the browser's CORS check. */
function publishableOrigins(keys: KeyStore): () => Promise<readonly string[]> {
  let cached: { origins: string[]; until: number } | undefined;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.origins;
    const origins = (await keys.list()).filter((key) => key.kind === 'publishable' && !key.revokedAt).flatMap((key) => key.origins);
    cached = { origins, until: Date.now() + 30_000 };
    return origins;
  };
}
