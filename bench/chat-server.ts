import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { reportCpuOnRequest } from './http-load.js';

// The service as `npm start` runs it: the compiled modules in dist/ (`npm run bench` builds them first),
// extractive mode, bundled knowledge and rules, conversations in a SQLite file, on a free port, logs off.
// Variant via BENCH_STORE=memory. The types are the sources' own.
const compiled = (file: string) => new URL(`../dist/${file}`, import.meta.url).href;
const { createApp } = (await import(compiled('app.js'))) as typeof import('../src/app.js');
const { createCompactAnswerCodec } = (await import(compiled('conversation/compact-answer.js'))) as typeof import('../src/conversation/compact-answer.js');
const { createSqliteConversationStore } = (await import(compiled('conversation/sqlite-conversation-store.js'))) as typeof import('../src/conversation/sqlite-conversation-store.js');
const { loadServices } = (await import(compiled('services.js'))) as typeof import('../src/services.js');

const services = await loadServices({ knowledgeDir: 'knowledge', rulesDir: 'rules' });
const conversations =
  process.env.BENCH_STORE === 'memory'
    ? undefined
    : createSqliteConversationStore({
        path: path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'chat.sqlite'),
        retentionDays: 30,
        codec: createCompactAnswerCodec(() => services.knowledge),
      });
const app = createApp({
  services: () => services,
  logger: pino({ level: 'silent' }),
  maxMessageChars: 4000,
  rateLimitPerMinute: 1_000_000_000,
  ...(conversations ? { conversations } : {}),
});
process.on('SIGINT', () => process.exit(0));
reportCpuOnRequest();
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
