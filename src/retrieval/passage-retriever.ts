import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { Audience } from '../domain/types.js';
import type { SearchIndex } from './search-index.js';

export type PassageMetadata = {
  passageId: string;
  docId: string;
  title: string;
  section: string;
  publisher: string;
  year: number;
  type: string;
  reviewStatus: string;
  score: number;
};

export type PassageRetrieverInput = BaseRetrieverInput & { index: SearchIndex; audience?: Audience; limit?: number };

/** Exposes the passage index to LangChain chains as a retriever; only relevant passages are returned. */
export class PassageRetriever extends BaseRetriever<PassageMetadata> {
  lc_namespace = ['guideline_chat', 'retrievers'];
  private readonly index: SearchIndex;
  private readonly options: { audience?: Audience; limit: number };

  constructor(input: PassageRetrieverInput) {
    super(input);
    this.index = input.index;
    this.options = { limit: input.limit ?? 5, ...(input.audience ? { audience: input.audience } : {}) };
  }

  override async _getRelevantDocuments(query: string): Promise<Document<PassageMetadata>[]> {
    const { results, relevant } = this.index.search(query, this.options);
    if (!relevant) return [];
    return results.map(
      ({ passage, document, score }) =>
        new Document<PassageMetadata>({
          pageContent: passage.text,
          id: passage.id,
          metadata: {
            passageId: passage.id,
            docId: document.id,
            title: document.title,
            section: passage.section,
            publisher: document.publisher,
            year: document.year,
            type: document.type,
            reviewStatus: document.review.status,
            score,
          },
        }),
    );
  }
}
