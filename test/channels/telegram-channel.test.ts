import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { PATIENT_INTRO } from '../../src/channels/patient-intro.js';
import { createTelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import type { Audience } from '../../src/domain/types.js';
import { logsWithText, noSideEffects, startChannelServer, type ChannelServer } from './channel-harness.js';

const BOT_TOKEN = '123456:telegram-test-token';
const SECRET = 'telegram_webhook-secret_0123456789';
const QUESTION = 'What is the zoledronic acid dose in renal impairment?';

type Sent = { chat_id: number; text: string; parse_mode: string; reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> } };

let server: ChannelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  nock.cleanAll();
});

function start(audience: Audience = 'professional') {
  return startChannelServer((fetch) => [createTelegramChannel({ botToken: BOT_TOKEN, webhookSecret: SECRET, audience }, { fetch })], { publicUrl: 'https://chat.example.org' });
}

let updateId = 1000;
function message(text: string, chatId = 4242) {
  updateId += 1;
  return { update_id: updateId, message: { message_id: updateId, date: 1700000000, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'A' }, text } };
}

function postUpdate(url: string, update: unknown, secret: string | null = SECRET): Promise<Response> {
  return fetch(`${url}/channels/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
    body: typeof update === 'string' ? update : JSON.stringify(update),
  });
}

function expectSends(count: number, sent: Sent[]) {
  return nock('https://api.telegram.org')
    .post(`/bot${BOT_TOKEN}/sendMessage`, (body: Sent) => {
      sent.push(body);
      return true;
    })
    .times(count)
    .reply(200, { ok: true, result: {} });
}

describe('Telegram: a chat is a conversation', () => {
  it('answers in HTML with citations and references, offers follow-ups as buttons, and answers a pressed button from the history', async () => {
    server = await start();
    const sent: Sent[] = [];
    expectSends(20, sent);
    const callback = nock('https://api.telegram.org').post(`/bot${BOT_TOKEN}/answerCallbackQuery`, { callback_query_id: 'cb-1' }).reply(200, { ok: true });

    expect((await postUpdate(server.url, message(QUESTION))).status).toBe(200);
    await server.setup.idle();
    const firstReply = sent.splice(0);
    for (const part of firstReply) expect(part).toMatchObject({ chat_id: 4242, parse_mode: 'HTML' });
    const first = joined(firstReply);
    expect(first).toMatch(/\[\d+\]/);
    expect(first).toContain('<b>References</b>');
    expect(first).toMatch(/<a href="https:\/\/chat\.example\.org\/a\/[A-Za-z0-9_-]{24}">Open the full answer/);
    const buttons = firstReply.at(-1)!.reply_markup?.inline_keyboard.flat() ?? [];
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons[0]!.callback_data).toBe('f:0');

    // Pressing the first button asks the first suggested follow-up in the same conversation.
    updateId += 1;
    const press = { update_id: updateId, callback_query: { id: 'cb-1', from: { id: 4242, is_bot: false }, data: 'f:0', message: { message_id: 1, chat: { id: 4242, type: 'private' } } } };
    expect((await postUpdate(server.url, press)).status).toBe(200);
    await server.setup.idle();
    expect(callback.isDone()).toBe(true);
    expect(sent.length).toBeGreaterThan(0);
    expect(server.effects.turns).toBe(2);
  });

  it('uses the history for a typed follow-up', async () => {
    server = await start();
    const sent: Sent[] = [];
    expectSends(20, sent);
    await postUpdate(server.url, message(QUESTION, 77));
    await server.setup.idle();
    sent.splice(0);
    await postUpdate(server.url, message('how often is it given?', 77));
    await server.setup.idle();
    expect(joined(sent)).toContain('Answering: How often is zoledronic acid given in renal impairment?');
  });

  it('/patient switches the chat to patient wording, says what the service is once, and answers in patient wording', async () => {
    server = await start('professional');
    const sent: Sent[] = [];
    expectSends(20, sent);
    await postUpdate(server.url, message('/patient', 9));
    await server.setup.idle();
    expect(sent[0]!.text).toContain(escape(PATIENT_INTRO));
    expect(sent[0]!.text).toContain('written for patients');
    sent.splice(0);
    await postUpdate(server.url, message('How is denosumab given?', 9));
    await server.setup.idle();
    expect(joined(sent)).not.toContain(escape(PATIENT_INTRO));
    sent.splice(0);
    const thread = await server.setup.state.thread('telegram:9');
    const conversation = await server.conversations.get(thread!.conversationId!);
    expect(conversation?.turns[0]?.audience).toBe('patient');
    await postUpdate(server.url, message('/professional@GuidelineBot', 9));
    await server.setup.idle();
    expect(sent[0]!.text).toContain('written for healthcare professionals');
  });

  it('on a patient channel the first answer opens with the introduction, and an urgent notice comes before it', async () => {
    server = await start('patient');
    const sent: Sent[] = [];
    expectSends(20, sent);
    await postUpdate(server.url, message('I have new back pain and my legs are weak', 5));
    await server.setup.idle();
    const text = sent.splice(0)[0]!.text;
    expect(text.startsWith('🚨 <b>URGENT</b>')).toBe(true);
    expect(text.indexOf(escape(PATIENT_INTRO))).toBeGreaterThan(text.indexOf('URGENT'));
    // The introduction is said once per chat; the urgent notice leads every reply in which it fires.
    await postUpdate(server.url, message('My legs are weak and I have new back pain again', 5));
    await server.setup.idle();
    expect(sent[0]!.text.startsWith('🚨 <b>URGENT</b>')).toBe(true);
    expect(joined(sent)).not.toContain(escape(PATIENT_INTRO));
  });
});

describe('Telegram: forged and malformed updates have no side effect', () => {
  const cases: Array<[string, () => Promise<Response>, number]> = [
    ['a missing secret token', () => postUpdate(server!.url, message(QUESTION), null), 401],
    ['a wrong secret token', () => postUpdate(server!.url, message(QUESTION), 'telegram_webhook-secret_0123456788'), 401],
    ['a secret token of another length', () => postUpdate(server!.url, message(QUESTION), SECRET.slice(0, -1)), 401],
    ['malformed JSON', () => postUpdate(server!.url, '{"update_id": 1,'), 400],
    ['an update without update_id', () => postUpdate(server!.url, { message: message(QUESTION).message }), 400],
  ];
  it.each(cases)('%s is refused', async (_name, send, status) => {
    server = await start();
    expect((await send()).status).toBe(status);
    await server.setup.idle();
    expect(server.effects).toEqual(noSideEffects());
  });

  it('acknowledges and drops edits, stickers and bots', async () => {
    server = await start();
    const edited = { update_id: 5001, edited_message: message(QUESTION).message };
    const sticker = { update_id: 5002, message: { ...message('x').message, text: undefined, sticker: { file_id: 'a' } } };
    const bot = { update_id: 5003, message: { ...message(QUESTION).message, from: { id: 1, is_bot: true } } };
    for (const update of [edited, sticker, bot]) expect((await postUpdate(server.url, update)).status).toBe(200);
    await server.setup.idle();
    expect(server.effects).toEqual(noSideEffects());
  });

  it('answers a redelivered update once', async () => {
    server = await start();
    const sent: Sent[] = [];
    expectSends(20, sent);
    const update = message(QUESTION);
    await postUpdate(server.url, update);
    await server.setup.idle();
    const once = sent.length;
    await postUpdate(server.url, update);
    await server.setup.idle();
    expect(sent).toHaveLength(once);
    expect(server.effects.answers).toBe(1);
  });
});

describe('Telegram: what cannot be answered', () => {
  it('says a message is too long instead of answering it', async () => {
    server = await start();
    const sent: Sent[] = [];
    expectSends(1, sent);
    await postUpdate(server.url, message(`${'word '.repeat(900)}?`));
    await server.setup.idle();
    expect(sent[0]!.text).toContain('too long');
    expect(server.effects.answers).toBe(0);
    expect(server.effects.turns).toBe(0);
  });

  it('says something went wrong when the answer pipeline fails, and logs no message text', async () => {
    server = await startChannelServer((fetch) => [createTelegramChannel({ botToken: BOT_TOKEN, webhookSecret: SECRET, audience: 'professional' }, { fetch })], {
      answer: async () => {
        throw new Error('index unavailable');
      },
    });
    const sent: Sent[] = [];
    expectSends(1, sent);
    await postUpdate(server.url, message(QUESTION));
    await server.setup.idle();
    expect(sent[0]!.text).toBe('Sorry, something went wrong while answering. Please try again in a moment.');
    expect(server.effects.turns).toBe(0);
    expect(server.logs.find((line) => line.msg === 'channel message not answered')).toMatchObject({ platform: 'telegram', err: 'Error: index unavailable' });
    expect(logsWithText(server.logs, ['zoledronic'])).toEqual([]);
  });

  it('says a pressed button is stale when its answer is not the last one', async () => {
    server = await start();
    const sent: Sent[] = [];
    expectSends(1, sent);
    updateId += 1;
    const press = { update_id: updateId, callback_query: { id: 'cb-9', from: { id: 31, is_bot: false }, data: 'f:2', message: { message_id: 1, chat: { id: 31, type: 'private' } } } };
    nock('https://api.telegram.org').post(`/bot${BOT_TOKEN}/answerCallbackQuery`).reply(200, { ok: true });
    await postUpdate(server.url, press);
    await server.setup.idle();
    expect(sent[0]!.text).toContain('earlier answer');
    expect(server.effects.answers).toBe(0);
  });
});

describe('Telegram: rate limits', () => {
  it('waits for parameters.retry_after on a 429, then sends', async () => {
    server = await start();
    const sent: Sent[] = [];
    nock('https://api.telegram.org').post(`/bot${BOT_TOKEN}/sendMessage`).reply(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } });
    expectSends(20, sent);
    await postUpdate(server.url, message(QUESTION));
    await server.setup.idle();
    expect(sent.length).toBeGreaterThan(0);
    expect(server.waits).toEqual([3000]);
  });
});

/** The text of a reply sent as several messages. */
function joined(messages: Sent[]): string {
  return messages.map((message) => message.text).join('\n');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
