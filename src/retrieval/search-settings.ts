// Every tuning number of retrieval lives here, so a change is one diff and one benchmark run.
export const SEARCH_SETTINGS = {
  /** BM25 term-frequency saturation and length normalisation. */
  k1: 1.2,
  b: 0.75,
  /** A heading word counts as this many body words: headings name the question a passage answers. */
  headingWeight: 2,
  /** The document title's words, added to each of its passages. */
  titleWeight: 0.5,
  /** Long pasted questions keep only their most informative distinct terms, so latency stays flat. */
  maxQueryTerms: 32,
  /** Misspelled words shorter than this are not corrected (too many near neighbours). */
  minCorrectableLength: 5,
  /** Passages from documents written for the other audience are scored down by this factor. */
  otherAudienceFactor: 0.6,
  /**
   * Relevance gate: the best passage must cover this share of the question's informative weight
   * (sum of IDF of matched terms over sum of IDF of all query terms; unknown words weigh the most).
   */
  minCoverage: 0.3,
  /** ...and match at least this many distinct query terms, or one term at least this rare. */
  minMatchedTerms: 2,
  minSingleTermIdf: 3,
} as const;
