import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { createChannelSetup } from '../src/channels/channel-setup.js';
import { createSlackChannel } from '../src/channels/slack/slack-channel.js';
import { createMemoryConversationStore } from '../src/conversation/memory-conversation-store.js';
import { loadServices } from '../src/services.js';

// Usage: npm run bench:channels
// Slack events signed as Slack signs them, sent over loopback to the service as `npm start` runs it
// (extractive mode, bundled knowledge and rules), with a loopback stand-in for Slack's API. Measures
// the acknowledgement Slack waits at most 3 s for, and the time until the answer is posted.
const EVENTS = Number(process.env.BENCH_CHANNEL_EVENTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CHANNEL_CONCURRENCY ?? 8);
const SECRET = 'bench-signing-secret';
const QUESTIONS = [
  'What is the zoledronic acid dose in renal impairment?',
  'How is denosumab given for bone metastases?',
  'When should radiotherapy be used for painful bone metastases?',
  'What are the warning signs of spinal cord compression?',
];

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

async function main(): Promise<void> {
  const sentAt = new Map<string, number>();
  const delivered: number[] = [];
  let allDelivered: () => void = () => {};
  const done = new Promise<void>((resolve) => (allDelivered = resolve));
  // The stand-in for slack.com/api: records when each thread's answer arrives.
  const slack = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const thread = (JSON.parse(body) as { thread_ts: string }).thread_ts;
      const started = sentAt.get(thread);
      if (started !== undefined) delivered.push(performance.now() - started);
      response.setHeader('content-type', 'application/json');
      response.end('{"ok":true}');
      if (delivered.length === EVENTS) allDelivered();
    });
  });
  const slackPort = await listen(slack);

  const services = await loadServices({ knowledgeDir: 'knowledge', rulesDir: 'rules' });
  const conversations = createMemoryConversationStore({ retentionDays: 30, purgeIntervalMs: 0 });
  const setup = createChannelSetup({
    platforms: [createSlackChannel({ signingSecret: SECRET, botToken: 'xoxb-bench', audience: 'professional' }, { apiUrl: `http://127.0.0.1:${slackPort}` })],
    retentionMs: 30 * 24 * 60 * 60 * 1000,
    publicUrl: 'https://chat.example.org',
  });
  const app = createApp({ services: () => services, logger: pino({ level: 'silent' }), maxMessageChars: 4000, rateLimitPerMinute: 1_000_000, conversations, channels: setup });
  const server = createServer(app);
  const port = await listen(server);

  const acknowledged: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < EVENTS) {
      const index = next;
      next += 1;
      const ts = `1700000000.${String(index).padStart(6, '0')}`;
      const body = JSON.stringify({
        type: 'event_callback',
        team_id: 'T1',
        event_id: `Ev${index}`,
        event: { type: 'app_mention', user: 'U1', text: `<@U0> ${QUESTIONS[index % QUESTIONS.length]}`, ts, channel: 'C1' },
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const started = performance.now();
      sentAt.set(ts, started);
      const response = await fetch(`http://127.0.0.1:${port}/channels/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
        body,
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`event ${index} answered ${response.status}`);
      acknowledged.push(performance.now() - started);
    }
  };
  const wall = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await done;
  const seconds = (performance.now() - wall) / 1000;

  acknowledged.sort((a, b) => a - b);
  delivered.sort((a, b) => a - b);
  const row = (name: string, samples: number[]) => `| ${name} | ${percentile(samples, 50).toFixed(1)} ms | ${percentile(samples, 99).toFixed(1)} ms | ${samples.at(-1)!.toFixed(1)} ms |`;
  console.log(`${EVENTS} signed Slack events, ${CONCURRENCY} at a time, ${(EVENTS / seconds).toFixed(0)} answered per second\n`);
  console.log('| measure | p50 | p99 | max |\n| --- | --- | --- | --- |');
  console.log(row('acknowledgement (Slack allows 3000 ms)', acknowledged));
  console.log(row('answer posted to the thread', delivered));

  await setup.idle();
  server.close();
  slack.close();
  await conversations.close();
}

await main();
