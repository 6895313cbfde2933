import type { Audience, KnowledgeBase, KnowledgeDocument, Passage, ScoredPassage } from '../domain/types.js';
import type { Analyzer } from '../text/analyzer.js';
import { boundedEditDistance } from './edit-distance.js';
import { SEARCH_SETTINGS } from './search-settings.js';

export type SearchOptions = { audience?: Audience; limit?: number };

export type SearchResult = {
  results: ScoredPassage[];
  /** False when the question is not covered by the knowledge held (see `isRelevant`). */
  relevant: boolean;
  /** Share of the question's informative weight that the best passage matched (0..1). */
  coverage: number;
};

export type SearchIndex = {
  search(query: string, options?: SearchOptions): SearchResult;
  readonly size: number;
  readonly vocabularySize: number;
};

// Per passage a term's body count and its weighted heading + title count (the fields are scored apart).
type Posting = { passages: Int32Array; body: Float32Array; fields: Float32Array };
type QueryTerm = { termId: number; idf: number } | { termId: -1; idf: number };

function countTerms(target: Map<string, number>, terms: readonly string[], weight: number): void {
  for (const term of terms) target.set(term, (target.get(term) ?? 0) + weight);
}

/**
 * An in-memory BM25 index over passages. Heading and title words are counted with extra weight;
 * synonyms are folded by the analyzer on both the passage and the query side.
 */
