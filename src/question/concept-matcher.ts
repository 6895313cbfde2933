import { stemmer } from 'stemmer';
import type { Concept } from '../domain/types.js';
import { boundedEditDistance } from '../retrieval/edit-distance.js';
import { boundedMemo } from '../text/bounded-memo.js';
import { nfkc } from '../text/normalize.js';

/** A concept found in a text: `start`/`end` are offsets in the text as given (after NFKC). */
export type ConceptMatch = { concept: Concept; surface: string; start: number; end: number };

export type ConceptMatcher = {
  /** The concepts a text names, longest match first, without overlaps, in reading order. */
  find(text: string): ConceptMatch[];
  get(name: string): Concept | undefined;
  /** The concept's name and the names of every concept within it, directly or not. */
  narrower(name: string): ReadonlySet<string>;
  /** The names of every concept the concept is within, directly or not. */
  broader(name: string): ReadonlySet<string>;
};

type Token = { word: string; start: number; end: number };
type TrieNode = { children: Map<string, TrieNode>; concept?: Concept };

// A word, with a trailing "+" or a trailing minus sign that is not a hyphen ("HER2+", "HER2-", "ER+").
const TOKEN = /[\p{L}\p{N}]+(?:\+|[-\u2212\u2013\u2012](?![\p{L}\p{N}]))?/gu;
// The same tokens in ASCII text (its only letters and digits are these, its only minus sign "-"),
// found well over twice as fast: every knowledge sentence is read with it at start-up.
const ASCII_TOKEN = /[A-Za-z0-9]+(?:\+|-(?![A-Za-z0-9]))?/g;

/** Word forms folded together: "bisphosphonates", "biopsied" and "biopsy" meet their term. */
const fold = boundedMemo(foldWord, 20_000);

function foldWord(word: string): string {
  const plain = word.replace(/[\u2212\u2013\u2012]$/, '-');
  let folded = plain;
  // Short words are mostly abbreviations ("OFS", "SINS"): stemming would turn them into other words.
  if (/^[a-z]+$/.test(plain)) folded = plain.length >= 5 ? stemmer(plain) : plain.length === 4 && plain.endsWith('s') && !plain.endsWith('ss') ? plain.slice(0, -1) : plain;
  return folded;
}

const NON_ASCII = /[^\x00-\x7f]/;

// Words that may sit inside a term as a user writes it and change nothing: "spread to her bones"
// names the same thing as "spread to the bones".
const SKIPPED = new Set(['the', 'a', 'an', 'my', 'her', 'his', 'their', 'your', 'our', 'its']);

/** Lower case without changing any offset (a character whose lower case is longer keeps its case). */
function lowerInPlace(text: string): string {
  // No ASCII letter's lower case is longer: plain ASCII is lower-cased whole.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (const character of text) {
    const lower = character.toLowerCase();
    out += lower.length === character.length ? lower : character;
  }
  return out;
}

export function tokenize(text: string): Token[] {
  const lower = lowerInPlace(text);
  const tokens: Token[] = [];
  // exec on a module pattern, not matchAll (which copies the pattern on every call); nothing else reads it meanwhile.
  const pattern = NON_ASCII.test(lower) ? TOKEN : ASCII_TOKEN;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(lower); match; match = pattern.exec(lower)) {
    const start = match.index;
    // …but the "A" of "A&E" is a letter of the name, not an article.
    if (SKIPPED.has(match[0]) && lower[start + match[0].length] !== '&') continue;
    tokens.push({ word: fold(match[0]), start, end: start + match[0].length });
  }
  return tokens;
}

// Only longer words are corrected: short stems have too many neighbours ("fibril" is one edit from "febril").
const FUZZY_MIN_LENGTH = 7;
const CACHE_LIMIT = 5_000;

function fuzzyLimit(word: string): number {
  return word.length >= 10 ? 2 : 1;
}

/**
 * A dictionary matcher over the knowledge's typed concepts (the MetaMap/QuickUMLS approach at the
 * scale of one pack): terms become token sequences in a trie; a question is scanned left to right
 * taking the longest term at each position. A word the knowledge never uses may match a term's word
 * within a small edit distance, so "zolendronic acid" and "denosumub" are still recognised.
 */
