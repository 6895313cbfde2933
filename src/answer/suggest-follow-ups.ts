import type { ScoredPassage } from '../domain/types.js';

const MAX_FOLLOW_UPS = 3;

/**
 * Next questions the knowledge can answer: sections that retrieval found for this question but the
 * answer did not use. Each is phrased with its document's title so that asking it retrieves that section.
 */
export function suggestFollowUps(results: readonly ScoredPassage[], usedPassageIds: ReadonlySet<string>): string[] {
  const usedSections = new Set<string>();
  for (const { passage } of results) {
    if (usedPassageIds.has(passage.id)) usedSections.add(`${passage.docId}\u0000${passage.section}`);
  }
  const suggestions: string[] = [];
  for (const { passage, document } of results) {
    const key = `${passage.docId}\u0000${passage.section}`;
    if (!passage.section || passage.pitfall || usedSections.has(key)) continue;
    usedSections.add(key);
    const heading = passage.section.replace(/[.?!]+$/, '');
    suggestions.push(heading.length > 0 && /\?$/.test(passage.section) ? passage.section : `${heading}: ${document.title}`);
    if (suggestions.length === MAX_FOLLOW_UPS) break;
  }
  return suggestions;
}
