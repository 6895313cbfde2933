import type { KnowledgeWords } from '../answer/knowledge-words.js';
import type { KnowledgeReport } from '../knowledge/load-knowledge.js';
import type { IndexPostings } from '../retrieval/search-index.js';
import type { RecordedReadings } from './recorded-readings.js';

/**
 * What start-up works out from the knowledge folder alone, and the bulk of its time: the report of
 * the folder (documents, passages, guide, problems), the words the knowledge uses, the search index's
 * postings and the sentence bank's readings. The same files and the same code always give the same
 * artifacts, so the start-up cache keeps them (see startup-cache.ts).
 */
export type StartupArtifacts = {
  report: KnowledgeReport;
  built: BuiltArtifacts;
};

/** The artifacts built from the report's knowledge. */
export type BuiltArtifacts = {
  words: KnowledgeWords;
  postings: IndexPostings;
  readings: RecordedReadings;
};
