import { fingerprintCorpus } from '../../bench/output-fingerprint.js';

/**
 * Every distinct text of the output corpus, then four variants of each: shouted, cut, joined to another
 * text, and with letters dropped (misspellings). Prefilters must change nothing on any of them.
 */
export function corpusTextsAndVariants(): { texts: string[]; all: string[] } {
  const texts = [...new Set(fingerprintCorpus().map((item) => item.message))];
  const variants = texts.flatMap((text, index) => [
    text.toUpperCase(),
    text.slice(Math.floor(text.length / 3)),
    `${text} ${texts[(index * 7919) % texts.length]}`,
    text.replace(/[aeiou]/g, (vowel, at: number) => (at % 7 === 0 ? '' : vowel)),
  ]);
  return { texts, all: [...texts, ...variants] };
}
