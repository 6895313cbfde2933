import { randomUUID } from 'node:crypto';
import type { Answer, Audience, CaseInput, ChangedPassage, Conversation, ConversationTurn } from '../domain/types.js';

/** What a turn is made of before the store gives it a position and a time. */
export type NewTurn = {
  question: string;
  standaloneQuestion: string;
  audience: Audience;
  case?: CaseInput;
  answer: Answer;
  /** The API key the conversation belongs to; none when keys are off. Set by the first turn. */
  owner?: string;
  /**
   * The turn continues a conversation that existed when the turn began: if it was deleted or
   * expired meanwhile, the turn is not saved (a deleted conversation stays deleted).
   */
  continuing?: boolean;
  /** The owner's retention, from its key; the store's own otherwise. Counted from this turn. */
  retentionDays?: number;
  /** The most conversations the owner keeps: a new one beyond it evicts the least recently used. */
  maxConversations?: number;
};

/**
 * Where conversations live. Async so that a networked store (Redis) fits the same interface.
 * A conversation past its retention is gone: `get` never returns it, even before a purge has run.
 */
export interface ConversationStore {
  get(id: string): Promise<Conversation | undefined>;
  /**
   * Appends a turn, creating the conversation when the id is new (or replacing an expired one).
   * False when nothing was saved: a `continuing` turn whose conversation is gone, or an id owned by
   * someone else.
   */
  appendTurn(id: string, turn: NewTurn): Promise<boolean>;
  /** True when something was deleted. */
  delete(id: string): Promise<boolean>;
  /** Deletes every conversation past its retention; returns how many. */
  purgeExpired(): Promise<number>;
  close(): Promise<void>;
}

export type RetentionOptions = {
  retentionDays: number;
  /** How answers are written and read back (see compact-answer.ts); whole JSON by default. */
  codec?: AnswerCodec;
  /** How often expired conversations are purged in the background; 0 turns the timer off. */
  purgeIntervalMs?: number;
  now?: () => number;
};

/** Turns an answer into what is stored, and what is stored back into the answer. */
export type AnswerCodec = {
  encode(answer: Answer): string;
  decode(
    stored: string,
    turn: { conversationId: string; question: string; standaloneQuestion: string; audience: Audience },
  ): { answer: Answer; changedPassages?: ChangedPassage[] };
};

export const jsonAnswerCodec: AnswerCodec = {
  encode: (answer) => JSON.stringify(answer),
  decode: (stored) => ({ answer: JSON.parse(stored) as Answer }),
};

/** The turn fields a codec reads back: the answer, and the passages that changed since, if any. */
export function decodedTurnFields(codec: AnswerCodec, stored: string, turn: Parameters<AnswerCodec['decode']>[1]): Pick<ConversationTurn, 'answer' | 'changedPassages'> {
  const { answer, changedPassages } = codec.decode(stored, turn);
  return { answer, ...(changedPassages?.length ? { changedPassages } : {}) };
}

/** Whether a new conversation of this owner would go past its cap; how many to evict to make room. */
export function overCap(count: number, maxConversations: number | undefined): number {
  return maxConversations === undefined ? 0 : Math.max(0, count - maxConversations + 1);
}

export const DEFAULT_PURGE_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function retentionMs(retentionDays: number): number {
  return retentionDays * DAY_MS;
}

/** A conversation id: a random UUID, 122 random bits, so ids cannot be guessed or enumerated. */
export function newConversationId(): string {
  return randomUUID();
}

/**
 * Runs `purge` now and then every interval. The timer is unref'd so it never keeps the process
 * alive; a failed purge is retried at the next tick (reads still hide expired conversations).
 */
export function schedulePurge(purge: () => unknown, intervalMs: number): () => void {
  purge();
  if (intervalMs <= 0) return () => {};
  const timer = setInterval(() => {
    try {
      purge();
    } catch {
      // Reads filter expired conversations anyway; the next tick tries again.
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
