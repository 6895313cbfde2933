// Every tuning number of retrieval lives here, so a change is one diff and one benchmark run.
export const SEARCH_SETTINGS = {
  /** BM25 term-frequency saturation and length normalisation. */
  k1: 1.2,
  b: 0.75,
  /** A heading word counts as this many body words: headings name the question a passage answers. */
  headingWeight: 2,
  /** The document title's words, added to each of its passages. */
  titleWeight: 0.5,
  /**
   * Long pasted questions keep only their most informative distinct terms, so latency stays flat. At
   * 32, a case description's kept terms shifted with any new passage's effect on rarity (adding six
   * palbociclib passages dropped the endocrine therapy document from a premenopausal case's top 5).
   */
  maxQueryTerms: 48,
  /** Misspelled words shorter than this are not corrected (too many near neighbours). */
  minCorrectableLength: 5,
  /** Passages from documents written for the other audience are scored down by this factor. */
  otherAudienceFactor: 0.6,
  /**
   * Relevance gate for short questions: the best passage must cover this share of the question's
   * informative weight (IDF of matched terms over IDF of all terms; a word never seen weighs the most,
   * so "prostate cancer bone pain" is not taken for a question about breast cancer).
   */
  minCoverage: 0.5,
  /** A question with more distinct terms than this is a pasted case: most of its words are narrative. */
  maxShortQueryTerms: 8,
  /** A pasted case is relevant when the best passage matches this many distinct terms of it. */
  minMatchedTermsLong: 3,
  /**
   * A question naming no concept of the knowledge at all must be covered this well by its best passage:
   * "melatonin for insomnia in a 70 year old, what dose and is it safe long term" matches "dose", "safe"
   * and "long" somewhere, which a long question's gate alone would take for relevance.
   */
  minCoverageUnnamed: 0.45,
  /** Any question must match at least this many distinct terms, or one term at least this rare. */
  minMatchedTerms: 2,
  minSingleTermIdf: 3,
} as const;
