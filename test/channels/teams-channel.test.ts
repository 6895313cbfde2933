import { generateKeyPairSync, sign as signData, type KeyObject } from 'node:crypto';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsChannel } from '../../src/channels/teams/teams-channel.js';
import { TEAMS_MESSAGE_CHARS } from '../../src/channels/teams/render-teams-reply.js';
import { noSideEffects, startChannelServer, type ChannelServer } from './channel-harness.js';

const CLIENT_ID = '00000000-0000-0000-0000-0000000000a1';
const TENANT_ID = '00000000-0000-0000-0000-0000000000b2';
const SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const CONVERSATION = '19:abc123@thread.tacv2;messageid=1700000000000';
const QUESTION = 'What is the zoledronic acid dose in renal impairment?';

// Microsoft's signing key, as the tests' stand-in: its public half is served as the published key set.
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KEY_ID = 'test-signing-key';

type Posted = { type: string; text: string; textFormat: string; replyToId?: string; conversation: { id: string } };

let server: ChannelServer | undefined;
let posted: Array<{ path: string; body: Posted }> = [];

beforeAll(() => {
  nock('https://login.botframework.com')
    .get('/v1/.well-known/keys')
    .reply(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KEY_ID, use: 'sig', alg: 'RS256' }] })
    .persist();
});
afterAll(() => nock.cleanAll());
afterEach(async () => {
  await server?.close();
  server = undefined;
  posted = [];
});

function start() {
  // Entra ID's token endpoint, for the outbound token the adapter asks for.
  nock('https://login.microsoftonline.com')
    .post(`/${TENANT_ID}/oauth2/v2.0/token`, (body: Record<string, string>) => body.client_id === CLIENT_ID && body.client_secret === 'teams-secret')
    .query(true)
    .reply(200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: 'outbound-token' })
    .persist();
  return startChannelServer(() => [createTeamsChannel({ clientId: CLIENT_ID, clientSecret: 'teams-secret', tenantId: TENANT_ID, audience: 'professional' })], { publicUrl: 'https://chat.example.org' });
}

function expectConnector(times: number, status = 200, headers: Record<string, string> = {}) {
  return nock('https://smba.trafficmanager.net')
    .matchHeader('authorization', 'Bearer outbound-token')
    .post(/^\/teams\/v3\/conversations\/.+\/activities/, (body: Posted) => {
      posted.push({ path: '', body });
      return true;
    })
    .times(times)
    .reply(status, { id: 'reply-id' }, headers);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function token(claims: Record<string, unknown> = {}, key: KeyObject = privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'RS256', typ: 'JWT', kid: KEY_ID });
  const payload = base64url({ iss: 'https://api.botframework.com', aud: CLIENT_ID, serviceurl: SERVICE_URL, nbf: now - 10, iat: now - 10, exp: now + 600, ...claims });
  return `${header}.${payload}.${signData('sha256', Buffer.from(`${header}.${payload}`), key).toString('base64url')}`;
}

let activityCount = 0;
function activity(text: string, overrides: Record<string, unknown> = {}) {
  activityCount += 1;
  return {
    type: 'message',
    id: `1700000000${activityCount}`,
    timestamp: new Date().toISOString(),
    serviceUrl: SERVICE_URL,
    channelId: 'msteams',
    from: { id: '29:user-1', name: 'A Clinician', aadObjectId: 'u-1' },
    conversation: { id: CONVERSATION, conversationType: 'channel', tenantId: TENANT_ID },
    recipient: { id: `28:${CLIENT_ID}`, name: 'Guideline Chat' },
    text: `<at>Guideline Chat</at> ${text}`,
    textFormat: 'plain',
    channelData: { tenant: { id: TENANT_ID } },
    ...overrides,
  };
}

