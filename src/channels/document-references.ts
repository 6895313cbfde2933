import type { Answer } from '../domain/types.js';

/** A reference as the channels render it: one per document, with the passages quoted from it. */
export type DocumentReference = {
  n: number;
  docId: string;
  title: string;
  publisher: string;
  year: number;
  type: string;
  reviewStatus: string;
  updated: string;
  url?: string;
  passages: Array<{ id: string; quote: string }>;
};

type ReferenceLike = Omit<DocumentReference, 'passages'> & { passages?: DocumentReference['passages']; passageId?: string; quote?: string };

/**
 * The answer's references in the one-per-document shape. While an answer still carries one
 * reference per passage (`passageId`, `quote`), each becomes a document reference with that one
 * passage, keeping its number; once every reference has `passages`, this returns them as they are.
 */
export function documentReferences(answer: Answer): DocumentReference[] {
  return (answer.references as ReferenceLike[]).map(({ passageId, quote, passages, ...reference }) => ({
    ...reference,
    passages: passages ?? (passageId !== undefined ? [{ id: passageId, quote: quote ?? '' }] : []),
  }));
}
