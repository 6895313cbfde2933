import { pino } from 'pino';
import { createApp, type Services } from './app.js';
import { ConfigError, readConfig } from './config.js';
import { KnowledgeError, formatProblem } from './knowledge/problem.js';
import { loadServices } from './services.js';

// The composition root: the only place that reads process.env and starts listening.
async function main(): Promise<void> {
  const config = readConfig(process.env);
  const logger = pino({ level: config.LOG_LEVEL });
  let services: Services | undefined;
  const app = createApp({
    services: () => services,
    logger,
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  });

  const started = Date.now();
  const loaded = await loadServices({ knowledgeDir: config.KNOWLEDGE_DIR });
  for (const problem of loaded.qualityProblems) logger.warn(`knowledge quality: ${formatProblem(problem)}`);
  services = loaded;
  logger.info(
    { documents: loaded.knowledge.documents.length, passages: loaded.index.size, ms: Date.now() - started },
    'knowledge indexed',
  );

  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info(`Guideline Chat listening on http://localhost:${config.PORT} (${config.OPENAI_API_KEY ? 'model' : 'extractive'} mode)`);
  });
  const shutdown = () => server.close(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof KnowledgeError) {
    console.error(error.message);
  } else {
    console.error('Guideline Chat failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
