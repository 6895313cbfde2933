import { randomUUID } from 'node:crypto';
import type { Answer, Audience, CaseInput, Conversation } from '../domain/types.js';

/** What a turn is made of before the store gives it a position and a time. */
export type NewTurn = {
  question: string;
  standaloneQuestion: string;
  audience: Audience;
  case?: CaseInput;
  answer: Answer;
};

/**
 * Where conversations live. Async so that a networked store (Redis) fits the same interface.
 * A conversation past its retention is gone: `get` never returns it, even before a purge has run.
 */
export interface ConversationStore {
  get(id: string): Promise<Conversation | undefined>;
  /** Appends a turn, creating the conversation when the id is new (or replacing an expired one). */
  appendTurn(id: string, turn: NewTurn): Promise<void>;
  /** True when something was deleted. */
  delete(id: string): Promise<boolean>;
  /** Deletes every conversation past its retention; returns how many. */
  purgeExpired(): Promise<number>;
  close(): Promise<void>;
}

export type RetentionOptions = {
  retentionDays: number;
  /** How often expired conversations are purged in the background; 0 turns the timer off. */
  purgeIntervalMs?: number;
  now?: () => number;
};

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
