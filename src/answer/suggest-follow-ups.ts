import type { Audience, PriorQuestion, ScoredPassage } from '../domain/types.js';
import { boundedMemo } from '../text/bounded-memo.js';
import { normalizeText } from '../text/normalize.js';
import { sectionKeyOf } from './sentence-bank.js';

const MAX_FOLLOW_UPS = 3;

const comparable = (question: string) => normalizeText(question).replace(/[^a-z0-9]+/g, ' ').trim();
// The questions listed for sections are the knowledge's own, compared with every answer's question: each
// is made comparable once (the guide bounds them; the store is bounded too).
const comparableListed = boundedMemo(comparable, 10_000);

/**
 * Next questions the knowledge answers: the questions listed for sections that retrieval found for
 * this question but the answer did not quote, written for the reader's audience, and not already
 * asked in this conversation.
 */
export function suggestFollowUps(input: {
  results: readonly ScoredPassage[];
  usedPassageIds: ReadonlySet<string>;
  sectionQuestions: Readonly<Record<string, readonly string[]>>;
  audience: Audience;
  asked: readonly PriorQuestion[];
  question: string;
}): string[] {
  const usedSections = new Set([...input.usedPassageIds].map((id) => id.replace(/-\d+$/, '')));
  const asked = new Set([input.question, ...input.asked.flatMap((turn) => [turn.question, turn.standaloneQuestion])].map(comparable));
  const suggestions: string[] = [];
  const seenSections = new Set<string>();
  for (const { passage, document } of input.results) {
    const key = sectionKeyOf(passage);
    if (passage.pitfall || usedSections.has(key) || seenSections.has(key)) continue;
    seenSections.add(key);
    if (document.audience !== 'both' && document.audience !== input.audience) continue;
    const question = input.sectionQuestions[key]?.find((candidate) => !asked.has(comparableListed(candidate)));
    if (!question) continue;
    suggestions.push(question);
    if (suggestions.length === MAX_FOLLOW_UPS) break;
  }
  return suggestions;
}
