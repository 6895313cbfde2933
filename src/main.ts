import { pino } from 'pino';
import { createApp, type Services } from './app.js';
import { ConfigError, readConfig } from './config.js';
import { AppError } from './errors.js';
import { KnowledgeError, formatProblem } from './knowledge/problem.js';
import { loadServices, modelSettingsFrom } from './services.js';
import { createSqliteConversationStore } from './conversation/sqlite-conversation-store.js';
import { createChannelPlatforms } from './channels/create-channel-platforms.js';
import { createChannelSetup } from './channels/channel-setup.js';
import { createSqliteChannelState } from './channels/sqlite-channel-state.js';

// The composition root: the only place that reads process.env and starts listening.
async function main(): Promise<void> {
  const config = readConfig(process.env);
  const logger = pino({ level: config.LOG_LEVEL });
  let services: Services | undefined;
  const conversations = createSqliteConversationStore({ path: config.DATABASE_PATH, retentionDays: config.RETENTION_DAYS });
  const platforms = await createChannelPlatforms(config);
  const retentionMs = config.RETENTION_DAYS * 24 * 60 * 60 * 1000;
  // Thread state and answer links beside the conversations, so both survive a restart together.
  const channels =
    platforms.length > 0
      ? createChannelSetup({
          platforms,
          retentionMs,
          state: createSqliteChannelState({ path: config.DATABASE_PATH, retentionMs }),
          ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
        })
      : undefined;
  if (channels) logger.info({ platforms: platforms.map((platform) => platform.name), answerLinks: Boolean(channels.publicUrl) }, 'messaging channels enabled');
  const app = createApp({
    conversations,
    ...(channels ? { channels } : {}),
    services: () => services,
    logger,
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    widgetOrigins: config.WIDGET_ORIGINS,
  });

  const started = Date.now();
  const model = modelSettingsFrom(config);
  const loaded = await loadServices({ knowledgeDir: config.KNOWLEDGE_DIR, logger, ...(config.RULES_DIR ? { rulesDir: config.RULES_DIR } : {}), ...(model ? { model } : {}) });
  for (const problem of loaded.qualityProblems) logger.warn(`knowledge quality: ${formatProblem(problem)}`);
  services = loaded;
  logger.info(
    { documents: loaded.knowledge.documents.length, passages: loaded.index.size, ms: Date.now() - started },
    'knowledge indexed',
  );

  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info(`Guideline Chat listening on http://localhost:${config.PORT} (${model ? `model ${model.model}` : 'extractive'} mode)`);
  });
  const shutdown = () =>
    server.close(() => {
      // Answers already acknowledged to a platform are sent before the store closes.
      void (channels?.idle() ?? Promise.resolve())
        .then(() => Promise.all([conversations.close(), channels?.state.close()]))
        .finally(() => process.exit(0));
    });
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof KnowledgeError || error instanceof AppError) {
    console.error(error.message);
  } else {
    console.error('Guideline Chat failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
