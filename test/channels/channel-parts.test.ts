import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryChannelState, type ChannelState } from '../../src/channels/channel-state.js';
import { createSqliteChannelState } from '../../src/channels/sqlite-channel-state.js';
import { createSqliteConversationStore } from '../../src/conversation/sqlite-conversation-store.js';
import { createMemoryDeduplicator } from '../../src/channels/deduplicator.js';
import { parseRetryAfter, PlatformCallError } from '../../src/channels/platform-call-error.js';
import { safeEqual } from '../../src/channels/request-checks.js';
import { sendWithRetry, type RetryPolicy } from '../../src/channels/send-with-retry.js';
import { splitMessage } from '../../src/channels/split-message.js';
import { brokenMarkers } from './answer-fixture.js';

describe('sendWithRetry', () => {
  const policy = (waits: number[]): RetryPolicy => ({ attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 30_000, sleep: async (ms) => void waits.push(ms), random: () => 1 });

  it('backs off exponentially, prefers Retry-After, and stops at the first success', async () => {
    const waits: number[] = [];
    const failures = [
      new PlatformCallError('503', { status: 503, retryable: true }),
      new PlatformCallError('429', { status: 429, retryable: true, retryAfterMs: 5000 }),
      new PlatformCallError('502', { status: 502, retryable: true }),
    ];
    let calls = 0;
    const result = await sendWithRetry(async () => {
      const failure = failures[calls];
      calls += 1;
      if (failure) throw failure;
    }, policy(waits));
    expect(result.attempts).toBe(4);
    expect(waits).toEqual([100, 5000, 400]);
  });

  it('does not retry a permanent failure, and gives up after the attempts', async () => {
    const waits: number[] = [];
    await expect(sendWithRetry(async () => Promise.reject(new PlatformCallError('403', { status: 403, retryable: false })), policy(waits))).rejects.toMatchObject({ attempts: 1 });
    expect(waits).toEqual([]);
    await expect(sendWithRetry(async () => Promise.reject(new PlatformCallError('500', { status: 500, retryable: true })), policy(waits))).rejects.toMatchObject({ attempts: 4 });
    expect(waits).toHaveLength(3);
  });

  it('does not wait for a Retry-After longer than the policy allows', async () => {
    const waits: number[] = [];
    await expect(sendWithRetry(async () => Promise.reject(new PlatformCallError('429', { status: 429, retryable: true, retryAfterMs: 3_600_000 })), policy(waits))).rejects.toMatchObject({ attempts: 1 });
    expect(waits).toEqual([]);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('12')).toBe(12_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('the memory deduplicator', () => {
  it('answers false the first time and true within the ttl, and forgets after it', async () => {
    let time = 0;
    const deduplicator = createMemoryDeduplicator({ now: () => time });
    expect(await deduplicator.seen('slack:Ev1', 1000)).toBe(false);
    expect(await deduplicator.seen('slack:Ev1', 1000)).toBe(true);
    expect(await deduplicator.seen('slack:Ev2', 1000)).toBe(false);
    time = 1001;
    expect(await deduplicator.seen('slack:Ev1', 1000)).toBe(false);
  });

  it('stays bounded, dropping the oldest keys first', async () => {
    const deduplicator = createMemoryDeduplicator({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) await deduplicator.seen(key, 60_000);
    expect(await deduplicator.seen('d', 60_000)).toBe(true);
    expect(await deduplicator.seen('a', 60_000)).toBe(false);
  });
});

const stateDirectory = mkdtempSync(path.join(os.tmpdir(), 'channel-state-'));
afterAll(() => rmSync(stateDirectory, { recursive: true, force: true }));
let stateFiles = 0;

const implementations: Array<[string, (options: { retentionMs: number; now?: () => number; path?: string }) => ChannelState]> = [
  ['memory', (options) => createMemoryChannelState(options)],
  ['sqlite', (options) => createSqliteChannelState({ path: options.path ?? path.join(stateDirectory, `state-${(stateFiles += 1)}.sqlite`), purgeIntervalMs: 0, ...options })],
];

describe.each(implementations)('the %s channel state', (_name, create) => {
  it('makes unguessable 24-character link ids (144 bits), each different', async () => {
    const state = create({ retentionMs: 1000 });
    const ids = await Promise.all(Array.from({ length: 200 }, () => state.createLink({ conversationId: 'c', position: 1 })));
    expect(new Set(ids).size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await state.close();
  });

  it('keeps a thread and its links while the conversation is in use, and drops them with it', async () => {
    let time = 0;
    const state = create({ retentionMs: 1000, now: () => time });
    const id = await state.createLink({ conversationId: 'c', position: 1 });
    time = 900;
    await state.saveThread('slack:t', { conversationId: 'c', audience: 'patient', introduced: true });
    time = 1500;
    expect(await state.resolveLink(id)).toEqual({ conversationId: 'c', position: 1 });
    expect(await state.thread('slack:t')).toEqual({ conversationId: 'c', audience: 'patient', introduced: true });
    expect(await state.resolveLink('AAAAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
    time = 1901;
    expect(await state.resolveLink(id)).toBeUndefined();
    expect(await state.thread('slack:t')).toBeUndefined();
    await state.close();
  });
});

describe('the sqlite channel state', () => {
  it('keeps threads and links across a restart', async () => {
    const file = path.join(stateDirectory, 'restart.sqlite');
    const first = createSqliteChannelState({ path: file, retentionMs: 60_000, purgeIntervalMs: 0 });
    await first.saveThread('telegram:1', { conversationId: 'c-1', audience: 'professional' });
    const id = await first.createLink({ conversationId: 'c-1', position: 2 });
    await first.close();
    const second = createSqliteChannelState({ path: file, retentionMs: 60_000, purgeIntervalMs: 0 });
    expect(await second.thread('telegram:1')).toEqual({ conversationId: 'c-1', audience: 'professional' });
    expect(await second.resolveLink(id)).toEqual({ conversationId: 'c-1', position: 2 });
    await second.close();
  });

  it('shares a file with the conversation store without disturbing it', async () => {
    const file = path.join(stateDirectory, 'shared.sqlite');
    const conversations = createSqliteConversationStore({ path: file, retentionDays: 1, purgeIntervalMs: 0 });
    const state = createSqliteChannelState({ path: file, retentionMs: 60_000, purgeIntervalMs: 0 });
    await state.saveThread('k', { conversationId: 'c' });
    await conversations.close();
    const reopened = createSqliteConversationStore({ path: file, retentionDays: 1, purgeIntervalMs: 0 });
    expect(await reopened.get('c')).toBeUndefined();
    await reopened.close();
    await state.close();
  });
});

describe('splitMessage', () => {
  it('packs whole pieces up to the limit', () => {
    expect(splitMessage(['aaaa', 'bbbb', 'cccc'], 9)).toEqual(['aaaa\nbbbb', 'cccc']);
  });

  it('cuts an over-long piece at a space outside markers and tags', () => {
    const piece = Array.from({ length: 50 }, (_, index) => `word${index} [${index}] <a href="x y">t</a>`).join(' ');
    const parts = splitMessage([piece], 100);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(100);
      expect(brokenMarkers(part)).toBe(false);
      expect(part.split('<a ').length).toBe(part.split('</a>').length);
    }
    expect(parts.join(' ')).toBe(piece);
  });
});

describe('safeEqual', () => {
  it('accepts only the same string', () => {
    expect(safeEqual('secret', 'secret')).toBe(true);
    expect(safeEqual('secret', 'secreT')).toBe(false);
    expect(safeEqual('secre', 'secret')).toBe(false);
    expect(safeEqual('', 'secret')).toBe(false);
  });
});
