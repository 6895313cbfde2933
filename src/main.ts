import { pino } from 'pino';
import { createApp, type Services } from './app.js';
import { ConfigError, readConfig } from './config.js';
import { AppError } from './errors.js';
import { KnowledgeError, formatProblem } from './knowledge/problem.js';
import { loadServices, modelSettingsFrom } from './services.js';
import { createSqliteConversationStore } from './conversation/sqlite-conversation-store.js';

// The composition root: the only place that reads process.env and starts listening.
async function main(): Promise<void> {
  const config = readConfig(process.env);
  const logger = pino({ level: config.LOG_LEVEL });
  let services: Services | undefined;
  const conversations = createSqliteConversationStore({ path: config.DATABASE_PATH, retentionDays: config.RETENTION_DAYS });
  const app = createApp({
    conversations,
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
      void conversations.close().finally(() => process.exit(0));
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
