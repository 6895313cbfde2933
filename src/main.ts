import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { createApp, type Services } from './app.js';
import { createRedisConcurrencyCounter } from './auth/concurrency-limit.js';
import type { KeyStore } from './auth/key-store.js';
import { createRedisKeyStore } from './auth/redis-key-store.js';
import { createSqliteKeyStore } from './auth/sqlite-key-store.js';
import { ConfigError, readConfig, type Config } from './config.js';
import { createCompactAnswerCodec } from './conversation/compact-answer.js';
import type { ConversationStore } from './conversation/conversation-store.js';
import { createRedisConversationStore } from './conversation/redis-conversation-store.js';
import { createSqliteConversationStore } from './conversation/sqlite-conversation-store.js';
import { createChannelPlatforms } from './channels/create-channel-platforms.js';
import { createChannelSetup, type ChannelSetup } from './channels/channel-setup.js';
import { createSqliteChannelState } from './channels/sqlite-channel-state.js';
import { createRedisEventDeduplicator } from './redis/redis-event-deduplicator.js';
import { AppError } from './errors.js';
import { createLifecycle } from './http/lifecycle.js';
import { ListenError, serve, shutdown } from './http/serve.js';
import { KnowledgeError, formatProblem } from './knowledge/problem.js';
import { instrumentStore, instrumentedFetch } from './metrics/instrument.js';
import { createMetrics } from './metrics/metrics.js';
import { RedisUnavailableError, connectRedis } from './redis/redis-client.js';
import { loadServices, modelSettingsFrom } from './services.js';

type Stores = { conversations: ConversationStore; keys: KeyStore; redis?: Redis; close(): Promise<void> };

/** SQLite on one machine; Redis for conversations, keys, limits and deduplication when REDIS_URL is set. */
async function openStores(config: Config, knowledge: () => Services['knowledge'] | undefined): Promise<Stores> {
  const codec = createCompactAnswerCodec(knowledge);
  if (config.REDIS_URL) {
    const redis = await connectRedis(config.REDIS_URL);
    return {
      conversations: createRedisConversationStore({ redis, retentionDays: config.RETENTION_DAYS, codec }),
      keys: createRedisKeyStore({ redis }),
      redis,
      close: async () => void (await redis.quit()),
    };
  }
  const conversations = createSqliteConversationStore({ path: config.DATABASE_PATH, retentionDays: config.RETENTION_DAYS, codec });
  const keys = createSqliteKeyStore({ path: config.DATABASE_PATH });
  return { conversations, keys, close: async () => (await conversations.close(), await keys.close()) };
}

// The composition root: the only place that reads process.env and starts listening.
async function main(): Promise<void> {
  const config = readConfig(process.env);
  const logger = pino({ level: config.LOG_LEVEL });
  let services: Services | undefined;
  const metrics = createMetrics();
  const lifecycle = createLifecycle();
  const stores = await openStores(config, () => services?.knowledge);
  const channels = await openChannels(config, stores.redis);
  if (channels) logger.info({ platforms: channels.platforms.map((platform) => platform.name), answerLinks: Boolean(channels.publicUrl) }, 'messaging channels enabled');
  const app = createApp({
    ...(channels ? { channels } : {}),
    conversations: instrumentStore(stores.conversations, metrics, config.REDIS_URL ? 'redis' : 'sqlite'),
    services: () => services,
    logger,
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    widgetOrigins: config.WIDGET_ORIGINS,
    auth: { mode: config.AUTH, keys: stores.keys, maxConcurrentPerKey: config.MAX_CONCURRENT_PER_KEY, maxConversationsPerKey: config.MAX_CONVERSATIONS_PER_KEY },
    trustProxy: config.TRUST_PROXY,
    lifecycle,
    metrics,
    ...(stores.redis ? redisShared(stores.redis) : {}),
  });

  // Listening before the knowledge is loaded: /healthz answers at once, /readyz says 503 until ready.
  const server = await serve(app, {
    port: config.PORT,
    host: config.HOST,
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.KEEP_ALIVE_TIMEOUT_MS,
    maxConnections: config.MAX_CONNECTIONS,
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down: readiness 503, draining requests in flight');
    // Answers already acknowledged to a platform are sent before the stores close.
    const close = async () => {
      await channels?.idle();
      await channels?.state.close();
      await stores.close();
    };
    void shutdown({ server, lifecycle, delayMs: config.SHUTDOWN_DELAY_MS, graceMs: config.SHUTDOWN_GRACE_MS, close }).then(
      ({ forced }) => {
        if (forced > 0) logger.warn({ forced }, 'grace period over: ended the requests still in flight');
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const model = modelSettingsFrom(config);
  logger.info(
    `Guideline Chat listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT} (${model ? `model ${model.model}` : 'extractive'} mode, keys ${config.AUTH}, ${config.REDIS_URL ? 'Redis' : 'SQLite'})`,
  );

  const started = Date.now();
  const loaded = await loadServices({
    knowledgeDir: config.KNOWLEDGE_DIR,
    ...(config.KNOWLEDGE_CACHE_DIR ? { cacheDir: config.KNOWLEDGE_CACHE_DIR } : {}),
    logger,
    ...(config.RULES_DIR ? { rulesDir: config.RULES_DIR } : {}),
    ...(model ? { model: { ...model, fetch: instrumentedFetch(metrics) } } : {}),
    onTriage: (alerts) => metrics.triaged(alerts),
  });
  for (const problem of loaded.qualityProblems) logger.warn(`knowledge quality: ${formatProblem(problem)}`);
  services = loaded;
  logger.info(
    { documents: loaded.knowledge.documents.length, passages: loaded.index.size, ms: Date.now() - started },
    'knowledge indexed: ready',
  );
}

/**
 * The messaging platforms whose variables are set, if any. Thread state and answer links sit beside
 * the conversations in SQLite; event deduplication is shared through Redis when there is one.
 */
async function openChannels(config: Config, redis: Redis | undefined): Promise<ChannelSetup | undefined> {
  const platforms = await createChannelPlatforms(config);
  if (platforms.length === 0) return undefined;
  const retentionMs = config.RETENTION_DAYS * 24 * 60 * 60 * 1000;
  return createChannelSetup({
    platforms,
    retentionMs,
    state: createSqliteChannelState({ path: config.DATABASE_PATH, retentionMs }),
    ...(redis ? { deduplicator: createRedisEventDeduplicator(redis) } : {}),
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
  });
}

/** Rate-limit counters and in-flight counts every instance sees. */
function redisShared(redis: Redis) {
  return {
    rateLimitStore: new RedisStore({ prefix: 'guideline-chat:rate:', sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply> }),
    concurrency: createRedisConcurrencyCounter(redis),
  };
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof KnowledgeError || error instanceof AppError || error instanceof ListenError || error instanceof RedisUnavailableError) {
    console.error(error.message);
  } else {
    console.error('Guideline Chat failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
