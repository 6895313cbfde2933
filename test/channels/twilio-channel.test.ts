import { createHmac } from 'node:crypto';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { PATIENT_INTRO } from '../../src/channels/patient-intro.js';
import { TWILIO_MESSAGE_CHARS } from '../../src/channels/twilio/render-twilio-reply.js';
import { createTwilioChannel } from '../../src/channels/twilio/twilio-channel.js';
import type { Audience } from '../../src/domain/types.js';
import { noSideEffects, startChannelServer, type ChannelServer } from './channel-harness.js';

const ACCOUNT_SID = 'AC00000000000000000000000000000001';
const AUTH_TOKEN = 'twilio-auth-token-for-tests';
// The address Twilio calls; the service itself listens on loopback behind it, as behind a proxy.
const PUBLIC_URL = 'https://chat.example.org';
const WEBHOOK = `${PUBLIC_URL}/channels/twilio/messages`;
const QUESTION = 'What is the zoledronic acid dose in renal impairment?';
const USER = '+15550001111';
const SERVICE_NUMBER = '+15559990000';

type Sent = { To: string; From: string; Body: string };

let server: ChannelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  nock.cleanAll();
});

function start(audience: Audience = 'patient') {
  return startChannelServer((fetch) => [createTwilioChannel({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, audience }, { fetch })], { publicUrl: PUBLIC_URL });
}

/** Twilio's documented scheme: HMAC-SHA1 over the URL followed by each field name and value, sorted by name. */
function sign(url: string, fields: Record<string, string>, token = AUTH_TOKEN): string {
  const data = Object.keys(fields)
    .sort()
    .reduce((text, name) => text + name + fields[name], url);
  return createHmac('sha1', token).update(Buffer.from(data, 'utf8')).digest('base64');
}

let sid = 0;
function fields(body: string, from = USER): Record<string, string> {
  sid += 1;
  return { MessageSid: `SM${String(sid).padStart(32, '0')}`, AccountSid: ACCOUNT_SID, From: from, To: from.startsWith('whatsapp:') ? `whatsapp:${SERVICE_NUMBER}` : SERVICE_NUMBER, Body: body, NumMedia: '0' };
}

function postMessage(url: string, form: Record<string, string>, options: { signature?: string | null; contentType?: string; body?: string } = {}): Promise<Response> {
  const signature = options.signature === undefined ? sign(WEBHOOK, form) : options.signature;
  return fetch(`${url}/channels/twilio/messages`, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
    body: options.body ?? new URLSearchParams(form).toString(),
  });
}

function expectSends(count: number, sent: Sent[]) {
  return nock('https://api.twilio.com')
    .matchHeader('authorization', `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`)
    .post(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, (body: Sent) => {
      sent.push(body);
      return true;
    })
    .times(count)
    .reply(201, { sid: 'SMreply' });
}