export function buildSearchIndex(knowledge: KnowledgeBase, analyzer: Analyzer): SearchIndex {
  const settings = SEARCH_SETTINGS;
  const documentsById = new Map<string, KnowledgeDocument>(knowledge.documents.map((document) => [document.id, document]));
  const passages: Passage[] = knowledge.passages;
  const documents = passages.map((passage) => {
    const document = documentsById.get(passage.docId);
    if (!document) throw new Error(`Passage ${passage.id} has no document`);
    return document;
  });

  const vocabulary = new Map<string, number>();
  const building: Array<{ passages: number[]; body: number[]; fields: number[] }> = [];
  const lengths = new Float32Array(passages.length);
  const titleTerms = new Map<string, string[]>();

  passages.forEach((passage, passageIndex) => {
    const document = documents[passageIndex]!;
    let title = titleTerms.get(document.id);
    if (!title) {
      title = analyzer.indexTerms(document.title);
      titleTerms.set(document.id, title);
    }
    const body = new Map<string, number>();
    const fields = new Map<string, number>();
    const bodyTerms = analyzer.indexTerms(passage.text);
    countTerms(body, bodyTerms, 1);
    countTerms(fields, analyzer.indexTerms(passage.section), settings.headingWeight);
    countTerms(fields, title, settings.titleWeight);
    for (const term of new Set([...body.keys(), ...fields.keys()])) {
      let termId = vocabulary.get(term);
      if (termId === undefined) {
        termId = building.length;
        vocabulary.set(term, termId);
        building.push({ passages: [], body: [], fields: [] });
      }
      building[termId]!.passages.push(passageIndex);
      building[termId]!.body.push(body.get(term) ?? 0);
      building[termId]!.fields.push(fields.get(term) ?? 0);
    }
    lengths[passageIndex] = bodyTerms.length;
  });

  const postings: Posting[] = building.map((entry) => ({
    passages: Int32Array.from(entry.passages),
    body: Float32Array.from(entry.body),
    fields: Float32Array.from(entry.fields),
  }));
  const count = passages.length;
  const averageLength = count ? lengths.reduce((sum, value) => sum + value, 0) / count || 1 : 1;
  // Only the body is length-normalised: a heading is shared by every passage under it, so it must
  // not favour the shortest of them.
  const bodyNorm = Float32Array.from(lengths, (length) => 1 - settings.b + (settings.b * length) / averageLength);
  const idfOf = (documentFrequency: number) => Math.log(1 + (count - documentFrequency + 0.5) / (documentFrequency + 0.5));
  const idf = Float64Array.from(postings, (posting) => idfOf(posting.passages.length));
  // A word the index has never seen is the most informative word there could be.
  const unknownIdf = idfOf(0);
  const terms = [...vocabulary.keys()];
  const corrections = new Map<string, number>();

  function correct(term: string): number {
    const cached = corrections.get(term);
    if (cached !== undefined) return cached;
    let best = -1;
    if (term.length >= settings.minCorrectableLength && !/\d/.test(term)) {
      const limit = term.length >= 8 ? 2 : 1;
      let bestDistance = limit + 1;
      for (const candidate of terms) {
        if (candidate.startsWith('syn_') || Math.abs(candidate.length - term.length) > limit) continue;
        const distance = boundedEditDistance(term, candidate, limit);
        // Prefer the closest word, then the more common one: a typo is likelier for a frequent word.
        if (distance < bestDistance || (distance === bestDistance && best >= 0 && idf[vocabulary.get(candidate)!]! < idf[best]!)) {
          bestDistance = distance;
          best = vocabulary.get(candidate)!;
        }
      }
    }
    if (corrections.size > 10_000) corrections.clear();
    corrections.set(term, best);
    return best;
  }

  function queryTerms(query: string): QueryTerm[] {
    const unique = [...new Set(analyzer.indexTerms(query))];
    // The words of a synonym phrase ("mets" in "bone mets") also arrive folded into its canonical term,
    // so when the index has never seen such a word it is not evidence of an unknown subject.
    const folded = new Set(analyzer.terms(query));
    const resolved: QueryTerm[] = unique.flatMap((term) => {
      const termId = vocabulary.get(term) ?? correct(term);
      if (termId >= 0) return [{ termId, idf: idf[termId]! }];
      return folded.has(term) ? [{ termId: -1 as const, idf: unknownIdf }] : [];
    });
    // Keep the rarest known terms of a long question (dedupe terms corrected to the same word);
    // unknown words cannot match anything, they only weigh against coverage.
    const seen = new Set<number>();
    const known = resolved
      .filter((term) => term.termId >= 0 && !seen.has(term.termId) && seen.add(term.termId))
      .sort((a, b) => b.idf - a.idf)
      .slice(0, settings.maxQueryTerms);
    return [...known, ...resolved.filter((term) => term.termId < 0)];
  }

  const scores = new Float64Array(count);

  function search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = options.limit ?? 10;
    const wanted = queryTerms(query);
    const known = wanted.filter((term): term is { termId: number; idf: number } => term.termId >= 0);
    const touched: number[] = [];
    for (const { termId, idf: termIdf } of known) {
      const posting = postings[termId]!;
      for (let i = 0; i < posting.passages.length; i += 1) {
        const passageIndex = posting.passages[i]!;
        const tf = posting.body[i]! / bodyNorm[passageIndex]! + posting.fields[i]!;
        if (scores[passageIndex] === 0) touched.push(passageIndex);
        scores[passageIndex]! += (termIdf * tf * (settings.k1 + 1)) / (tf + settings.k1);
      }
    }
    const ranked: Array<{ index: number; score: number }> = [];
    for (const passageIndex of touched) {
      let score = scores[passageIndex]!;
      scores[passageIndex] = 0;
      const audience = documents[passageIndex]!.audience;
      if (options.audience && audience !== 'both' && audience !== options.audience) score *= settings.otherAudienceFactor;
      if (ranked.length < limit || score > ranked[ranked.length - 1]!.score) {
        let position = ranked.length;
        while (position > 0 && ranked[position - 1]!.score < score) position -= 1;
        ranked.splice(position, 0, { index: passageIndex, score });
        if (ranked.length > limit) ranked.pop();
      }
    }
    const results = ranked.map(({ index, score }) => ({ passage: passages[index]!, document: documents[index]!, score }));
    const top = ranked[0];
    const coverage = top ? matchedShare(top.index, wanted) : 0;
    return { results, coverage, relevant: top ? isRelevant(top.index, wanted, coverage) : false };
  }

  function matches(passageIndex: number, termId: number): boolean {
    const list = postings[termId]!.passages;
    // Postings are in passage order, so a binary search finds membership.
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const value = list[middle]!;
      if (value === passageIndex) return true;
      if (value < passageIndex) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  function matchedShare(passageIndex: number, wanted: readonly QueryTerm[]): number {
    let total = 0;
    let matched = 0;
    for (const term of wanted) {
      total += term.idf;
      if (term.termId >= 0 && matches(passageIndex, term.termId)) matched += term.idf;
    }
    return total ? matched / total : 0;
  }

  function isRelevant(passageIndex: number, wanted: readonly QueryTerm[], coverage: number): boolean {
    const matched = wanted.filter((term) => term.termId >= 0 && matches(passageIndex, term.termId));
    const enoughTerms =
      matched.length >= settings.minMatchedTerms || matched.some((term) => term.idf >= settings.minSingleTermIdf);
    if (!enoughTerms) return false;
    return wanted.length > settings.maxShortQueryTerms
      ? matched.length >= settings.minMatchedTermsLong
      : coverage >= settings.minCoverage;
  }

  return { search, size: count, vocabularySize: vocabulary.size };
}
