import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateKey } from '../../src/auth/api-key.js';
import { createRedisConcurrencyCounter } from '../../src/auth/concurrency-limit.js';
import { createRedisKeyStore } from '../../src/auth/redis-key-store.js';
import { createCompactAnswerCodec } from '../../src/conversation/compact-answer.js';
import { createRedisConversationStore } from '../../src/conversation/redis-conversation-store.js';
import type { Answer, Conversation } from '../../src/domain/types.js';
import { createRedisEventDeduplicator } from '../../src/redis/redis-event-deduplicator.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';
import { describeWithRedis, redisForTests } from '../helpers/redis.js';

// Two app instances on two ports, as behind a load balancer, sharing one real Redis.
describeWithRedis('two instances sharing Redis', () => {
  const redis = redisForTests();
  let prefix: string;
  let a: RunningServer;
  let b: RunningServer;
  let token: string;
  let limitedToken: string;

  beforeAll(async () => {
    const services = await servicesFor(PACK_KNOWLEDGE);
    prefix = redis.prefix();
    const keys = createRedisKeyStore({ redis: redis.redis(), prefix });
    const created = generateKey({ name: 'site', kind: 'secret', role: 'client', origins: [] });
    const limited = generateKey({ name: 'small site', kind: 'secret', role: 'client', origins: [], rateLimitPerMinute: 4 });
    await keys.add(created.key);
    await keys.add(limited.key);
    token = created.token;
    limitedToken = limited.token;
    // Each instance builds its own clients over the shared Redis, as separate processes would.
    const instance = () =>
      startServer(services, {
        conversations: createRedisConversationStore({ redis: redis.redis(), prefix, retentionDays: 30, codec: createCompactAnswerCodec(() => services.knowledge) }),
        auth: { mode: 'on', keys: createRedisKeyStore({ redis: redis.redis(), prefix }) },
        rateLimitStore: new RedisStore({ prefix: `${prefix}rate:`, sendCommand: (command: string, ...args: string[]) => redis.redis().call(command, ...args) as Promise<RedisReply> }),
        concurrency: createRedisConcurrencyCounter(redis.redis(), { prefix }),
      });
    a = await instance();
    b = await instance();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const chat = (server: RunningServer, body: Record<string, unknown>, key = token) =>
    fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });

  it('continues on instance B a conversation started on instance A', async () => {
    const first = (await (await chat(a, { message: 'What is the zoledronic acid dose in renal impairment?' })).json()) as Answer;
    const second = await chat(b, { message: 'how often is it given?', conversationId: first.conversationId });
    expect(second.status).toBe(200);
    const followUp = (await second.json()) as Answer;
    expect(followUp.conversationId).toBe(first.conversationId);
    expect(followUp.standaloneQuestion).toBe('How often is zoledronic acid given in renal impairment?');
    const history = (await (await fetch(`${a.url}/v1/conversations/${first.conversationId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as Conversation;
    expect(history.turns.map((turn) => turn.answer)).toEqual([first, followUp]);
    // Deleted on B: gone on A too.
    expect((await fetch(`${b.url}/v1/conversations/${first.conversationId}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(204);
    expect((await fetch(`${a.url}/v1/conversations/${first.conversationId}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });

  it('shares the rate limit: the key\'s budget counts requests on both instances', async () => {
    const statuses: number[] = [];
    for (const server of [a, b, a, b, a, b]) statuses.push((await chat(server, { message: 'denosumab' }, limitedToken)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('deduplicates channel events across instances: the first sighting wins, once', async () => {
    const first = createRedisEventDeduplicator(redis.redis(), prefix);
    const second = createRedisEventDeduplicator(redis.redis(), prefix);
    expect(await first.seen('slack:Ev123', 60_000)).toBe(false);
    expect(await second.seen('slack:Ev123', 60_000)).toBe(true);
    expect(await second.seen('slack:Ev124', 60_000)).toBe(false);
    expect(await first.seen('telegram:short', 50)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await second.seen('telegram:short', 50)).toBe(false);
  });

  it('counts requests in progress per key across instances', async () => {
    const counter = createRedisConcurrencyCounter(redis.redis(), { prefix });
    const releaseOnA = await counter.acquire('key-x', 2);
    const releaseOnB = await counter.acquire('key-x', 2);
    expect(releaseOnA && releaseOnB).toBeTruthy();
    expect(await counter.acquire('key-x', 2)).toBeUndefined();
    releaseOnA!();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await counter.acquire('key-x', 2)).toBeTypeOf('function');
  });
});
