import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newConversationId, type ConversationStore, type NewTurn } from '../../src/conversation/conversation-store.js';
import { createMemoryConversationStore } from '../../src/conversation/memory-conversation-store.js';
import { createSqliteConversationStore } from '../../src/conversation/sqlite-conversation-store.js';
import { createRedisConversationStore } from '../../src/conversation/redis-conversation-store.js';
import type { Answer } from '../../src/domain/types.js';
import { REDIS_URL, SKIP_REASON, redisForTests } from '../helpers/redis.js';

const DAY = 24 * 60 * 60 * 1000;
const directories: string[] = [];
const stores: ConversationStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function tempDatabase(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'guideline-chat-store-'));
  directories.push(directory);
  return path.join(directory, 'nested', 'conversations.sqlite');
}

function answer(question: string): Answer {
  return {
    conversationId: 'x',
    question,
    standaloneQuestion: question,
    audience: 'professional',
    title: question,
    blocks: [{ kind: 'summary', text: 'Denosumab is given every 4 weeks [1].', citations: [1] }],
    markdown: `# ${question}\n\nDenosumab is given every 4 weeks [1].\n`,
    references: [
      { n: 1, docId: 'denosumab-safety', title: 'Denosumab', publisher: 'EMA', year: 2024, type: 'drug-label', reviewStatus: 'approved', updated: '2025-11-22', passages: [{ id: 'denosumab-safety#how-1', quote: 'Denosumab 120 mg every 4 weeks.' }] },
    ],
    findings: [],
    understood: { intent: 'dose', focus: [{ concept: 'denosumab', type: 'drug', covered: true }] },
    understoodFacts: [],
    notices: [],
    followUps: [],
    mode: 'extractive',
    validation: { status: 'passed', attempts: 0, claims: 1, failures: [] },
  };
}

const turn = (question: string, extra: Partial<NewTurn> = {}): NewTurn => ({ question, standaloneQuestion: question, audience: 'professional', answer: answer(question), ...extra });

type Clock = { now: number };
const redis = redisForTests();
const factories: Array<[string, (clock: Clock, retentionDays?: number) => ConversationStore]> = [
  ['memory', (clock, retentionDays = 30) => createMemoryConversationStore({ retentionDays, purgeIntervalMs: 0, now: () => clock.now })],
  ['sqlite', (clock, retentionDays = 30) => createSqliteConversationStore({ path: tempDatabase(), retentionDays, purgeIntervalMs: 0, now: () => clock.now })],
  ['redis', (clock, retentionDays = 30) => createRedisConversationStore({ redis: redis.redis(), prefix: redis.prefix(), retentionDays, now: () => clock.now })],
];

if (!REDIS_URL) {
  describe('redis conversation store', () => {
    it.skip(SKIP_REASON, () => {});
  });
}

