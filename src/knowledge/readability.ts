import { syllable } from 'syllable';
import { boundedMemo } from '../text/bounded-memo.js';
import { splitSentences } from '../text/sentences.js';

type Counts = { sentences: number; words: number; syllables: number };

// Patient answers are graded as they are planned, over and over, from the same knowledge sentences:
// the counts of a block are kept.
const countsOf = boundedMemo(countBlock, 20_000);

function countBlock(block: string): Counts {
  const counts: Counts = { sentences: 0, words: 0, syllables: 0 };
  for (const sentence of splitSentences(block.replace(/\[[\d,\s\u2013-]+\]/g, ''))) {
    const sentenceWords = sentence.match(/[A-Za-z][A-Za-z'-]*|\d+(?:\.\d+)?/g) ?? [];
    if (sentenceWords.length === 0) continue;
    counts.sentences += 1;
    counts.words += sentenceWords.length;
    for (const word of sentenceWords) counts.syllables += /^\d/.test(word) ? 1 : Math.max(1, syllable(word));
  }
  return counts;
}

/**
 * Flesch-Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
 * Each bullet or paragraph passed in is at least one sentence, whether or not it ends with a stop.
 */
export function fleschKincaidGrade(blocks: readonly string[]): number {
  let sentences = 0;
  let words = 0;
  let syllables = 0;
  for (const block of blocks) {
    const counts = countsOf(block);
    sentences += counts.sentences;
    words += counts.words;
    syllables += counts.syllables;
  }
  if (words === 0) return 0;
  return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
}
