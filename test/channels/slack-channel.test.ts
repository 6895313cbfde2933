import { createHmac } from 'node:crypto';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../src/app.js';
import type { SlackBlock } from '../../src/channels/slack/render-slack-reply.js';
import { createSlackChannel } from '../../src/channels/slack/slack-channel.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';
import { logsWithText, noSideEffects, startChannelServer, type ChannelServer } from './channel-harness.js';

const SIGNING_SECRET = 'slack-signing-secret-for-tests';
const BOT_TOKEN = 'xoxb-test-token';
const PUBLIC_URL = 'https://chat.example.org';
const QUESTION = 'What is the zoledronic acid dose in renal impairment?';
const FOLLOW_UP = 'how often is it given?';

type Posted = { channel: string; thread_ts?: string; text: string; blocks: SlackBlock[] };

let server: ChannelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  nock.cleanAll();
});

function start(options: Parameters<typeof startChannelServer>[1] = {}) {
  return startChannelServer((fetch) => [createSlackChannel({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, audience: 'professional' }, { fetch })], {
    publicUrl: PUBLIC_URL,
    ...options,
  });
}

function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

type PostOptions = { timestamp?: number; signature?: string | null; headers?: Record<string, string> };

async function postEvent(url: string, payload: unknown, options: PostOptions = {}): Promise<Response> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature === undefined ? sign(body, timestamp) : options.signature;
  return fetch(`${url}/channels/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      ...(signature === null ? {} : { 'x-slack-signature': signature }),
      ...options.headers,
    },
    body,
  });
}

function mention(text: string, options: { eventId: string; ts: string; threadTs?: string; channel?: string }) {
  return {
    type: 'event_callback',
    team_id: 'T0001',
    api_app_id: 'A0001',
    event_id: options.eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'app_mention',
      user: 'U0002',
      text: `<@U0BOT> ${text}`,
      ts: options.ts,
      channel: options.channel ?? 'C0001',
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    },
  };
}

/** Records every chat.postMessage body; answers ok like Slack. */
function expectPosts(count: number, posted: Posted[], reply: () => [number, unknown, Record<string, string>?] = () => [200, { ok: true, ts: '1.1' }]) {
  return nock('https://slack.com')
    .matchHeader('authorization', `Bearer ${BOT_TOKEN}`)
    .post('/api/chat.postMessage', (body: Posted) => {
      posted.push(body);
      return true;
    })
    .times(count)
    .reply(() => reply());
}

const blockText = (block: SlackBlock): string =>
  block.type === 'section' || block.type === 'header' ? block.text.text : block.type === 'context' ? block.elements.map((element) => element.text).join('\n') : '';

describe('Slack: URL verification', () => {
  it('answers the signed challenge and refuses an unsigned one', async () => {
    server = await start();
    const challenge = { type: 'url_verification', token: 'legacy', challenge: 'challenge-value-123' };
    const response = await postEvent(server.url, challenge);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'challenge-value-123' });
    expect((await postEvent(server.url, challenge, { signature: null })).status).toBe(401);
  });
});

describe('Slack: a question and a follow-up in one thread', () => {
  it('posts a cited answer in the thread, then answers the follow-up from the history', async () => {
    server = await start();
    const posted: Posted[] = [];
    const scope = expectPosts(2, posted);

    const first = await postEvent(server.url, mention(QUESTION, { eventId: 'Ev001', ts: '1700000000.000100' }));
    expect(first.status).toBe(200);
    await server.setup.idle();
    expect(posted).toHaveLength(1);
    const reply = posted[0]!;
    expect(reply.channel).toBe('C0001');
    expect(reply.thread_ts).toBe('1700000000.000100');
    const texts = reply.blocks.map(blockText).join('\n');
    expect(texts).toMatch(/\[\d+\]/);
    // References: numbered context lines, ten to a block (Slack's limit for a context block).
    const referenceBlocks = reply.blocks.filter((block) => block.type === 'context' && /^\*\[\d+\]\*/.test(blockText(block)));
    expect(referenceBlocks.length).toBeGreaterThan(0);
    const references = referenceBlocks.map(blockText).join('\n');
    expect(references.startsWith('*[1]*')).toBe(true);
    expect(references).toMatch(/(Approved by medical reviewers|Under medical review|Submitted for review)/);
    expect(texts).toMatch(new RegExp(`<${PUBLIC_URL}/a/[A-Za-z0-9_-]{24}\\|Open the full answer`));
    // Every [n] in the answer names a numbered reference line.
    const numbers = new Set([...texts.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])));
    for (const n of numbers) expect(references).toContain(`*[${n}]*`);

    await postEvent(server.url, mention(FOLLOW_UP, { eventId: 'Ev002', ts: '1700000050.000200', threadTs: '1700000000.000100' }));
    await server.setup.idle();
    expect(scope.isDone()).toBe(true);
    expect(posted[1]!.thread_ts).toBe('1700000000.000100');
    expect(posted[1]!.blocks.map(blockText).join('\n')).toContain('Answering: How often is zoledronic acid given in renal impairment?');

    // One conversation with both turns, the follow-up rewritten from the first question.
    expect(server.effects.turns).toBe(2);
    expect(server.effects.links).toBe(2);
  });

  it('answers a direct message in the DM, and keeps the DM as one conversation', async () => {
    server = await start();
    const posted: Posted[] = [];
    expectPosts(2, posted);
    const dm = (text: string, eventId: string, ts: string) => ({
      type: 'event_callback',
      team_id: 'T0001',
      event_id: eventId,
      event: { type: 'message', channel_type: 'im', user: 'U0002', text, ts, channel: 'D0001' },
    });
    await postEvent(server.url, dm(QUESTION, 'Ev010', '1700000100.000100'));
    await server.setup.idle();
    await postEvent(server.url, dm(FOLLOW_UP, 'Ev011', '1700000110.000100'));
    await server.setup.idle();
    expect(posted.map((post) => [post.channel, post.thread_ts])).toEqual([
      ['D0001', undefined],
      ['D0001', undefined],
    ]);
    expect(posted[1]!.blocks.map(blockText).join('\n')).toContain('Answering: How often is zoledronic acid given in renal impairment?');
  });

  it('acknowledges within Slack’s 3 seconds while the answer is still being computed, and posts it afterwards', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let answering = false;
    const services = await servicesFor(PACK_KNOWLEDGE);
    const slowAnswer: Services['answer'] = async (request, signal) => {
      answering = true;
      await gate;
      return services.answer(request, signal);
    };
    server = await start({ answer: slowAnswer });
    const posted: Posted[] = [];
    expectPosts(1, posted);

    const response = await postEvent(server.url, mention(QUESTION, { eventId: 'Ev020', ts: '1700000200.000100' }));
    // The acknowledgement has arrived although the answer cannot have finished: it is waiting on the gate.
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await waitFor(() => answering);
    expect(posted).toHaveLength(0);
    release();
    await server.setup.idle();
    expect(posted).toHaveLength(1);
  });

  it('leads with the urgent notice, set apart, when a red flag fires', async () => {
    server = await start();
    const posted: Posted[] = [];
    expectPosts(1, posted);
    await postEvent(server.url, mention('I have new back pain and my legs are weak', { eventId: 'Ev030', ts: '1700000300.000100' }));
    await server.setup.idle();
    const blocks = posted[0]!.blocks;
    expect(blocks[0]!.type).toBe('section');
    expect(blockText(blocks[0]!)).toMatch(/^:rotating_light: \*Urgent\*\n/);
    expect(posted[0]!.text).toMatch(/^Urgent: /);
  });
});

describe('Slack: forged, stale, replayed and malformed requests have no side effect', () => {
  const event = mention(QUESTION, { eventId: 'Ev100', ts: '1700001000.000100' });
  const body = JSON.stringify(event);
  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, () => Promise<Response>, number]> = [
    ['a missing signature', () => postEvent(server!.url, body, { signature: null }), 401],
    ['a signature made with another secret', () => postEvent(server!.url, body, { signature: sign(body, now(), 'another-secret') }), 401],
    ['a signature over another body', () => postEvent(server!.url, body, { signature: sign(body.replace('zoledronic', 'denosumab'), now()) }), 401],
    ['a timestamp six minutes old (signed)', () => postEvent(server!.url, body, { timestamp: now() - 6 * 60 }), 401],
    ['a timestamp six minutes ahead (signed)', () => postEvent(server!.url, body, { timestamp: now() + 6 * 60 }), 401],
    ['a malformed timestamp', () => postEvent(server!.url, body, { timestamp: Number.NaN, signature: sign(body, Number.NaN) }), 401],
    ['malformed JSON (signed)', () => postEvent(server!.url, '{"type":"event_callback",'), 400],
    ['an event_callback without an event id (signed)', () => postEvent(server!.url, { ...event, event_id: undefined }), 400],
  ];

  it.each(cases)('%s is refused with no answer, no message, nothing stored', async (_name, send, status) => {
    server = await start();
    const response = await send();
    expect(response.status).toBe(status);
    await server.setup.idle();
    expect(server.effects).toEqual(noSideEffects());
  });

  it('acknowledges and drops an unknown event type, a bot’s own message and an edit', async () => {
    server = await start();
    const others = [
      { ...event, event_id: 'Ev101', event: { ...event.event, type: 'reaction_added' } },
      { ...event, event_id: 'Ev102', event: { ...event.event, bot_id: 'B0001' } },
      { ...event, event_id: 'Ev103', event: { ...event.event, type: 'message', subtype: 'message_changed' } },
      { ...event, event_id: 'Ev104', event: { ...event.event, type: 'message', channel_type: 'channel' } },
      { type: 'app_rate_limited', team_id: 'T0001' },
    ];
    for (const other of others) expect((await postEvent(server.url, other)).status).toBe(200);
    await server.setup.idle();
    expect(server.effects).toEqual(noSideEffects());
  });

  it('answers a retried delivery (X-Slack-Retry-Num) once', async () => {
    server = await start();
    const posted: Posted[] = [];
    const scope = expectPosts(1, posted);
    expect((await postEvent(server.url, event)).status).toBe(200);
    await server.setup.idle();
    const after = { ...server.effects };
    const retry = await postEvent(server.url, event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await server.setup.idle();
    expect(scope.isDone()).toBe(true);
    expect(posted).toHaveLength(1);
    expect({ ...server.effects, dedupeChecks: after.dedupeChecks }).toEqual(after);
  });

  it('does not answer before the service is ready, and answers the platform’s retry once it is', async () => {
    server = await start({ ready: false });
    const response = await postEvent(server.url, event);
    expect(response.status).toBe(503);
    await server.setup.idle();
    expect(server.effects).toEqual(noSideEffects());
  });
});

describe('Slack: a failing or rate-limiting API', () => {
  it('waits as long as Retry-After says, then posts', async () => {
    server = await start();
    const posted: Posted[] = [];
    let calls = 0;
    expectPosts(2, posted, () => (++calls === 1 ? [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '7' }] : [200, { ok: true }]));
    await postEvent(server.url, mention(QUESTION, { eventId: 'Ev200', ts: '1700002000.000100' }));
    await server.setup.idle();
    expect(posted).toHaveLength(2);
    expect(server.waits).toEqual([7000]);
  });

  it('gives up after the attempts, logs without message text, and keeps the turn', async () => {
    server = await start();
    const posted: Posted[] = [];
    expectPosts(3, posted, () => [503, 'upstream unavailable']);
    await postEvent(server.url, mention(QUESTION, { eventId: 'Ev201', ts: '1700002100.000100' }));
    await server.setup.idle();
    expect(posted).toHaveLength(3);
    expect(server.waits).toHaveLength(2);
    expect(server.effects.turns).toBe(1);
    const failure = server.logs.find((line) => line.msg === 'channel reply not delivered');
    expect(failure).toMatchObject({ platform: 'slack', status: 503, attempts: 3 });
    expect(logsWithText(server.logs, ['zoledronic acid dose', 'renal impairment'])).toEqual([]);
  });

  it('does not retry an error that will not go away (channel_not_found)', async () => {
    server = await start();
    const posted: Posted[] = [];
    expectPosts(1, posted, () => [200, { ok: false, error: 'channel_not_found' }]);
    await postEvent(server.url, mention(QUESTION, { eventId: 'Ev202', ts: '1700002200.000100' }));
    await server.setup.idle();
    expect(posted).toHaveLength(1);
    expect(server.logs.find((line) => line.msg === 'channel reply not delivered')).toMatchObject({ code: 'channel_not_found', attempts: 1 });
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !condition(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
