import type { PriorQuestion } from '../domain/types.js';
import { createAnalyzer, type Analyzer } from '../text/analyzer.js';
import { INSTRUCTION_ECHO } from '../validation/check-labels.js';
import { checkMarkup } from '../validation/check-markup.js';
import { meaningWordsOf } from '../validation/check-meaning.js';
import { claimTerms, coverageOf } from '../validation/check-support.js';
import { normalizeVisibleText } from '../validation/visible-text.js';
import { WORDING } from '../validation/wording.js';
import { rewriteFollowUp } from './rewrite-follow-up.js';

/** A follow-up rewriter backed by a model; it may throw, and the deterministic rewrite takes over. */
export type RewriteFunction = (history: readonly PriorQuestion[], message: string, signal?: AbortSignal) => Promise<string>;

// A model rewrite longer than this is not a question any more (an answer, or an injection echo).
const MAX_REWRITE_CHARS = 1000;

const PLAIN_ANALYZER = createAnalyzer([]);
const frameTermsByAnalyzer = new WeakMap<Analyzer, Set<string>>();

function frameTerms(analyzer: Analyzer): Set<string> {
  let terms = frameTermsByAnalyzer.get(analyzer);
  if (!terms) {
    terms = new Set(WORDING.rewriteFrame.flatMap((word) => analyzer.terms(word)));
    frameTermsByAnalyzer.set(analyzer, terms);
  }
  return terms;
}

/**
 * Whether a model's rewrite of a follow-up says only what the conversation said: every content term,
 * number and meaning word of it comes from the earlier questions or the new message (words that only
 * frame a question aside), and it carries no markup, link or instruction. Anything else is the model
 * adding content ("… stop all chemotherapy and take aspirin instead"), so it is not used.
 */
export function isGroundedRewrite(rewrite: string, conversation: readonly string[], analyzer: Analyzer = PLAIN_ANALYZER): boolean {
  const text = normalizeVisibleText(rewrite).trim();
  if (!text || text.length > MAX_REWRITE_CHARS || text.includes('\n')) return false;
  if (INSTRUCTION_ECHO.test(text) || checkMarkup([text]).length > 0 || /https?:\/\/|www\./i.test(text)) return false;
  const said = normalizeVisibleText(conversation.join('\n'));
  const saidTerms = new Set(analyzer.indexTerms(said));
  const frame = frameTerms(analyzer);
  const terms = claimTerms(analyzer, text).filter((term) => !frame.has(term));
  if (coverageOf(terms, saidTerms).missing.length > 0) return false;
  const saidMeaning = new Set(meaningWordsOf(said));
  return meaningWordsOf(text).every((word) => saidMeaning.has(word));
}

/**
 * The question to retrieve and answer for: the message itself at the start of a conversation,
 * otherwise the model's rewrite when one is configured and it is grounded in the conversation,
 * falling back to the deterministic rewrite.
 */
export async function standaloneQuestionFor(
  history: readonly PriorQuestion[],
  message: string,
  rewrite?: RewriteFunction,
  signal?: AbortSignal,
  analyzer?: Analyzer,
): Promise<string> {
  const question = message.trim();
  if (history.length === 0) return question;
  if (rewrite) {
    try {
      const rewritten = normalizeVisibleText(await rewrite(history, question, signal)).trim();
      const conversation = [...history.flatMap((turn) => [turn.question, turn.standaloneQuestion]), question];
      if (isGroundedRewrite(rewritten, conversation, analyzer)) return rewritten;
    } catch (error) {
      if (signal?.aborted) throw error;
      // The model is unavailable or failed: the deterministic rewrite is always there.
    }
  }
  return rewriteFollowUp(history, question);
}
