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

// Per passage holding a term, the term's BM25F frequency: its body count over the passage's length
// norm plus its weighted heading + title count. It depends on the passage alone, so it is worked out
// once here (from the same single-precision counts as before, so every score is the same to the bit).
type Posting = { passages: Int32Array; tf: Float64Array };
type QueryTerm = { termId: number; idf: number } | { termId: -1; idf: number };

const K1 = SEARCH_SETTINGS.k1;
const K1_PLUS_ONE = SEARCH_SETTINGS.k1 + 1;

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

  const count = passages.length;
  const averageLength = count ? lengths.reduce((sum, value) => sum + value, 0) / count || 1 : 1;
  // Only the body is length-normalised: a heading is shared by every passage under it, so it must
  // not favour the shortest of them.
  const bodyNorm = Float32Array.from(lengths, (length) => 1 - settings.b + (settings.b * length) / averageLength);
  const postings: Posting[] = building.map((entry) => {
    const body = Float32Array.from(entry.body);
    const fields = Float32Array.from(entry.fields);
    return { passages: Int32Array.from(entry.passages), tf: Float64Array.from(entry.passages, (passageIndex, i) => body[i]! / bodyNorm[passageIndex]! + fields[i]!) };
  });
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
    // Worked out only when a word is unknown, which few questions have.
    let folded: Set<string> | undefined;
    const resolved: QueryTerm[] = unique.flatMap((term) => {
      const termId = vocabulary.get(term) ?? correct(term);
      if (termId >= 0) return [{ termId, idf: idf[termId]! }];
      folded ??= new Set(analyzer.terms(query));
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
  // The passages a search has scored, in the order it first scored them (that order breaks ties).
  const touched = new Int32Array(count);
  // Per audience asked for, each passage's factor: 1, or the other audience's (× 1 leaves a score as it is).
  const audienceFactors = new Map(
    (['professional', 'patient'] as const).map((asked) => [
      asked,
      Float64Array.from(documents, ({ audience }) => (audience !== 'both' && audience !== asked ? settings.otherAudienceFactor : 1)),
    ]),
  );

  function search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = options.limit ?? 10;
    const wanted = queryTerms(query);
    const known = wanted.filter((term): term is { termId: number; idf: number } => term.termId >= 0);
    let touchedCount = 0;
    for (const { termId, idf: termIdf } of known) {
      const { passages: held, tf: frequencies } = postings[termId]!;
      for (let i = 0; i < held.length; i += 1) {
        const passageIndex = held[i]!;
        const tf = frequencies[i]!;
        if (scores[passageIndex] === 0) touched[touchedCount++] = passageIndex;
        scores[passageIndex]! += (termIdf * tf * K1_PLUS_ONE) / (tf + K1);
      }
    }
    // The best `limit` passages, best first, ties in the order first scored: kept in two parallel
    // arrays, each newcomer moved in past the lower scores only.
    const factors = options.audience ? audienceFactors.get(options.audience) : undefined;
    const kept = Math.max(0, Math.min(limit, touchedCount));
    const rankedIndex = new Int32Array(kept);
    const rankedScore = new Float64Array(kept);
    let size = 0;
    for (let t = 0; t < touchedCount; t += 1) {
      const passageIndex = touched[t]!;
      let score = scores[passageIndex]!;
      scores[passageIndex] = 0;
      if (factors) score *= factors[passageIndex]!;
      if (size < kept) size += 1;
      else if (kept === 0 || !(score > rankedScore[kept - 1]!)) continue;
      let position = size - 1;
      while (position > 0 && rankedScore[position - 1]! < score) {
        rankedIndex[position] = rankedIndex[position - 1]!;
        rankedScore[position] = rankedScore[position - 1]!;
        position -= 1;
      }
      rankedIndex[position] = passageIndex;
      rankedScore[position] = score;
    }
    const results: ScoredPassage[] = [];
    for (let r = 0; r < size; r += 1) results.push({ passage: passages[rankedIndex[r]!]!, document: documents[rankedIndex[r]!]!, score: rankedScore[r]! });
    const top = size > 0 ? rankedIndex[0]! : undefined;
    const coverage = top !== undefined ? matchedShare(top, wanted) : 0;
    return { results, coverage, relevant: top !== undefined ? isRelevant(top, wanted, coverage) : false };
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
