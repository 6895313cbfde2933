import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, type ApiKey } from '../../src/auth/api-key.js';
import type { KeyStore } from '../../src/auth/key-store.js';
import { createRedisKeyStore } from '../../src/auth/redis-key-store.js';
import { createSqliteKeyStore } from '../../src/auth/sqlite-key-store.js';
import { createMemoryConversationStore } from '../../src/conversation/memory-conversation-store.js';
import type { Answer } from '../../src/domain/types.js';
import { servicesFor } from '../helpers/fixture-services.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';
import { REDIS_URL, SKIP_REASON, redisForTests } from '../helpers/redis.js';

const services = await servicesFor();
const directory = mkdtempSync(path.join(os.tmpdir(), 'guideline-chat-keys-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

type Fields = Parameters<typeof generateKey>[0];
const client: Fields = { name: 'clinic site', kind: 'secret', role: 'client', origins: [] };

async function addKey(keys: KeyStore, fields: Partial<Fields> = {}): Promise<{ token: string; key: ApiKey }> {
  const created = generateKey({ ...client, ...fields });
  await keys.add(created.key);
  return created;
}

const json = { 'content-type': 'application/json' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API keys with AUTH=on', () => {
  let keys: KeyStore;
  let server: RunningServer;
  let siteA: { token: string; key: ApiKey };
  let siteB: { token: string; key: ApiKey };
  let operator: { token: string; key: ApiKey };
  beforeAll(async () => {
    keys = createSqliteKeyStore({ path: path.join(directory, 'keys.sqlite') });
    siteA = await addKey(keys, { name: 'site A' });
    siteB = await addKey(keys, { name: 'site B' });
    operator = await addKey(keys, { name: 'operations', role: 'operator' });
    server = await startServer(services, { auth: { mode: 'on', keys }, conversations: createMemoryConversationStore() });
  });
  afterAll(async () => {
    await server.close();
    await keys.close();
  });

  const chat = (token: string | undefined, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { ...json, ...(token ? bearer(token) : {}), ...headers }, body: JSON.stringify(body) });

  it('refuses a request without a key, or with an unknown or malformed one, with 401', async () => {
    const missing = await chat(undefined, { message: 'denosumab dose' });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const forged = siteA.token.slice(0, -4) + 'AAAA';
    for (const token of [forged, 'gcsk_nothere', 'sk-something-else']) expect((await chat(token, { message: 'denosumab dose' })).status).toBe(401);
    const basic = await fetch(`${server.url}/v1/knowledge`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
  });

  it('answers with a valid secret key, and keeps each conversation to the key that made it (another key gets 404)', async () => {
    const first = await chat(siteA.token, { message: 'What is the denosumab dose?' });
    expect(first.status).toBe(200);
    const { conversationId } = (await first.json()) as Answer;
    const url = `${server.url}/v1/conversations/${conversationId}`;
    expect((await fetch(url, { headers: bearer(siteA.token) })).status).toBe(200);

    expect((await fetch(url, { headers: bearer(siteB.token) })).status).toBe(404);
    expect((await fetch(url, { method: 'DELETE', headers: bearer(siteB.token) })).status).toBe(404);
    expect((await chat(siteB.token, { message: 'and how often?', conversationId })).status).toBe(404);
    // Site B's attempts changed nothing: the conversation is still site A's, whole.
    const history = (await (await fetch(url, { headers: bearer(siteA.token) })).json()) as { turns: unknown[]; owner?: string };
    expect(history.turns).toHaveLength(1);
    expect(history).not.toHaveProperty('owner');
    expect((await chat(siteA.token, { message: 'and how often?', conversationId })).status).toBe(200);
  });

  it('lets an operator key list keys (without hashes) and revoke one; client keys may not', async () => {
    expect((await fetch(`${server.url}/v1/keys`, { headers: bearer(siteA.token) })).status).toBe(403);
    const listed = await fetch(`${server.url}/v1/keys`, { headers: bearer(operator.token) });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { keys: Array<Record<string, unknown>> };
    expect(body.keys.map((key) => key.name)).toEqual(expect.arrayContaining(['site A', 'site B', 'operations']));
    expect(JSON.stringify(body)).not.toContain(siteA.key.hash);
    expect(body.keys[0]).not.toHaveProperty('hash');

    const revoked = await addKey(keys, { name: 'to revoke' });
    expect((await chat(revoked.token, { message: 'denosumab dose' })).status).toBe(200);
    expect((await fetch(`${server.url}/v1/keys/${revoked.key.id}`, { method: 'DELETE', headers: bearer(siteA.token) })).status).toBe(403);
    expect((await fetch(`${server.url}/v1/keys/${revoked.key.id}`, { method: 'DELETE', headers: bearer(operator.token) })).status).toBe(204);
    expect((await chat(revoked.token, { message: 'denosumab dose' })).status).toBe(401);
    expect((await fetch(`${server.url}/v1/keys/${revoked.key.id}`, { method: 'DELETE', headers: bearer(operator.token) })).status).toBe(404);
  });

  it('binds a publishable key to its origins and to chat', async () => {
    const widget = await addKey(keys, { name: 'widget', kind: 'publishable', origins: ['https://clinic.example'] });
    expect((await chat(widget.token, { message: 'denosumab dose' }, { origin: 'https://clinic.example' })).status).toBe(200);
    const elsewhere = await chat(widget.token, { message: 'denosumab dose' }, { origin: 'https://copycat.example' });
    expect(elsewhere.status).toBe(403);
    expect(((await elsewhere.json()) as { error: { message: string } }).error.message).toContain('sites it was made for');
    expect((await chat(widget.token, { message: 'denosumab dose' })).status).toBe(403);
    const rules = await fetch(`${server.url}/v1/rules/evaluate`, { method: 'POST', headers: { ...json, ...bearer(widget.token), origin: 'https://clinic.example' }, body: '{"message":"creatinine 1.2"}' });
    expect(rules.status).toBe(403);
    // The browser may read the answer: the key's origin passes the CORS check.
    const preflight = await fetch(`${server.url}/v1/chat`, { method: 'OPTIONS', headers: { origin: 'https://clinic.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://clinic.example');
  });

  it('words answers for the key\'s audience unless the request says otherwise', async () => {
    const patientSite = await addKey(keys, { name: 'patient site', audience: 'patient' });
    const answer = (await (await chat(patientSite.token, { message: 'how is denosumab given' })).json()) as Answer;
    expect(answer.audience).toBe('patient');
    const asked = (await (await chat(patientSite.token, { message: 'how is denosumab given', audience: 'professional' })).json()) as Answer;
    expect(asked.audience).toBe('professional');
  });
});

describe('per-key limits', () => {
  it('rate limits each key on its own budget', async () => {
    const keys = createSqliteKeyStore({ path: ':memory:' });
    const small = generateKey({ ...client, name: 'small', rateLimitPerMinute: 2 });
    const other = generateKey({ ...client, name: 'other' });
    await keys.add(small.key);
    await keys.add(other.key);
    const server = await startServer(services, { auth: { mode: 'on', keys }, rateLimitPerMinute: 100 });
    try {
      const send = (token: string) => fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { ...json, ...bearer(token) }, body: '{"message":"denosumab"}' });
      expect((await send(small.token)).status).toBe(200);
      expect((await send(small.token)).status).toBe(200);
      const limited = await send(small.token);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('ratelimit-policy')).toContain('2;');
      expect((await send(other.token)).status).toBe(200);
    } finally {
      await server.close();
      await keys.close();
    }
  });

  it('caps the requests of one key in progress at once (429 beyond), and frees the slot when one finishes', async () => {
    const keys = createSqliteKeyStore({ path: ':memory:' });
    const capped = generateKey({ ...client, name: 'capped', maxConcurrent: 1 });
    await keys.add(capped.key);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = { ...services, answer: async (...args: Parameters<typeof services.answer>) => (await gate, services.answer(...args)) };
    const server = await startServer(slow, { auth: { mode: 'on', keys } });
    try {
      const send = () => fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { ...json, ...bearer(capped.token) }, body: '{"message":"denosumab"}' });
      const first = send();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = await send();
      expect(second.status).toBe(429);
      expect(((await second.json()) as { error: { message: string } }).error.message).toContain('at most 1 at once');
      release();
      expect((await first).status).toBe(200);
      expect((await send()).status).toBe(200);
    } finally {
      await server.close();
      await keys.close();
    }
  });
});

