import type { Finding, KnowledgeDocument, Passage, Reference, ReviewStatus } from '../domain/types.js';

const REVIEW_ORDER: ReviewStatus[] = ['submitted', 'under-review', 'approved'];

export type CitationRegistry = {
  /** The answer's number for a passage's document, assigned on first use: 1..N, one number per document. */
  citePassage(passage: Passage): number;
  /** A finding is cited like a passage; its reference carries the weakest review status of what it rests on. */
  citeFinding(finding: Finding): number;
  references(): Reference[];
};

export function createCitationRegistry(lookup: {
  document(id: string): KnowledgeDocument | undefined;
  passage(id: string): Passage | undefined;
}): CitationRegistry {
  const numbers = new Map<string, number>();
  const references: Reference[] = [];

  function add(key: string, build: (n: number) => Reference): Reference {
    const existing = numbers.get(key);
    if (existing !== undefined) return references[existing - 1]!;
    const n = references.length + 1;
    numbers.set(key, n);
    const reference = build(n);
    references.push(reference);
    return reference;
  }

  return {
    citePassage(passage) {
      const reference = add(passage.docId, (n) => {
        const document = lookup.document(passage.docId);
        if (!document) throw new Error(`Passage ${passage.id} has no document`);
        return {
          n,
          docId: document.id,
          title: document.title,
          publisher: document.publisher,
          year: document.year,
          type: document.type,
          reviewStatus: document.review.status,
          updated: document.updated,
          ...(document.url ? { url: document.url } : {}),
          passages: [],
        };
      });
      if (!reference.passages.some((quoted) => quoted.id === passage.id)) reference.passages.push({ id: passage.id, quote: passage.text });
      return reference.n;
    },
    citeFinding(finding) {
      return add(`finding:${finding.id}`, (n) => {
        const documents = finding.passageIds
          .map((id) => lookup.passage(id))
          .map((passage) => (passage ? lookup.document(passage.docId) : undefined))
          .filter((document): document is KnowledgeDocument => Boolean(document));
        const weakest = documents.reduce<ReviewStatus>(
          (status, document) =>
            REVIEW_ORDER.indexOf(document.review.status) < REVIEW_ORDER.indexOf(status) ? document.review.status : status,
          'approved',
        );
        return {
          n,
          docId: 'rules',
          title: finding.title,
          publisher: 'Guideline Chat rules',
          year: Math.max(0, ...documents.map((document) => document.year)),
          type: 'rule-finding',
          reviewStatus: weakest,
          updated: documents.map((document) => document.updated).sort().at(-1) ?? '',
          passages: [{ id: `rules#${finding.id}`, quote: finding.summary }],
        };
      }).n;
    },
    references: () => references.map((reference) => ({ ...reference, passages: reference.passages.map((passage) => ({ ...passage })) })),
  };
}
