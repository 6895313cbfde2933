import { allMatches } from './all-matches.js';

// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'vs', 'et al', 'al', 'dr', 'approx', 'fig', 'cf', 'etc']);

// A sentence's end: its stop, any citation markers after it, and the space before a capital or digit.
const BOUNDARY = /([.!?])(\s*(?:\[[\d,\s\u2013-]+\])*)\s+(?=["'(]?[A-Z0-9])/g;
const LAST_WORD = /([a-z.]+)$/;

/** Splits prose into sentences, keeping each sentence's text exactly as written (trimmed). */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of allMatches(text, BOUNDARY)) {
    const end = (match.index ?? 0) + match[1]!.length + (match[2]?.length ?? 0);
    const before = text.slice(start, (match.index ?? 0)).toLowerCase();
    const lastWord = before.match(LAST_WORD)?.[1] ?? '';
    if (match[1] === '.' && (ABBREVIATIONS.has(lastWord) || ABBREVIATIONS.has(lastWord.replace(/^.*\s/, '')))) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