// One suite, run against every store: what the service relies on, whichever store it is given.
describe.each(factories.filter(([name]) => name !== 'redis' || REDIS_URL))('%s conversation store', (_name, create) => {
  const open = (clock: Clock, retentionDays?: number) => {
    const store = create(clock, retentionDays);
    stores.push(store);
    return store;
  };

  it('appends turns in order and reads them back with every field', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const store = open(clock);
    const id = newConversationId();
    await store.appendTurn(id, turn('What is the denosumab dose?', { case: { age: 60, creatinine: { value: 80, unit: 'umol/L' } } }));
    clock.now += 60_000;
    await store.appendTurn(id, turn('and for renal impairment?', { audience: 'patient' }));
    const conversation = await store.get(id);
    expect(conversation).toMatchObject({ id, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:01:00.000Z', expiresAt: '2026-01-31T00:01:00.000Z' });
    expect(conversation?.turns.map((item) => [item.position, item.question, item.audience])).toEqual([
      [1, 'What is the denosumab dose?', 'professional'],
      [2, 'and for renal impairment?', 'patient'],
    ]);
    expect(conversation?.turns[0]?.case).toEqual({ age: 60, creatinine: { value: 80, unit: 'umol/L' } });
    expect(conversation?.turns[1]).not.toHaveProperty('case');
    expect(conversation?.turns[0]?.answer).toEqual(answer('What is the denosumab dose?'));
  });

  it('returns undefined for an unknown id, and deletes', async () => {
    const store = open({ now: Date.now() });
    expect(await store.get(newConversationId())).toBeUndefined();
    const id = newConversationId();
    await store.appendTurn(id, turn('q'));
    expect(await store.delete(id)).toBe(true);
    expect(await store.get(id)).toBeUndefined();
    expect(await store.delete(id)).toBe(false);
  });

  it('enforces retention on read, counted from the last message, and purges', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const store = open(clock, 2);
    const old = newConversationId();
    const active = newConversationId();
    await store.appendTurn(old, turn('old'));
    await store.appendTurn(active, turn('first'));
    clock.now += 1.5 * DAY;
    await store.appendTurn(active, turn('second'));
    clock.now += 1 * DAY; // old: 2.5 days since its last message; active: 1 day
    expect(await store.get(old)).toBeUndefined();
    expect((await store.get(active))?.turns).toHaveLength(2);
    clock.now += 2 * DAY;
    expect(await store.purgeExpired()).toBe(1);
    expect(await store.get(active)).toBeUndefined();
  });

  it('starts afresh when a message arrives for an expired conversation: old turns never come back', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const store = open(clock, 1);
    const id = newConversationId();
    await store.appendTurn(id, turn('old'));
    clock.now += 2 * DAY;
    await store.appendTurn(id, turn('new'));
    expect((await store.get(id))?.turns.map((item) => item.question)).toEqual(['new']);
  });

  it('keeps a conversation to its owner: another owner can neither add to it nor take it over', async () => {
    const store = open({ now: Date.now() });
    const id = newConversationId();
    expect(await store.appendTurn(id, turn('mine', { owner: 'key-a' }))).toBe(true);
    expect(await store.appendTurn(id, turn('theirs', { owner: 'key-b' }))).toBe(false);
    expect(await store.appendTurn(id, turn('anonymous'))).toBe(false);
    const conversation = await store.get(id);
    expect(conversation?.owner).toBe('key-a');
    expect(conversation?.turns.map((item) => item.question)).toEqual(['mine']);
  });

  it('does not save a continuing turn whose conversation was deleted meanwhile: it stays deleted', async () => {
    const store = open({ now: Date.now() });
    const id = newConversationId();
    await store.appendTurn(id, turn('first'));
    expect(await store.delete(id)).toBe(true);
    expect(await store.appendTurn(id, turn('second', { continuing: true }))).toBe(false);
    expect(await store.get(id)).toBeUndefined();
  });

  it('counts retention from each turn with the owner\'s own retention when it has one', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const store = open(clock, 30);
    const short = newConversationId();
    const standard = newConversationId();
    await store.appendTurn(short, turn('kept one day', { owner: 'key-a', retentionDays: 1 }));
    await store.appendTurn(standard, turn('kept thirty days', { owner: 'key-a' }));
    expect((await store.get(short))?.expiresAt).toBe('2026-01-02T00:00:00.000Z');
    clock.now += 2 * DAY;
    expect(await store.get(short)).toBeUndefined();
    expect((await store.get(standard))?.turns).toHaveLength(1);
  });

  it('keeps at most maxConversations per owner, evicting the least recently used, and leaves other owners alone', async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const store = open(clock);
    const ids = [newConversationId(), newConversationId(), newConversationId()];
    const other = newConversationId();
    await store.appendTurn(other, turn('other owner', { owner: 'key-b' }));
    for (const id of ids) {
      clock.now += 1000;
      await store.appendTurn(id, turn(id, { owner: 'key-a', maxConversations: 2 }));
    }
    expect(await store.get(ids[0]!)).toBeUndefined();
    expect(await store.get(ids[1]!)).toBeDefined();
    expect(await store.get(ids[2]!)).toBeDefined();
    expect(await store.get(other)).toBeDefined();
    // A follow-up is not a new conversation: it never evicts.
    await store.appendTurn(ids[1]!, turn('follow-up', { owner: 'key-a', maxConversations: 2, continuing: true }));
    expect((await store.get(ids[2]!))?.turns).toHaveLength(1);
  });

  it('hands out copies: editing what was read does not change what is stored', async () => {
    const store = open({ now: Date.now() });
    const id = newConversationId();
    await store.appendTurn(id, turn('q'));
    const read = await store.get(id);
    read!.turns[0]!.answer.title = 'changed';
    expect((await store.get(id))?.turns[0]?.answer.title).toBe('q');
  });
});