export function createConceptMatcher(concepts: readonly Concept[], knownWords: ReadonlySet<string>): ConceptMatcher {
  const root: TrieNode = { children: new Map() };
  const byName = new Map<string, Concept>();
  for (const concept of concepts) {
    byName.set(concept.name.toLowerCase(), concept);
    for (const term of concept.terms) {
      const words = tokenize(term.normalize('NFKC')).map((token) => token.word);
      if (words.length === 0) continue;
      let node = root;
      for (const word of words) {
        let child = node.children.get(word);
        if (!child) {
          child = { children: new Map() };
          node.children.set(word, child);
        }
        node = child;
      }
      // The first concept to claim a term keeps it.
      node.concept ??= concept;
    }
  }

  const known = new Set([...knownWords].map(fold));
  const fuzzyCache = new Map<string, string | null>();

  /** The trie word a misspelled word stands for at this node, if exactly one is close enough. */
  function closeChild(node: TrieNode, word: string): TrieNode | undefined {
    if (word.length < FUZZY_MIN_LENGTH || known.has(word) || /\d/.test(word)) return undefined;
    const cacheKey = node === root ? word : undefined;
    if (cacheKey !== undefined && fuzzyCache.has(cacheKey)) {
      const cached = fuzzyCache.get(cacheKey);
      return cached ? node.children.get(cached) : undefined;
    }
    const limit = fuzzyLimit(word);
    let best: string | null = null;
    let bestDistance = limit + 1;
    for (const candidate of node.children.keys()) {
      if (candidate.length < FUZZY_MIN_LENGTH || Math.abs(candidate.length - word.length) > limit || candidate[0] !== word[0]) continue;
      const distance = boundedEditDistance(word, candidate, limit);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    if (cacheKey !== undefined) {
      if (fuzzyCache.size > CACHE_LIMIT) fuzzyCache.clear();
      fuzzyCache.set(cacheKey, best);
    }
    return best ? node.children.get(best) : undefined;
  }

  function find(text: string): ConceptMatch[] {
    const source = nfkc(text);
    const tokens = tokenize(source);
    const matches: ConceptMatch[] = [];
    let index = 0;
    while (index < tokens.length) {
      let node: TrieNode | undefined = root;
      let found: { concept: Concept; last: number } | undefined;
      for (let position = index; position < tokens.length && node; position += 1) {
        const word = tokens[position]!.word;
        node = node.children.get(word) ?? closeChild(node, word);
        if (node?.concept) found = { concept: node.concept, last: position };
      }
      if (found) {
        const start = tokens[index]!.start;
        const end = tokens[found.last]!.end;
        matches.push({ concept: found.concept, surface: source.slice(start, end), start, end });
        index = found.last + 1;
      } else {
        index += 1;
      }
    }
    return matches;
  }

  const narrowerCache = new Map<string, Set<string>>();
  const broaderCache = new Map<string, Set<string>>();
  // Planning asks for the same concept names (as written) thousands of times a question: each is
  // looked up as given first, so its lower case is not made again on every call.
  const byWrittenName = new Map<string, Concept | undefined>();
  for (const concept of concepts) byWrittenName.set(concept.name, byName.get(concept.name.toLowerCase()));
  for (const [key, concept] of byName) byWrittenName.set(key, concept);
  const get = (name: string): Concept | undefined => (byWrittenName.has(name) ? byWrittenName.get(name) : byName.get(name.toLowerCase()));
  /** A lookup kept by the name as written when it is a known name, so a known name is not lower-cased again. */
  function byWritten(lookup: (name: string) => Set<string>): (name: string) => ReadonlySet<string> {
    const written = new Map<string, Set<string>>();
    return (name) => {
      const known = written.get(name);
      if (known) return known;
      const result = lookup(name);
      if (byWrittenName.has(name)) written.set(name, result);
      return result;
    };
  }
  const broader = byWritten(broaderOf);
  const narrower = byWritten(narrowerOf);

  function broaderOf(name: string): Set<string> {
    const key = name.toLowerCase();
    const cached = broaderCache.get(key);
    if (cached) return cached;
    const result = new Set<string>();
    const queue = [...(byName.get(key)?.within ?? [])];
    while (queue.length > 0) {
      const parent = byName.get(queue.shift()!.toLowerCase());
      if (!parent || result.has(parent.name)) continue;
      result.add(parent.name);
      queue.push(...parent.within);
    }
    broaderCache.set(key, result);
    return result;
  }

  function narrowerOf(name: string): Set<string> {
    const key = name.toLowerCase();
    const cached = narrowerCache.get(key);
    if (cached) return cached;
    const concept = byName.get(key);
    const result = new Set<string>(concept ? [concept.name] : []);
    if (concept) for (const other of concepts) if (broader(other.name).has(concept.name)) result.add(other.name);
    narrowerCache.set(key, result);
    return result;
  }

  return { find, get, narrower, broader };
}
