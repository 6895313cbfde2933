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
export type Posting = { passages: Int32Array; tf: Float64Array };
type QueryTerm = { termId: number; idf: number } | { termId: -1; idf: number };

// Per term and block of passages: the blocks it occurs in (ascending), where its postings there
// start in its posting list (one more entry for the end), and the best contribution share there.
type TermBlocks = { ids: Int32Array; starts: Int32Array; best: Float64Array };

// 256 passages a block, a handful of documents. In the 100× pack of `npm run bench` 1,024 was faster
// still (p50 0.13 against 0.17 ms), but only because that pack puts a document's 100 copies side by
// side; 128 was slower (0.20). A test passes a larger size to get the unpruned ranking to compare with.
const DEFAULT_BLOCK_BITS = 8;
// Block bounds are ordered at this resolution (the order only steers the work, never the result).
const ORDER_SCALE = 1 << 16;

const K1 = SEARCH_SETTINGS.k1;
const K1_PLUS_ONE = SEARCH_SETTINGS.k1 + 1;

/** Whether a passage with this score and first term ranks before another (equal scores: as first scored). */
function ranksBefore(score: number, term: number, passageIndex: number, otherScore: number, otherTerm: number, otherIndex: number): boolean {
  if (score !== otherScore) return score > otherScore;
  return term !== otherTerm ? term < otherTerm : passageIndex < otherIndex;
}

function countTerms(target: Map<string, number>, terms: readonly string[], weight: number): void {
  for (const term of terms) target.set(term, (target.get(term) ?? 0) + weight);
}

/**
 * Each term's postings: the passages holding it and its BM25F frequency in each. They depend on the
 * knowledge and the analyzer alone, so a start-up cache may keep them (see startup/).
 */
export type IndexPostings = {
  /** The vocabulary, each term at its id. */
  terms: readonly string[];
  /** Per term id. */
  lists: readonly Posting[];
};

/** Works out every term's postings over the knowledge's passages. */
export function indexPostings(knowledge: KnowledgeBase, analyzer: Analyzer): IndexPostings {
  const settings = SEARCH_SETTINGS;
  const documentsById = new Map<string, KnowledgeDocument>(knowledge.documents.map((document) => [document.id, document]));
  const passages: Passage[] = knowledge.passages;
  const vocabulary = new Map<string, number>();
  const building: Array<{ passages: number[]; body: number[]; fields: number[] }> = [];
  const lengths = new Float32Array(passages.length);
  const titleTerms = new Map<string, string[]>();

  // The passages of a section come one after another and share its heading: its terms are worked out once.
  let heading: { section: string; terms: string[] } | undefined;
  passages.forEach((passage, passageIndex) => {
    const document = documentsById.get(passage.docId);
    if (!document) throw new Error(`Passage ${passage.id} has no document`);
    let title = titleTerms.get(document.id);
    if (!title) {
      title = analyzer.indexTerms(document.title);
      titleTerms.set(document.id, title);
    }
    if (heading?.section !== passage.section) heading = { section: passage.section, terms: analyzer.indexTerms(passage.section) };
    const body = new Map<string, number>();
    const fields = new Map<string, number>();
    const bodyTerms = analyzer.indexTerms(passage.text);
    countTerms(body, bodyTerms, 1);
    countTerms(fields, heading.terms, settings.headingWeight);
    countTerms(fields, title, settings.titleWeight);
    const post = (term: string) => {
      let termId = vocabulary.get(term);
      if (termId === undefined) {
        termId = building.length;
        vocabulary.set(term, termId);
        building.push({ passages: [], body: [], fields: [] });
      }
      building[termId]!.passages.push(passageIndex);
      building[termId]!.body.push(body.get(term) ?? 0);
      building[termId]!.fields.push(fields.get(term) ?? 0);
    };
    // Every term of the passage once: the body's, then the heading's and title's that the body lacks.
    for (const term of body.keys()) post(term);
    for (const term of fields.keys()) if (!body.has(term)) post(term);
    lengths[passageIndex] = bodyTerms.length;
  });

  const count = passages.length;
  const averageLength = count ? lengths.reduce((sum, value) => sum + value, 0) / count || 1 : 1;
  // Only the body is length-normalised: a heading is shared by every passage under it, so it must
  // not favour the shortest of them.
  const bodyNorm = Float32Array.from(lengths, (length) => 1 - settings.b + (settings.b * length) / averageLength);
  const lists: Posting[] = building.map((entry) => {
    const body = Float32Array.from(entry.body);
    const fields = Float32Array.from(entry.fields);
    return { passages: Int32Array.from(entry.passages), tf: Float64Array.from(entry.passages, (passageIndex, i) => body[i]! / bodyNorm[passageIndex]! + fields[i]!) };
  });
  return { terms: [...vocabulary.keys()], lists };
}

