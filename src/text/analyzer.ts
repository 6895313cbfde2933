import { stemmer } from 'stemmer';
import type { SynonymGroup } from '../domain/types.js';
import { boundedMemo } from './bounded-memo.js';
import { normalizeText } from './normalize.js';
import { STOP_WORDS } from './stop-words.js';
import { escapeRegExp } from './escape-reg-exp.js';

export type Analyzer = {
  /** Content terms with every synonym phrase folded into one canonical term (for comparing meaning). */
  terms(text: string): string[];
  /** Folded terms plus the surface words of folded phrases (for search, so misspellings still meet a word). */
  indexTerms(text: string): string[];
};

const SYNONYM_PREFIX = 'syn_';
const WORD = /[a-z0-9_]+/g;

function canonicalToken(group: SynonymGroup): string {
  const head = normalizeText(group[0] ?? '').match(WORD)?.join('_') ?? '';
  return SYNONYM_PREFIX + head;
}

// Every question is stemmed word by word, mostly with words seen before: stems are kept.
const stem = boundedMemo(stemmer, 50_000);

function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const word of text.match(WORD) ?? []) {
    if (word.startsWith(SYNONYM_PREFIX)) {
      out.push(word);
    } else if (!STOP_WORDS.has(word) && (word.length > 1 || /\d/.test(word))) {
      out.push(stem(word));
    }
  }
  return out;
}

export function createAnalyzer(synonyms: readonly SynonymGroup[]): Analyzer {
  const canonicalByTerm = new Map<string, string>();
  for (const group of synonyms) {
    const canonical = canonicalToken(group);
    for (const term of group) {
      const key = normalizeText(term).trim();
      if (key) canonicalByTerm.set(key, canonical);
    }
  }
  // Longest first so "her2-negative" wins over "her2"; the look-arounds stop "er+" matching inside "her2+".
  const alternatives = [...canonicalByTerm.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const phrase = alternatives.length
    ? new RegExp(`(?<![a-z0-9])(?:${alternatives.join('|')})(?![a-z0-9])`, 'g')
    : null;

  function fold(text: string, keepSurface: boolean): string {
    const normalized = normalizeText(text);
    if (!phrase) return normalized;
    return normalized.replace(phrase, (match) => {
      const canonical = canonicalByTerm.get(match) ?? match;
      return keepSurface ? ` ${canonical} ${match} ` : ` ${canonical} `;
    });
  }

  return {
    terms: (text) => contentWords(fold(text, false)),
    indexTerms: (text) => contentWords(fold(text, true)),
  };
}
