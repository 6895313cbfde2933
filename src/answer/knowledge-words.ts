import type { KnowledgeBase } from '../domain/types.js';
import { trialNamesIn } from '../question/analyze-question.js';
import { tokenize } from '../question/concept-matcher.js';

/** The words and trial names the knowledge uses, for telling a question's unknown words apart. */
export type KnowledgeWords = {
  /** Every word as written (lower case). */
  written: ReadonlySet<string>;
  /** Every word folded as the concept matcher folds it. */
  known: ReadonlySet<string>;
  /** Every trial name ("monarch-3"). */
  trials: ReadonlySet<string>;
};

/** Read from every heading and passage (each with its heading) and every document title. */
export function knowledgeWords(knowledge: KnowledgeBase): KnowledgeWords {
  const written = new Set<string>();
  const known = new Set<string>();
  const texts = [...knowledge.passages.map((passage) => `${passage.section} ${passage.text}`), ...knowledge.documents.map((document) => document.title)];
  for (const text of texts) {
    for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) written.add(word);
    for (const token of tokenize(text)) known.add(token.word);
  }
  const trials = new Set(texts.flatMap((text) => trialNamesIn(text).map((trial) => trial.name)));
  return { written, known, trials };
}
