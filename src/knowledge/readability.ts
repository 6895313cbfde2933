import { syllable } from 'syllable';
import { splitSentences } from '../text/sentences.js';

/**
 * Flesch-Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
 * Each bullet or paragraph passed in is at least one sentence, whether or not it ends with a stop.
 */
export function fleschKincaidGrade(blocks: readonly string[]): number {
  let sentences = 0;
  let words = 0;
  let syllables = 0;
  for (const block of blocks) {
    for (const sentence of splitSentences(block.replace(/\[[\d,\s\u2013-]+\]/g, ''))) {
      const sentenceWords = sentence.match(/[A-Za-z][A-Za-z'-]*|\d+(?:\.\d+)?/g) ?? [];
      if (sentenceWords.length === 0) continue;
      sentences += 1;
      words += sentenceWords.length;
      for (const word of sentenceWords) syllables += /^\d/.test(word) ? 1 : Math.max(1, syllable(word));
    }
  }
  if (words === 0) return 0;
  return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
}
