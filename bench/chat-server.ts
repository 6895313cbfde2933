import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { createCompactAnswerCodec } from '../src/conversation/compact-answer.js';
import { createSqliteConversationStore } from '../src/conversation/sqlite-conversation-store.js';
import { loadServices } from '../src/services.js';
import { reportCpuOnRequest } from './http-load.js';

// The service as `npm start` runs it (extractive mode, bundled knowledge and rules, conversations in a
// SQLite file), on a free port, logs off. Variant via BENCH_STORE=memory.
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
