import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { PATIENT_INTRO } from '../../src/channels/patient-intro.js';
import { createTelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import type { Audience } from '../../src/domain/types.js';
import { noSideEffects, startChannelServer, type ChannelServer } from './channel-harness.js';

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
    expectSends(2, sent);
    const callback = nock('https://api.telegram.org').post(`/bot${BOT_TOKEN}/answerCallbackQuery`, { callback_query_id: 'cb-1' }).reply(200, { ok: true });

    expect((await postUpdate(server.url, message(QUESTION))).status).toBe(200);
    await server.setup.idle();
    const first = sent[0]!;
    expect(first.chat_id).toBe(4242);
    expect(first.parse_mode).toBe('HTML');
    expect(first.text).toMatch(/\[\d+\]/);
    expect(first.text).toContain('<b>References</b>');
    expect(first.text).toMatch(/<a href="https:\/\/chat\.example\.org\/a\/[A-Za-z0-9_-]{24}">Open the full answer/);
    const buttons = first.reply_markup?.inline_keyboard.flat() ?? [];
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons[0]!.callback_data).toBe('f:0');

    // Pressing the first button asks the first suggested follow-up in the same conversation.
    updateId += 1;
    const press = { update_id: updateId, callback_query: { id: 'cb-1', from: { id: 4242, is_bot: false }, data: 'f:0', message: { message_id: 1, chat: { id: 4242, type: 'private' } } } };
    expect((await postUpdate(server.url, press)).status).toBe(200);
    await server.setup.idle();
    expect(callback.isDone()).toBe(true);
    expect(sent).toHaveLength(2);
    expect(server.effects.turns).toBe(2);
  });

  it('uses the history for a typed follow-up', async () => {
    server = await start();
    const sent: Sent[] = [];
    expectSends(2, sent);
    await postUpdate(server.url, message(QUESTION, 77));
    await server.setup.idle();
    await postUpdate(server.url, message('how often is it given?', 77));
    await server.setup.idle();
    expect(sent[1]!.text).toContain('Answering: How often is zoledronic acid given in renal impairment?');
  });

  it('/patient switches the chat to patient wording, says what the service is once, and answers in patient wording', async () => {
    server = await start('professional');
    const sent: Sent[] = [];
    expectSends(3, sent);
    await postUpdate(server.url, message('/patient', 9));
    await server.setup.idle();
    expect(sent[0]!.text).toContain(escape(PATIENT_INTRO));
    expect(sent[0]!.text).toContain('written for patients');
    await postUpdate(server.url, message('How is denosumab given?', 9));
    await server.setup.idle();
    expect(sent[1]!.text).not.toContain(escape(PATIENT_INTRO));
    const thread = await server.setup.state.thread('telegram:9');
    const conversation = await server.conversations.get(thread!.conversationId!);
    expect(conversation?.turns[0]?.audience).toBe('patient');
    await postUpdate(server.url, message('/professional@GuidelineBot', 9));
    await server.setup.idle();
    expect(sent[2]!.text).toContain('written for healthcare professionals');
  });

  it('on a patient channel the first answer opens with the introduction, and an urgent notice comes before it', async () => {
    server = await start('patient');
    const sent: Sent[] = [];
    expectSends(2, sent);
    await postUpdate(server.url, message('I have new back pain and my legs are weak', 5));
    await server.setup.idle();
    const text = sent[0]!.text;
    expect(text.startsWith('🚨 <b>URGENT</b>')).toBe(true);
    expect(text.indexOf(escape(PATIENT_INTRO))).toBeGreaterThan(text.indexOf('URGENT'));
    // The introduction is said once per chat; the urgent notice leads every reply in which it fires.
    await postUpdate(server.url, message('My legs are weak and I have new back pain again', 5));
    await server.setup.idle();
    expect(sent[1]!.text.startsWith('🚨 <b>URGENT</b>')).toBe(true);
    expect(sent[1]!.text).not.toContain(escape(PATIENT_INTRO));
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
    expectSends(1, sent);
    const update = message(QUESTION);
    await postUpdate(server.url, update);
    await postUpdate(server.url, update);
    await server.setup.idle();
    expect(sent).toHaveLength(1);
    expect(server.effects.answers).toBe(1);
  });
});

describe('Telegram: rate limits', () => {
  it('waits for parameters.retry_after on a 429, then sends', async () => {
    server = await start();
    const sent: Sent[] = [];
    nock('https://api.telegram.org').post(`/bot${BOT_TOKEN}/sendMessage`).reply(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } });
    expectSends(1, sent);
    await postUpdate(server.url, message(QUESTION));
    await server.setup.idle();
    expect(sent).toHaveLength(1);
    expect(server.waits).toEqual([3000]);
  });
});

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
