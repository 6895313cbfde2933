import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { loadServices } from '../src/services.js';

// The service as `npm start` runs it (extractive mode, bundled knowledge), on a free port, logs off.
const services = await loadServices({ knowledgeDir: 'knowledge', rulesDir: 'rules' });
const app = createApp({ services: () => services, logger: pino({ level: 'silent' }), maxMessageChars: 4000, rateLimitPerMinute: 1_000_000_000 });
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
