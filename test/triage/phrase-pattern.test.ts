import { describe, expect, it } from 'vitest';
import { compilePhrases, hasUnboundedRepetition, PhraseError, phraseSource, phraseWords, prepareForPhrases } from '../../src/triage/phrase-pattern.js';

const TERMS = new Map<string, string[]>([
  ['legs', ['leg', 'legs', 'lower limbs']],
  ['det', ['my', 'her', 'his']],
  ['loop', ['{loop}']],
]);

function matches(templates: string[], text: string): string[] {
  const pattern = compilePhrases(templates, TERMS);
  return [...prepareForPhrases(text).matchAll(pattern)].map((match) => match[0].trim());
}

describe('the phrase language', () => {
  it('matches words, a|b choices and terms, whole words only', () => {
    expect(matches(['weak {legs}'], 'My weak legs hurt')).toEqual(['weak legs']);
    expect(matches(['weak {legs}'], 'weak lower limbs')).toEqual(['weak lower limbs']);
    expect(matches(["can't walk|stand"], "I can't stand")).toEqual(["can't stand"]);
    expect(matches(['weak {legs}'], 'weaklegs')).toEqual([]);
    expect(matches(['leg'], 'legs')).toEqual([]);
  });

  it('matches longer forms with word*, and optional words with ?', () => {
    expect(matches(['weak* in {det?} {legs}'], 'weakness in my legs')).toEqual(['weakness in my legs']);
    expect(matches(['weak* in {det?} {legs}'], 'weak in legs')).toEqual(['weak in legs']);
    expect(matches(['very? weak'], 'very weak')).toEqual(['very weak']);
  });

  it('allows up to N words for ~N, never across a sentence end', () => {
    expect(matches(['back ~2 at night'], 'back hurts badly at night')).toEqual(['back hurts badly at night']);
    expect(matches(['back ~2 at night'], 'back hurts really badly at night')).toEqual([]);
    expect(matches(['back ~3 at night'], 'my back. at night')).toEqual([]);
  });

  it('matches a (…|…) group of phrases and excludes a next word with !', () => {
    expect(matches(['numb below (belly button|waist)'], 'numb below belly button')).toEqual(['numb below belly button']);
    expect(matches(['numb below (belly button|waist)'], 'numb below waist')).toEqual(['numb below waist']);
    expect(matches(['confused !about|by'], 'I am confused')).toEqual(['confused']);
    expect(matches(['confused !about|by'], 'I am confused about the dose')).toEqual([]);
  });

  it('matches digits with #, and keeps a decimal point inside a number', () => {
    expect(matches(['in 20##'], 'I broke it in 2019.')).toEqual(['in 2019']);
    expect(prepareForPhrases('Temp 38.5. Band-like pain!')).toBe(' temp 38.5 . band like pain ! ');
  });

  it.each([
    ['', 'is empty'],
    ['Weak legs', 'must be lower case'],
    ['~2 legs', 'must sit between two words'],
    ['legs ~9 weak', 'must allow 1 to 6 words'],
    ['{unknown} legs', 'not a defined term'],
    ['legs very?', ''],
    ['very?', 'needs at least one word that is not optional'],
    ['legs [weak]', 'is not a word'],
    ['numb (below waist', 'never closes'],
    ['{loop}', 'nest deeper'],
    ['!not legs', 'must follow a word'],
  ])('rejects "%s" (%s)', (template, reason) => {
    if (template === 'legs very?') {
      expect(() => phraseSource(template, TERMS)).not.toThrow();
      return;
    }
    expect(() => phraseSource(template, TERMS)).toThrow(PhraseError);
    expect(() => phraseSource(template, TERMS)).toThrow(reason);
  });

  it('spells out what a phrase can say, terms and groups included', () => {
    expect(phraseWords("{det?} legs aren't|don't (work|hold up) !now", TERMS)).toBe("my her his legs aren't don't work hold up ");
  });
});

describe('compiling a list of phrases', () => {
  it('shares one copy of a term that opens several phrases, in the list and inside a term, matching as before', () => {
    const terms = new Map([
      ['legs', ['leg', 'legs']],
      ['leg-trouble', ['{legs} ~2 weak', '{legs} ~2 numb', 'cannot walk']],
    ]);
    const list = compilePhrases(['{legs} ~2 weak', '{legs} ~2 numb', 'cannot walk'], terms);
    const nested = compilePhrases(['{leg-trouble}'], terms);
    for (const pattern of [list, nested]) {
      expect(pattern.source.split('(?:leg |legs )').length - 1).toBe(1);
      const test = (text: string) => new RegExp(pattern.source).test(prepareForPhrases(text));
      expect(test('my legs are weak')).toBe(true);
      expect(test('leg is numb')).toBe(true);
      expect(test('i cannot walk')).toBe(true);
      expect(test('my arms are weak')).toBe(false);
    }
  });
});

describe('linear-time matching', () => {
  it('compiles phrases with bounded repetition only', () => {
    const source = compilePhrases(['weak* in {det?} {legs} ~3 at night', 'numb (below|under) waist'], TERMS).source;
    expect(hasUnboundedRepetition(source)).toBe(false);
  });

  it('recognises unbounded repetition', () => {
    expect(hasUnboundedRepetition('a+b')).toBe(true);
    expect(hasUnboundedRepetition('(?:ab)*')).toBe(true);
    expect(hasUnboundedRepetition('a{2,}')).toBe(true);
    expect(hasUnboundedRepetition('[a*+]{0,3}\\*\\+')).toBe(false);
  });
});