describe('Twilio SMS: the sender is the conversation', () => {
  it('acknowledges with empty TwiML, then texts the answer with its link and the references as a second message', async () => {
    server = await start('professional');
    const sent: Sent[] = [];
    expectSends(2, sent);
    const response = await postMessage(server.url, fields(QUESTION));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await response.text()).toContain('<Response></Response>');
    await server.setup.idle();

    expect(sent).toHaveLength(2);
    for (const message of sent) {
      expect(message).toMatchObject({ To: USER, From: SERVICE_NUMBER });
      expect(message.Body.length).toBeLessThanOrEqual(TWILIO_MESSAGE_CHARS);
    }
    expect(sent[0]!.Body).toMatch(/\[\d+\]/);
    expect(sent[0]!.Body).toMatch(/Full answer with sources: https:\/\/chat\.example\.org\/a\/[A-Za-z0-9_-]{24}$/);
    expect(sent[1]!.Body).toMatch(/^Sources\n\[1\] /);
    // Typographic characters outside the GSM alphabet would make every segment 70 characters.
    expect(sent.map((message) => message.Body).join('')).not.toMatch(/[‘’“”–—…≥≤•\u{1F6A8}]/u);
  });

  it('answers a follow-up from the history', async () => {
    server = await start('professional');
    const sent: Sent[] = [];
    expectSends(4, sent);
    await postMessage(server.url, fields(QUESTION));
    await server.setup.idle();
    await postMessage(server.url, fields('how often is it given?'));
    await server.setup.idle();
    const thread = await server.setup.state.thread(`twilio:${SERVICE_NUMBER}:${USER}`);
    const conversation = await server.conversations.get(thread!.conversationId!);
    expect(conversation?.turns.map((turn) => turn.standaloneQuestion)).toEqual([QUESTION, 'How often is zoledronic acid given in renal impairment?']);
  });

  it('on the patient default, the first reply says what the service is; PROFESSIONAL switches the wording', async () => {
    server = await start('patient');
    const sent: Sent[] = [];
    expectSends(4, sent);
    await postMessage(server.url, fields('How is denosumab given?'));
    await server.setup.idle();
    expect(sent[0]!.Body).toContain(PATIENT_INTRO.slice(0, 60));
    const before = sent.length;
    await postMessage(server.url, fields('professional'));
    await server.setup.idle();
    expect(sent[before]!.Body).toContain('written for healthcare professionals');
    await postMessage(server.url, fields(QUESTION));
    await server.setup.idle();
    expect(sent.slice(before + 1).some((message) => message.Body.includes(PATIENT_INTRO.slice(0, 60)))).toBe(false);
    const thread = await server.setup.state.thread(`twilio:${SERVICE_NUMBER}:${USER}`);
    expect((await server.conversations.get(thread!.conversationId!))?.turns.map((turn) => turn.audience)).toEqual(['patient', 'professional']);
  });

  it('replies to WhatsApp through Twilio on the WhatsApp address', async () => {
    server = await start('professional');
    const sent: Sent[] = [];
    expectSends(2, sent);
    await postMessage(server.url, fields(QUESTION, `whatsapp:${USER}`));
    await server.setup.idle();
    expect(sent[0]).toMatchObject({ To: `whatsapp:${USER}`, From: `whatsapp:${SERVICE_NUMBER}` });
  });
});

describe('Twilio: forged and malformed requests have no side effect', () => {
  const form = () => fields(QUESTION);
  const cases: Array<[string, () => Promise<Response>, number]> = [
    ['a missing signature', () => postMessage(server!.url, form(), { signature: null }), 401],
    ['a signature with another auth token', () => { const f = form(); return postMessage(server!.url, f, { signature: sign(WEBHOOK, f, 'another-token') }); }, 401],
    ['a signature over the loopback URL instead of the public one', () => { const f = form(); return postMessage(server!.url, f, { signature: sign(`${server!.url}/channels/twilio/messages`, f) }); }, 401],
    ['a changed Body', () => { const f = form(); return postMessage(server!.url, { ...f, Body: 'What is the denosumab dose?' }, { signature: sign(WEBHOOK, f) }); }, 401],
    ['a JSON body', () => { const f = form(); return postMessage(server!.url, f, { contentType: 'application/json', body: JSON.stringify(f) }); }, 400],
    ['a signed form without MessageSid', () => { const { MessageSid: _, ...f } = form(); return postMessage(server!.url, f); }, 400],
  ];
  it.each(cases)('%s is refused', async (_name, send, status) => {
    server = await start();
    expect((await send()).status).toBe(status);
    await server.setup.idle();
    expect(server.effects).toEqual(noSideEffects());
  });

  it('answers a replayed MessageSid once', async () => {
    server = await start('professional');
    const sent: Sent[] = [];
    expectSends(2, sent);
    const message = form();
    expect((await postMessage(server.url, message)).status).toBe(200);
    expect((await postMessage(server.url, message)).status).toBe(200);
    await server.setup.idle();
    expect(server.effects.answers).toBe(1);
    expect(sent).toHaveLength(2);
  });
});
