import type OpenAI from 'openai';
import { AppError } from '../errors.js';
import type { LoadedPrompt } from './prompts.js';

export type RedFlagClassifierOptions = {
  client: OpenAI;
  model: string;
  prompt: LoadedPrompt<'red-flags'>;
  /** The red-flag concepts the model may name, by id, each with what it means. */
  concepts: ReadonlyArray<{ id: string; description: string }>;
  /** A second opinion must not hold up the answer for long: its own timeout, no retries. */
  timeoutMs: number;
};

/** Names the red flags a message reports, by concept id; throws an AppError on any model failure. */
export type RedFlagClassifier = (message: string, signal?: AbortSignal) => Promise<string[]>;

// Data blocks are delimited by tags; text that forges a closing tag must not end its block early.
const DATA_TAG = /<\s*\/?\s*(?:concepts|message)\b[^>]*>/gi;
const MAX_TOKENS = 100;

/** The ids in the first JSON object of a reply, if it has the expected shape. */
function idsIn(reply: string): string[] | undefined {
  const json = /\{[\s\S]*\}/.exec(reply)?.[0];
  if (!json) return undefined;
  try {
    const flags = (JSON.parse(json) as { red_flags?: unknown }).red_flags;
    return Array.isArray(flags) && flags.every((flag) => typeof flag === 'string') ? flags : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A model's second opinion on red flags. It can only name concepts the triage data holds; anything
 * else in its reply is ignored. Provider errors, timeouts and malformed replies become one AppError
 * without the provider's text, so the caller keeps the deterministic alerts.
 */
export function createRedFlagClassifier(options: RedFlagClassifierOptions): RedFlagClassifier {
  const known = new Set(options.concepts.map((concept) => concept.id));
  const concepts = options.concepts.map((concept) => `- ${concept.id}: ${concept.description}`).join('\n');
  return async (message, signal) => {
    const content = options.prompt.render({ concepts, message: message.replace(DATA_TAG, ' ') });
    let reply: unknown;
    try {
      const completion = await options.client.chat.completions.create(
        { model: options.model, messages: [{ role: 'user', content }], max_tokens: MAX_TOKENS, temperature: 0, stream: false },
        { timeout: options.timeoutMs, maxRetries: 0, ...(signal ? { signal } : {}) },
      );
      reply = completion?.choices?.[0]?.message?.content;
    } catch (error) {
      throw new AppError('model_unavailable', 'The red-flag classifier did not answer.', undefined, { cause: error });
    }
    const ids = typeof reply === 'string' ? idsIn(reply) : undefined;
    if (!ids) throw new AppError('model_unavailable', 'The red-flag classifier returned an unreadable reply.');
    return [...new Set(ids.filter((id) => known.has(id)))];
  };
}
