import { MAX_CITATION_RANGE } from './thresholds.js';

// One bracket holding numbers, commas and ranges: [1], [1, 2], [1-3], [1–3], [2,4-5].
const MARKER_BODY = String.raw`\d+(?:\s*[-\u2013\u2014]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-\u2013\u2014]\s*\d+)?)*`;
/** A run of markers written together, `[1][2]` or `[1, 2]`, as one group. */
export const CITATION_GROUP = new RegExp(String.raw`(?:\[\s*${MARKER_BODY}\s*\](?!\())+`, 'g');
const SINGLE_MARKER = new RegExp(String.raw`\[\s*(${MARKER_BODY})\s*\]`, 'g');

export type CitationParse = {
  /** Cited numbers in order of first appearance, without duplicates. */
  numbers: number[];
  /** Markers that are not valid ranges (`[3-1]`, `[1-4000]`), as written. */
  malformed: string[];
};

/** Parses every marker in a text, expanding ranges. */
export function parseCitations(text: string): CitationParse {
  const numbers: number[] = [];
  const malformed: string[] = [];
  const add = (n: number) => {
    if (!numbers.includes(n)) numbers.push(n);
  };
  for (const match of text.matchAll(SINGLE_MARKER)) {
    // A markdown link "[12](http://…)" is not a citation.
    if (text[(match.index ?? 0) + match[0].length] === '(') continue;
    for (const part of match[1]!.split(',')) {
      const [from, to] = part.split(/[-\u2013\u2014]/).map((value) => Number.parseInt(value.trim(), 10));
      if (from === undefined || Number.isNaN(from)) continue;
      if (to === undefined) {
        add(from);
      } else if (Number.isNaN(to) || to < from || to - from > MAX_CITATION_RANGE) {
        malformed.push(`[${part.trim()}]`);
      } else {
        for (let n = from; n <= to; n += 1) add(n);
      }
    }
  }
  return { numbers, malformed };
}

/** The numbers a claim cites, in order of first appearance: `[1, 2]`, `[1][2]`, `[1-3]`, `[1–3]`. */
export function extractCitations(claimText: string): number[] {
  return parseCitations(claimText).numbers;
}

/** The text with its citation markers removed (for term and number comparison). */
export function stripCitations(text: string): string {
  return text.replace(CITATION_GROUP, ' ').replace(/\s+([.,;:!?])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}
