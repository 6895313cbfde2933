import { createHmac } from 'node:crypto';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { PATIENT_INTRO } from '../../src/channels/patient-intro.js';
import { GRAPH_API_VERSION } from '../../src/channels/whatsapp/whatsapp-client.js';
import { createWhatsAppChannel } from '../../src/channels/whatsapp/whatsapp-channel.js';
import { WHATSAPP_MESSAGE_CHARS } from '../../src/channels/whatsapp/render-whatsapp-reply.js';
import { noSideEffects, startChannelServer, type ChannelServer } from './channel-harness.js';

const ACCESS_TOKEN = 'EAAG-test-access-token';
const APP_SECRET = 'whatsapp-app-secret-for-tests';
const VERIFY_TOKEN = 'whatsapp-verify-token';
const PHONE_NUMBER_ID = '106540352242922';
const USER = '15550001111';
const QUESTION = 'What is the zoledronic acid dose in renal impairment?';

type Sent = { messaging_product: string; to: string; type: string; text: { body: string; preview_url: boolean } };

let server: ChannelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  nock.cleanAll();
});

function start() {
  return startChannelServer((fetch) => [createWhatsAppChannel({ accessToken: ACCESS_TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, audience: 'patient' }, { fetch })], {
    publicUrl: 'https://chat.example.org',
  });
}

let messageCount = 0;
function notification(...texts: string[]) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA-ID',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15559990000', phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: 'A' }, wa_id: USER }],
              messages: texts.map((body) => ({ from: USER, id: `wamid.${(messageCount += 1)}`, timestamp: '1700000000', type: 'text', text: { body } })),
            },
          },
        ],
      },
    ],
  };
}

function postNotification(url: string, payload: unknown, options: { signature?: string | null; secret?: string } = {}): Promise<Response> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const signature = options.signature === undefined ? `sha256=${createHmac('sha256', options.secret ?? APP_SECRET).update(body).digest('hex')}` : options.signature;
  return fetch(`${url}/channels/whatsapp/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) },
    body,
  });
}

function expectSends(count: number, sent: Sent[]) {
  return nock('https://graph.facebook.com')
    .matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
    .post(`/${GRAPH_API_VERSION}/${PHONE_NUMBER_ID}/messages`, (body: Sent) => {
      sent.push(body);
      return true;
    })
    .times(count)
    .reply(200, { messaging_product: 'whatsapp', messages: [{ id: 'wamid.reply' }] });
}

describe('WhatsApp Cloud API: subscription handshake', () => {
  it('echoes hub.challenge for the right verify token and refuses a wrong one', async () => {
    server = await start();
    const ok = await fetch(`${server.url}/channels/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${server.url}/channels/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('1158201444');
  });
});

describe('WhatsApp Cloud API: the sender is the conversation', () => {
  it('replies through the Graph API with the introduction, the cited answer and the sources, then answers a follow-up', async () => {
    server = await start();
    const sent: Sent[] = [];
    expectSends(20, sent);
    expect((await postNotification(server.url, notification(QUESTION))).status).toBe(200);
    await server.setup.idle();
    const firstReply = sent.splice(0);
    const first = firstReply.map((message) => message.text.body);
    for (const message of firstReply) expect(message).toMatchObject({ messaging_product: 'whatsapp', to: USER, type: 'text' });
    for (const body of first) expect(body.length).toBeLessThanOrEqual(WHATSAPP_MESSAGE_CHARS);
    expect(first[0]!.startsWith(PATIENT_INTRO)).toBe(true);
    const whole = first.join('\n');
    expect(whole).toMatch(/\[\d+\]/);
    expect(whole).toContain('*Sources*');
    expect(first.at(-1)).toMatch(/Full answer with sources: https:\/\/chat\.example\.org\/a\/[A-Za-z0-9_-]{24}$/);

    await postNotification(server.url, notification('how often is it given?'));
    await server.setup.idle();
    const second = sent.map((message) => message.text.body).join('\n');
    expect(second).not.toContain(PATIENT_INTRO);
    expect(second).toContain('How often is zoledronic acid given in renal impairment?');
  });

  it('acknowledges status updates without answering', async () => {
    server = await start();
    const statuses = { object: 'whatsapp_business_account', entry: [{ id: 'x', changes: [{ field: 'messages', value: { metadata: { phone_number_id: PHONE_NUMBER_ID }, statuses: [{ id: 'wamid.1', status: 'delivered' }] } }] }] };
    expect((await postNotification(server.url, statuses)).status).toBe(200);
    await server.setup.idle();
    expect(server.effects).toEqual(noSideEffects());
  });
});

describe('WhatsApp Cloud API: forged and malformed notifications have no side effect', () => {
  const cases: Array<[string, () => Promise<Response>, number]> = [
    ['a missing signature', () => postNotification(server!.url, notification(QUESTION), { signature: null }), 401],
    ['a signature with another app secret', () => postNotification(server!.url, notification(QUESTION), { secret: 'another-secret' }), 401],
    ['a signature without its sha256= prefix', () => { const body = JSON.stringify(notification(QUESTION)); return postNotification(server!.url, body, { signature: createHmac('sha256', APP_SECRET).update(body).digest('hex') }); }, 401],
    ['malformed JSON (signed)', () => postNotification(server!.url, '{"object":'), 400],
  ];
  it.each(cases)('%s is refused', async (_name, send, status) => {
    server = await start();
    expect((await send()).status).toBe(status);
    await server.setup.idle();
    expect(server.effects).toEqual(noSideEffects());
  });

  it('answers a redelivered message once', async () => {
    server = await start();
    const sent: Sent[] = [];
    expectSends(1, sent);
    const payload = notification(QUESTION);
    await postNotification(server.url, payload);
    await postNotification(server.url, payload);
    await server.setup.idle();
    expect(server.effects.answers).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('retries a throttled send (Graph error 130429) and gives up on a permanent error', async () => {
    server = await start();
    const sent: Sent[] = [];
    nock('https://graph.facebook.com')
      .post(`/${GRAPH_API_VERSION}/${PHONE_NUMBER_ID}/messages`)
      .reply(400, { error: { message: 'Rate limit hit', type: 'OAuthException', code: 130429 } });
    expectSends(20, sent);
    await postNotification(server.url, notification(QUESTION));
    await server.setup.idle();
    expect(sent.length).toBeGreaterThan(0);
    expect(server.waits).toHaveLength(1);
    nock.cleanAll();

    nock('https://graph.facebook.com')
      .post(`/${GRAPH_API_VERSION}/${PHONE_NUMBER_ID}/messages`)
      .reply(400, { error: { message: 'Recipient not on allow list', code: 131030 } });
    await postNotification(server.url, notification('How is denosumab given?'));
    await server.setup.idle();
    expect(server.waits).toHaveLength(1);
    expect(server.logs.find((line) => line.msg === 'channel reply not delivered')).toMatchObject({ platform: 'whatsapp', code: '131030', attempts: 1 });
  });
});