describe('AUTH=off (the embedded default)', () => {
  it('needs no key and ignores none: anyone on the network can chat, as the README says', async () => {
    const server = await startServer(services);
    try {
      const response = await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: json, body: '{"message":"denosumab"}' });
      expect(response.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

const redis = redisForTests();
const keyStores: Array<[string, () => KeyStore]> = [
  ['sqlite', () => createSqliteKeyStore({ path: ':memory:' })],
  ...(REDIS_URL ? [['redis', () => createRedisKeyStore({ redis: redis.redis(), prefix: redis.prefix() })] as [string, () => KeyStore]] : []),
];
if (!REDIS_URL) describe('redis key store', () => it.skip(SKIP_REASON, () => {}));

describe.each(keyStores)('%s key store', (_name, open) => {
  it('keeps the hash, never the key, and revokes once', async () => {
    const keys = open();
    try {
      const { token, key } = generateKey({ ...client, origins: [] });
      await keys.add(key);
      const found = await keys.find(key.id);
      expect(found).toEqual(key);
      expect(JSON.stringify(await keys.list())).not.toContain(token);
      expect(await keys.revoke(key.id, new Date('2026-02-01T00:00:00Z'))).toBe(true);
      expect(await keys.revoke(key.id)).toBe(false);
      expect(await keys.revoke('unknown')).toBe(false);
      expect((await keys.find(key.id))?.revokedAt).toBe('2026-02-01T00:00:00.000Z');
      expect((await keys.find(key.id))?.origins).toEqual([]);
    } finally {
      await keys.close();
    }
  });
});
