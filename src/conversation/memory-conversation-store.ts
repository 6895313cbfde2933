import type { Audience, CaseInput, Conversation } from '../domain/types.js';
import {
  DEFAULT_PURGE_INTERVAL_MS,
  decodedTurnFields,
  jsonAnswerCodec,
  overCap,
  retentionMs,
  schedulePurge,
  type ConversationStore,
  type NewTurn,
  type RetentionOptions,
} from './conversation-store.js';

// Turns are kept encoded, as a networked store keeps them: what is read back is always a fresh copy.
type StoredTurn = { question: string; standaloneQuestion: string; audience: Audience; case?: string; answer: string; createdAt: number };
type Stored = { id: string; owner: string; createdAt: number; updatedAt: number; expiresAt: number; turns: StoredTurn[] };

/** Conversations in process memory: for tests and single-process demos; lost on restart. */
export function createMemoryConversationStore(options: RetentionOptions = { retentionDays: 30 }): ConversationStore {
  const now = options.now ?? Date.now;
  const codec = options.codec ?? jsonAnswerCodec;
  const conversations = new Map<string, Stored>();
  const expired = (stored: Stored) => stored.expiresAt <= now();

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

  const makeRoom = (owner: string, maxConversations: number | undefined) => {
    const owned = [...conversations.values()].filter((stored) => stored.owner === owner && !expired(stored));
    const evict = overCap(owned.length, maxConversations);
    if (evict === 0) return;
    owned.sort((a, b) => a.updatedAt - b.updatedAt);
    for (const stored of owned.slice(0, evict)) conversations.delete(stored.id);
  };

  const view = (stored: Stored): Conversation => ({
    id: stored.id,
    createdAt: new Date(stored.createdAt).toISOString(),
    updatedAt: new Date(stored.updatedAt).toISOString(),
    expiresAt: new Date(stored.expiresAt).toISOString(),
    turns: stored.turns.map((turn, index) => ({
      position: index + 1,
      question: turn.question,
      standaloneQuestion: turn.standaloneQuestion,
      audience: turn.audience,
      ...(turn.case ? { case: JSON.parse(turn.case) as CaseInput } : {}),
      ...decodedTurnFields(codec, turn.answer, { conversationId: stored.id, question: turn.question, standaloneQuestion: turn.standaloneQuestion, audience: turn.audience }),
      createdAt: new Date(turn.createdAt).toISOString(),
    })),
    ...(stored.owner ? { owner: stored.owner } : {}),
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
      const owner = turn.owner ?? '';
      let stored = conversations.get(id);
      if (stored && expired(stored)) {
        conversations.delete(id);
        stored = undefined;
      }
      if (stored && stored.owner !== owner) return false;
      if (!stored) {
        if (turn.continuing) return false;
        makeRoom(owner, turn.maxConversations);
        stored = { id, owner, createdAt: time, updatedAt: time, expiresAt: time, turns: [] };
        conversations.set(id, stored);
      }
      stored.turns.push({
        question: turn.question,
        standaloneQuestion: turn.standaloneQuestion,
        audience: turn.audience,
        ...(turn.case ? { case: JSON.stringify(turn.case) } : {}),
        answer: codec.encode(turn.answer),
        createdAt: time,
      });
      stored.updatedAt = time;
      stored.expiresAt = time + retentionMs(turn.retentionDays ?? options.retentionDays);
      return true;
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