function postActivity(url: string, body: unknown, bearer: string | null = token()): Promise<Response> {
  return fetch(`${url}/channels/teams/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('Microsoft Teams through the Agents SDK', () => {
  it('answers in the channel thread with citations and references, and answers a follow-up from the history', async () => {
    server = await start();
    expectConnector(2);
    const first = activity(QUESTION);
    expect((await postActivity(server.url, first)).status).toBe(200);
    await server.setup.idle();
    expect(posted).toHaveLength(1);
    const reply = posted[0]!.body;
    expect(reply).toMatchObject({ type: 'message', textFormat: 'xml', replyToId: first.id, conversation: { id: CONVERSATION } });
    expect(reply.text.length).toBeLessThanOrEqual(TEAMS_MESSAGE_CHARS);
    expect(reply.text).toMatch(/\[\d+\]/);
    expect(reply.text).toContain('<b>References</b>');
    expect(reply.text).toMatch(/<a href="https:\/\/chat\.example\.org\/a\/[A-Za-z0-9_-]{24}">/);
    expect(reply.text).not.toContain('\n');

    await postActivity(server.url, activity('how often is it given?'));
    await server.setup.idle();
    expect(posted[1]!.body.text).toContain('Answering: How often is zoledronic acid given in renal impairment?');
    expect(server.effects.turns).toBe(2);
  });

  it('retries the connector after a 429, waiting for Retry-After', async () => {
    server = await start();
    expectConnector(1, 429, { 'Retry-After': '4' });
    expectConnector(1);
    await postActivity(server.url, activity(QUESTION));
    await server.setup.idle();
    expect(posted).toHaveLength(2);
    expect(server.waits).toEqual([4000]);
  });
});

describe('Microsoft Teams: where replies may go', () => {
  it('never sends our token to a host outside Microsoft’s, even for a token without a serviceurl claim', async () => {
    server = await start();
    const attacker = nock('https://attacker.example.org').post(/.*/).reply(200, {});
    const response = await postActivity(server.url, activity(QUESTION, { serviceUrl: 'https://attacker.example.org/' }), token({ serviceurl: undefined }));
    expect(response.status).toBe(200);
    await server.setup.idle();
    expect(attacker.isDone()).toBe(false);
    expect(server.logs.find((line) => line.msg === 'channel reply not delivered')).toMatchObject({ platform: 'teams', attempts: 1 });
    nock.abortPendingRequests();
  });
});

describe('Microsoft Teams: forged and malformed activities have no side effect', () => {
  const cases: Array<[string, () => Promise<Response>, number]> = [
    ['no Authorization header', () => postActivity(server!.url, activity(QUESTION), null), 401],
    ['a token signed by another key', () => postActivity(server!.url, activity(QUESTION), token({}, forger.privateKey)), 401],
    ['a token for another bot', () => postActivity(server!.url, activity(QUESTION), token({ aud: 'another-app' })), 401],
    ['an expired token', () => postActivity(server!.url, activity(QUESTION), token({ exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200, nbf: Math.floor(Date.now() / 1000) - 7200 })), 401],
    ['a token from another issuer', () => postActivity(server!.url, activity(QUESTION), token({ iss: 'https://evil.example.org' })), 401],
    ['an activity pointing replies at another service URL', () => postActivity(server!.url, activity(QUESTION, { serviceUrl: 'https://attacker.example.org/' })), 401],
    ['a bearer value that is not a token', () => postActivity(server!.url, activity(QUESTION), 'not-a-jwt'), 401],
    ['malformed JSON with a valid token', () => postActivity(server!.url, '{"type":"message",'), 400],
  ];
  it.each(cases)('%s is refused', async (_name, send, status) => {
    server = await start();
    const connector = expectConnector(1);
    expect((await send()).status).toBe(status);
    await server.setup.idle();
    expect(server.effects).toEqual(noSideEffects());
    expect(connector.isDone()).toBe(false);
    nock.abortPendingRequests();
  });

  it('acknowledges other activity types and answers a redelivered activity once', async () => {
    server = await start();
    expectConnector(1);
    expect((await postActivity(server.url, { ...activity(''), type: 'conversationUpdate', membersAdded: [{ id: 'x' }] })).status).toBe(200);
    await server.setup.idle();
    expect(server.effects).toEqual(noSideEffects());
    const message = activity(QUESTION);
    await postActivity(server.url, message);
    await postActivity(server.url, message);
    await server.setup.idle();
    expect(server.effects.answers).toBe(1);
    expect(posted).toHaveLength(1);
  });
});