/**
 * An in-memory BM25 index over passages. Heading and title words are counted with extra weight;
 * synonyms are folded by the analyzer on both the passage and the query side.
 */
export function buildSearchIndex(knowledge: KnowledgeBase, analyzer: Analyzer, options: { blockBits?: number } = {}): SearchIndex {
  return searchIndexOver(knowledge, analyzer, indexPostings(knowledge, analyzer), options);
}

/** The index over postings worked out from the same knowledge and analyzer (by `indexPostings`, now or before). */
export function searchIndexOver(knowledge: KnowledgeBase, analyzer: Analyzer, postingsOf: IndexPostings, { blockBits = DEFAULT_BLOCK_BITS } = {}): SearchIndex {
  const settings = SEARCH_SETTINGS;
  const documentsById = new Map<string, KnowledgeDocument>(knowledge.documents.map((document) => [document.id, document]));
  const passages: Passage[] = knowledge.passages;
  const documents = passages.map((passage) => {
    const document = documentsById.get(passage.docId);
    if (!document) throw new Error(`Passage ${passage.id} has no document`);
    return document;
  });
  const vocabulary = new Map(postingsOf.terms.map((term, termId) => [term, termId]));
  const postings = postingsOf.lists;
  const count = passages.length;
  const idfOf = (documentFrequency: number) => Math.log(1 + (count - documentFrequency + 0.5) / (documentFrequency + 0.5));
  const idf = Float64Array.from(postings, (posting) => idfOf(posting.passages.length));
  // A word the index has never seen is the most informative word there could be.
  const unknownIdf = idfOf(0);
  const terms = postingsOf.terms;
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

  // Passages are grouped in blocks of consecutive indexes; per term, each block it occurs in records
  // where its postings there start and the largest contribution share any of them takes there. A
  // search sums those bounds per block and skips every block that cannot reach its `limit`-th best
  // score, so the long posting lists of common words are walked only where they can matter.
  const blockCount = Math.max(1, Math.ceil(count / 2 ** blockBits));
  const blocks: TermBlocks[] = postings.map(({ passages: held, tf }) => {
    const ids: number[] = [];
    const starts: number[] = [];
    const best: number[] = [];
    for (let i = 0; i < held.length; i += 1) {
      const block = held[i]! >> blockBits;
      const saturation = (tf[i]! * K1_PLUS_ONE) / (tf[i]! + K1);
      if (ids[ids.length - 1] !== block) {
        ids.push(block);
        starts.push(i);
        best.push(saturation);
      } else best[best.length - 1] = Math.max(best[best.length - 1]!, saturation);
    }
    starts.push(held.length);
    return { ids: Int32Array.from(ids), starts: Int32Array.from(starts), best: Float64Array.from(best) };
  });
  // Per audience asked for, each passage's factor: 1, or the other audience's (× 1 leaves a score as
  // it is); and per block the largest factor in it, for the block bound.
  const audienceFactors = new Map(
    (['professional', 'patient'] as const).map((asked) => {
      const factors = Float64Array.from(documents, ({ audience }) => (audience !== 'both' && audience !== asked ? settings.otherAudienceFactor : 1));
      const blockFactors = new Float64Array(blockCount);
      factors.forEach((factor, passageIndex) => {
        blockFactors[passageIndex >> blockBits] = Math.max(blockFactors[passageIndex >> blockBits]!, factor);
      });
      return [asked, { factors, blockFactors }];
    }),
  );

  // Reused by every search (a search runs to completion before the next starts).
  const scores = new Float64Array(count);
  const firstListed = new Int32Array(settings.maxQueryTerms + 1);
  const blockTouched = new Int32Array(Math.min(count, 2 ** blockBits));
  const blockBound = new Float64Array(blockCount);
  const blockOrder = new Float64Array(blockCount);
  const blockEntries = new Int32Array((settings.maxQueryTerms + 1) * blockCount);

  function search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = Math.max(0, options.limit ?? 10);
    const wanted = queryTerms(query);
    const known = wanted.filter((term): term is { termId: number; idf: number } => term.termId >= 0);
    const audience = options.audience ? audienceFactors.get(options.audience) : undefined;
    const factors = audience?.factors;

    // Each block's bound: the sum over the query's terms of their best contribution in it.
    // Where each term's postings in a block are listed is noted on the way (entry + 1; 0 for none).
    let candidateBlocks = 0;
    known.forEach(({ termId, idf: termIdf }, term) => {
      const { ids, best } = blocks[termId]!;
      for (let e = 0; e < ids.length; e += 1) {
        const block = ids[e]!;
        if (blockBound[block] === 0) blockOrder[candidateBlocks++] = block;
        blockBound[block]! += termIdf * best[e]!;
        blockEntries[term * blockCount + block] = e + 1;
      }
    });
    // Most promising blocks first, so the `limit`-th best score rises early and most blocks are
    // skipped. The order only steers the work: each skip tests the exact bound.
    for (let c = 0; c < candidateBlocks; c += 1) {
      const block = blockOrder[c]!;
      const bound = blockBound[block]! * (audience ? audience.blockFactors[block]! : 1);
      blockBound[block] = bound;
      blockOrder[c] = -(Math.floor(bound * ORDER_SCALE) * blockCount + block);
    }
    blockOrder.subarray(0, candidateBlocks).sort();

    // The best `limit` passages, best first; equal scores in the order an exhaustive pass would first
    // score them: by the first query term (rarest first) they hold, then by passage.
    const rankedIndex = new Int32Array(limit);
    const rankedScore = new Float64Array(limit);
    const rankedTerm = new Int32Array(limit);
    let size = 0;
    for (let c = 0; c < candidateBlocks; c += 1) {
      const block = -blockOrder[c]! % blockCount;
      const bound = blockBound[block]!;
      blockBound[block] = 0;
      if (limit === 0 || (size === limit && bound * (1 + 1e-9) + 1e-12 < rankedScore[limit - 1]!)) continue;
      // Passages are listed as first scored, term by term, so each term's first listing marks where
      // the passages that hold it as their first query term begin.
      let touchedCount = 0;
      for (let term = 0; term < known.length; term += 1) {
        firstListed[term] = touchedCount;
        const { termId, idf: termIdf } = known[term]!;
        const entry = blockEntries[term * blockCount + block]! - 1;
        if (entry < 0) continue;
        const { starts } = blocks[termId]!;
        const { passages: held, tf: frequencies } = postings[termId]!;
        const end = starts[entry + 1]!;
        for (let i = starts[entry]!; i < end; i += 1) {
          const passageIndex = held[i]!;
          const tf = frequencies[i]!;
          if (scores[passageIndex] === 0) blockTouched[touchedCount++] = passageIndex;
          scores[passageIndex]! += (termIdf * tf * K1_PLUS_ONE) / (tf + K1);
        }
      }
      firstListed[known.length] = touchedCount;
      let term = 0;
      for (let t = 0; t < touchedCount; t += 1) {
        while (t >= firstListed[term + 1]!) term += 1;
        const passageIndex = blockTouched[t]!;
        const score = scores[passageIndex]! * (factors ? factors[passageIndex]! : 1);
        scores[passageIndex] = 0;
        // Most passages fall below the last kept score: that test comes first, without a call.
        if (size === limit && (score < rankedScore[limit - 1]! || !ranksBefore(score, term, passageIndex, rankedScore[limit - 1]!, rankedTerm[limit - 1]!, rankedIndex[limit - 1]!))) continue;
        if (size < limit) size += 1;
        let position = size - 1;
        while (position > 0 && ranksBefore(score, term, passageIndex, rankedScore[position - 1]!, rankedTerm[position - 1]!, rankedIndex[position - 1]!)) {
          rankedIndex[position] = rankedIndex[position - 1]!;
          rankedScore[position] = rankedScore[position - 1]!;
          rankedTerm[position] = rankedTerm[position - 1]!;
          position -= 1;
        }
        rankedIndex[position] = passageIndex;
        rankedScore[position] = score;
        rankedTerm[position] = term;
      }
    }
    known.forEach(({ termId }, term) => {
      for (const block of blocks[termId]!.ids) blockEntries[term * blockCount + block] = 0;
    });
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
