import { randomBytes } from 'node:crypto';
import type { Audience } from '../domain/types.js';

/** What the service remembers about one platform thread, chat or sender. */
export type ThreadState = {
  /** The conversation the thread continues; absent before the first answer. */
  conversationId?: string;
  /** Chosen in the chat (/patient, PROFESSIONAL …); the platform's default otherwise. */
  audience?: Audience;
  /** The patient introduction has been sent in this thread. */
  introduced?: boolean;
};

/** The answer a page link shows: a turn of a conversation. */
export type AnswerLinkTarget = { conversationId: string; position: number };

/**
 * Thread state and answer-page links. A link is only an index into a conversation: the page reads
 * the answer from the conversation store, so a link dies with its conversation.
 */
export interface ChannelState {
  thread(key: string): Promise<ThreadState | undefined>;
  saveThread(key: string, state: ThreadState): Promise<void>;
  createLink(target: AnswerLinkTarget): Promise<string>;
  resolveLink(id: string): Promise<AnswerLinkTarget | undefined>;
  close(): Promise<void>;
}

/** 18 random bytes: 144 bits, written in 24 URL-safe characters. */
export function newLinkId(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Channel state in process memory. A thread is kept for the retention period from its last use, and
 * a link as long as its conversation is used within that period, so links die with conversations.
 */
export function createMemoryChannelState(options: { retentionMs: number; now?: () => number; newId?: () => string }): ChannelState {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? newLinkId;
  const threads = new Map<string, { state: ThreadState; expires: number }>();
  const links = new Map<string, AnswerLinkTarget>();
  const conversationExpiry = new Map<string, number>();

  const touch = (conversationId: string) => conversationExpiry.set(conversationId, now() + options.retentionMs);
  const sweep = () => {
    const time = now();
    for (const [key, entry] of threads) if (entry.expires <= time) threads.delete(key);
    for (const [id, expires] of conversationExpiry) if (expires <= time) conversationExpiry.delete(id);
    for (const [id, target] of links) if (!conversationExpiry.has(target.conversationId)) links.delete(id);
  };
  let writes = 0;
  const maybeSweep = () => {
    writes += 1;
    if (writes % 1000 === 0) sweep();
  };

  return {
    async thread(key) {
      const entry = threads.get(key);
      if (!entry || entry.expires <= now()) return undefined;
      return { ...entry.state };
    },
    async saveThread(key, state) {
      threads.set(key, { state: { ...state }, expires: now() + options.retentionMs });
      if (state.conversationId) touch(state.conversationId);
      maybeSweep();
    },
    async createLink(target) {
      const id = newId();
      links.set(id, { ...target });
      touch(target.conversationId);
      maybeSweep();
      return id;
    },
    async resolveLink(id) {
      const target = links.get(id);
      if (!target) return undefined;
      const expires = conversationExpiry.get(target.conversationId);
      if (expires === undefined || expires <= now()) {
        links.delete(id);
        return undefined;
      }
      return { ...target };
    },
    async close() {
      threads.clear();
      links.clear();
      conversationExpiry.clear();
    },
  };
}