describe('sqlite conversation store', () => {
  it('creates the directory, uses WAL, and keeps conversations across reopening', async () => {
    const file = tempDatabase();
    const first = createSqliteConversationStore({ path: file, retentionDays: 30 });
    const id = newConversationId();
    await first.appendTurn(id, turn('kept'));
    await first.close();
    expect(existsSync(file)).toBe(true);

    const second = createSqliteConversationStore({ path: file, retentionDays: 30 });
    stores.push(second);
    expect((await second.get(id))?.turns[0]?.question).toBe('kept');
    const database = new Database(file, { readonly: true });
    try {
      expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
      const row = database
        .prepare("SELECT json_array_length(answer_json, '$.references') AS refs, json_extract(answer_json, '$.findings') AS findings, standalone_question FROM turns")
        .get() as Record<string, string | number>;
      expect(row.refs).toBe(1);
      expect(row.findings).toBe('[]');
      expect(row.standalone_question).toBe('kept');
    } finally {
      database.close();
    }
  });

  it('purges expired conversations when it opens', async () => {
    const file = tempDatabase();
    const clock = { now: Date.UTC(2026, 0, 1) };
    const first = createSqliteConversationStore({ path: file, retentionDays: 1, purgeIntervalMs: 0, now: () => clock.now });
    await first.appendTurn(newConversationId(), turn('old'));
    await first.close();
    clock.now += 3 * DAY;
    const second = createSqliteConversationStore({ path: file, retentionDays: 1, purgeIntervalMs: 0, now: () => clock.now });
    stores.push(second);
    const database = new Database(file, { readonly: true });
    try {
      expect(database.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 0 });
      expect(database.prepare('SELECT COUNT(*) AS n FROM turns').get()).toEqual({ n: 0 });
    } finally {
      database.close();
    }
  });

  it('purges periodically on an unref\'d timer', async () => {
    const file = tempDatabase();
    const clock = { now: Date.UTC(2026, 0, 1) };
    const store = createSqliteConversationStore({ path: file, retentionDays: 1, purgeIntervalMs: 20, now: () => clock.now });
    stores.push(store);
    await store.appendTurn(newConversationId(), turn('old'));
    clock.now += 2 * DAY;
    await new Promise((resolve) => setTimeout(resolve, 80));
    const database = new Database(file, { readonly: true });
    try {
      expect(database.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 0 });
    } finally {
      database.close();
    }
  });

  it('commits the turns appended together in one group, each one failing or succeeding on its own', async () => {
    const file = tempDatabase();
    const store = createSqliteConversationStore({ path: file, retentionDays: 30 });
    stores.push(store);
    const existing = newConversationId();
    await store.appendTurn(existing, turn('first'));
    const database = new Database(file, { readonly: true });
    const count = () => (database.prepare('SELECT COUNT(*) AS n FROM turns').get() as { n: number }).n;
    try {
      const fresh = Array.from({ length: 5 }, () => newConversationId());
      const appended = [
        store.appendTurn(existing, turn('second', { continuing: true })),
        ...fresh.map((id) => store.appendTurn(id, turn(id))),
        // A follow-up to a conversation that does not exist is refused; the others are still saved.
        store.appendTurn(newConversationId(), turn('orphan', { continuing: true })),
      ];
      // Nothing is written until the group is committed, after the current pass of the event loop.
      expect(count()).toBe(1);
      expect(await Promise.all(appended)).toEqual([true, true, true, true, true, true, false]);
      expect(count()).toBe(7);
      expect((await store.get(existing))?.turns.map((saved) => saved.question)).toEqual(['first', 'second']);
      // A read right after an append sees it, without waiting for the group.
      const late = newConversationId();
      const saving = store.appendTurn(late, turn('late'));
      expect((await store.get(late))?.turns).toHaveLength(1);
      expect(await saving).toBe(true);
    } finally {
      database.close();
    }
  });

  it('rejects only the turn that cannot be written when a group fails part way', async () => {
    const file = tempDatabase();
    const store = createSqliteConversationStore({ path: file, retentionDays: 30 });
    stores.push(store);
    const good = newConversationId();
    // An answer the codec cannot encode (a cycle) throws inside the group.
    const broken = turn('broken');
    (broken.answer as unknown as { self: unknown }).self = broken.answer;
    const results = await Promise.allSettled([store.appendTurn(good, turn('good')), store.appendTurn(newConversationId(), broken)]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: true });
    expect(results[1]?.status).toBe('rejected');
    expect((await store.get(good))?.turns).toHaveLength(1);
  });

  it('keeps every acknowledged turn when the process is killed (SIGKILL) in the middle of writing', async () => {
    const file = tempDatabase();
    const child = fork(fileURLToPath(new URL('append-turns-child.ts', import.meta.url)), [file], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const acknowledged: string[] = [];
    await new Promise<void>((resolve) => {
      child.on('message', (message) => {
        acknowledged.push((message as { acknowledged: string }).acknowledged);
        // Killed while turns are still arriving, some of them in a group not yet committed.
        if (acknowledged.length === 2_000) child.kill('SIGKILL');
      });
      child.once('exit', () => resolve());
    });
    expect(child.signalCode).toBe('SIGKILL');
    const database = new Database(file, { readonly: true });
    try {
      const saved = new Set((database.prepare('SELECT conversation_id AS id FROM turns').all() as Array<{ id: string }>).map((row) => row.id));
      expect(acknowledged.length).toBeGreaterThanOrEqual(2_000);
      expect(acknowledged.filter((id) => !saved.has(id))).toEqual([]);
    } finally {
      database.close();
    }
  });

  it('refuses a database from a newer schema', () => {
    const file = tempDatabase();
    void createSqliteConversationStore({ path: file, retentionDays: 1, purgeIntervalMs: 0 }).close();
    const database = new Database(file);
    database.pragma('user_version = 99');
    database.close();
    expect(() => createSqliteConversationStore({ path: file, retentionDays: 1 })).toThrow(/schema version 99/);
  });
});

describe('conversation ids', () => {
  it('are random UUIDs (122 random bits) and never repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, newConversationId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
