import type { PriorQuestion } from '../domain/types.js';

/** A follow-up rewriter backed by a model; it may throw, and the deterministic rewrite takes over. */
export type RewriteFunction = (history: readonly PriorQuestion[], message: string, signal?: AbortSignal) => Promise<string>;

/** The deterministic follow-up rewrite (see rewrite-follow-up.ts), always available. */
export type DeterministicRewrite = (history: readonly PriorQuestion[], message: string) => string;

// A model rewrite longer than this is not a question any more (an answer, or an injection echo).
const MAX_REWRITE_CHARS = 1000;

/**
 * The question to retrieve and answer for: the message itself at the start of a conversation,
 * otherwise the model's rewrite when one is configured, falling back to the deterministic rewrite.
 */
export async function standaloneQuestionFor(
  history: readonly PriorQuestion[],
  message: string,
  rewrite?: RewriteFunction,
  signal?: AbortSignal,
  deterministic: DeterministicRewrite = (_history, text) => text.trim(),
): Promise<string> {
  const question = message.trim();
  if (history.length === 0) return question;
  if (rewrite) {
    try {
      const rewritten = (await rewrite(history, question, signal)).trim();
      if (rewritten && rewritten.length <= MAX_REWRITE_CHARS) return rewritten;
    } catch (error) {
      if (signal?.aborted) throw error;
      // The model is unavailable or failed: the deterministic rewrite is always there.
    }
  }
  return deterministic(history, question);
}
