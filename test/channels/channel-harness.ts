import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { createApp, type Services } from '../../src/app.js';
import type { ChannelPlatform } from '../../src/channels/channel.js';
import { createChannelSetup, type ChannelSetup } from '../../src/channels/channel-setup.js';
import { createMemoryChannelState, type ChannelState } from '../../src/channels/channel-state.js';
import { createMemoryDeduplicator } from '../../src/channels/deduplicator.js';
import type { ConversationStore } from '../../src/conversation/conversation-store.js';
import { createMemoryConversationStore } from '../../src/conversation/memory-conversation-store.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Every side effect a webhook can cause, counted: a forged request must leave them all at zero. */
export type SideEffects = { answers: number; turns: number; dedupeChecks: number; threadWrites: number; links: number; platformCalls: number };

export type LogLine = { level: number; msg: string; [key: string]: unknown };

export type ChannelServer = {
  url: string;
  setup: ChannelSetup;
  conversations: ConversationStore;
  effects: SideEffects;
  logs: LogLine[];
  /** The platform API calls made, by URL, in order. */
  calls: string[];
  /** Waits of the retry policy, in milliseconds. */
  waits: number[];
  close(): Promise<void>;
};

export type ChannelServerOptions = {
  publicUrl?: string;
  answer?: Services['answer'];
  ready?: boolean;
};

/**
 * The real app on a loopback port with the given platforms. Platform clients get a counting fetch
 * (their calls still go through nock); the stores are wrapped so that every write is counted.
 */
export async function startChannelServer(
  createPlatforms: (fetch: typeof globalThis.fetch) => ChannelPlatform[],
  options: ChannelServerOptions = {},
): Promise<ChannelServer> {
  const built = await servicesFor(PACK_KNOWLEDGE);
  const effects: SideEffects = { answers: 0, turns: 0, dedupeChecks: 0, threadWrites: 0, links: 0, platformCalls: 0 };
  const calls: string[] = [];
  const waits: number[] = [];
  const logs: LogLine[] = [];

  const countingFetch: typeof globalThis.fetch = (input, init) => {
    effects.platformCalls += 1;
    calls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return globalThis.fetch(input, init);
  };
  const answer = options.answer ?? built.answer;
  const services: Services = {
    ...built,
    answer: (request, signal) => {
      effects.answers += 1;
      return answer(request, signal);
    },
  };

  const store = createMemoryConversationStore({ retentionDays: 30, purgeIntervalMs: 0 });
  const conversations: ConversationStore = {
    ...store,
    appendTurn: (id, turn) => {
      effects.turns += 1;
      return store.appendTurn(id, turn);
    },
  };
  const memoryState = createMemoryChannelState({ retentionMs: 30 * DAY_MS });
  const state: ChannelState = {
    ...memoryState,
    saveThread: (key, value) => {
      effects.threadWrites += 1;
      return memoryState.saveThread(key, value);
    },
    createLink: (target) => {
      effects.links += 1;
      return memoryState.createLink(target);
    },
  };
  const deduplicator = createMemoryDeduplicator();
  const setup = createChannelSetup({
    platforms: createPlatforms(countingFetch),
    retentionMs: 30 * DAY_MS,
    state,
    deduplicator: {
      seen: (key, ttl) => {
        effects.dedupeChecks += 1;
        return deduplicator.seen(key, ttl);
      },
    },
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 40, maxRetryAfterMs: 60_000, sleep: async (ms) => void waits.push(ms) },
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });

  const destination = { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) };
  const app = createApp({
    services: () => (options.ready === false ? undefined : services),
    logger: pino({ level: 'debug' }, destination),
    maxMessageChars: 4000,
    rateLimitPerMinute: 1000,
    conversations,
    channels: setup,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setup,
    conversations: store,
    effects,
    logs,
    calls,
    waits,
    close: async () => {
      await setup.idle();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await store.close();
    },
  };
}

export function noSideEffects(): SideEffects {
  return { answers: 0, turns: 0, dedupeChecks: 0, threadWrites: 0, links: 0, platformCalls: 0 };
}

/** No log line at info level or above carries any of these texts. */
export function logsWithText(logs: LogLine[], texts: string[]): LogLine[] {
  return logs.filter((line) => line.level >= 30 && texts.some((text) => JSON.stringify(line).includes(text)));
}
