import type { Conversation, ConversationTurn } from '../domain/types.js';
import { DEFAULT_PURGE_INTERVAL_MS, retentionMs, schedulePurge, type ConversationStore, type NewTurn, type RetentionOptions } from './conversation-store.js';

type Stored = { id: string; createdAt: number; updatedAt: number; turns: ConversationTurn[] };

/** Conversations in process memory: for tests and single-process demos; lost on restart. */
export function createMemoryConversationStore(options: RetentionOptions = { retentionDays: 30 }): ConversationStore {
  const now = options.now ?? Date.now;
  const keepMs = retentionMs(options.retentionDays);
  const conversations = new Map<string, Stored>();
  const expired = (stored: Stored) => stored.updatedAt + keepMs <= now();

  const purge = () => {
    let removed = 0;
    for (const [id, stored] of conversations) {
      if (expired(stored)) {
        conversations.delete(id);
        removed += 1;
      }
    }
    return removed;
  };
  const stopPurging = schedulePurge(purge, options.purgeIntervalMs ?? DEFAULT_PURGE_INTERVAL_MS);

  const view = (stored: Stored): Conversation => ({
    id: stored.id,
    createdAt: new Date(stored.createdAt).toISOString(),
    updatedAt: new Date(stored.updatedAt).toISOString(),
    expiresAt: new Date(stored.updatedAt + keepMs).toISOString(),
    // A deep copy: callers must not be able to edit what is stored.
    turns: structuredClone(stored.turns),
  });

  return {
    async get(id) {
      const stored = conversations.get(id);
      if (!stored) return undefined;
      if (expired(stored)) {
        conversations.delete(id);
        return undefined;
      }
      return view(stored);
    },
    async appendTurn(id, turn: NewTurn) {
      const time = now();
      let stored = conversations.get(id);
      if (!stored || expired(stored)) {
        stored = { id, createdAt: time, updatedAt: time, turns: [] };
        conversations.set(id, stored);
      }
      stored.turns.push({
        position: stored.turns.length + 1,
        question: turn.question,
        standaloneQuestion: turn.standaloneQuestion,
        audience: turn.audience,
        ...(turn.case ? { case: structuredClone(turn.case) } : {}),
        answer: structuredClone(turn.answer),
        createdAt: new Date(time).toISOString(),
      });
      stored.updatedAt = time;
    },
    async delete(id) {
      return conversations.delete(id);
    },
    async purgeExpired() {
      return purge();
    },
    async close() {
      stopPurging();
      conversations.clear();
    },
  };
}
