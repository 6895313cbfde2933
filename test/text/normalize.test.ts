import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { nfkc, normalizeText } from '../../src/text/normalize.js';

/** The normalisation as first written, with no shortcut for plain ASCII. */
const fullPath = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2212\u2012\u2013\u2014\u2010\u2011]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');

describe('text normalisation', () => {
  it('lower-cases and folds dashes, minus signs, quotes and compatibility forms', () => {
    expect(normalizeText('HER2\u2212 and \u201cER+\u201d \u2013 it\u2019s ＡＢＣ \ufb01ne')).toBe('her2- and "er+" - it\'s abc fine');
    expect(normalizeText('Denosumab 120 MG')).toBe('denosumab 120 mg');
    expect(nfkc('ＡＢＣ ﬁ')).toBe('ABC fi');
    expect(nfkc('Plain ASCII')).toBe('Plain ASCII');
  });

  // ASCII letters and symbols beside the characters that NFKC or the folding change.
  const character = fc.oneof(fc.constantFrom('A', 'z', '1', '-', '"', "'", ' ', '\u2212', '\u2013', '\u2019', '\u201c', '\ufb01', 'Ａ', 'İ', 'é', 'e\u0301'), fc.string({ maxLength: 1 }));
  test.prop([fc.array(character, { maxLength: 40 }).map((parts) => parts.join(''))], { numRuns: 1000 })('gives what the full path gives, ASCII or not', (text) => {
    expect(normalizeText(text)).toBe(fullPath(text));
    expect(nfkc(text)).toBe(text.normalize('NFKC'));
  });
});
