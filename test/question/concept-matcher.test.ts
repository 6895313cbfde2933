import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/question/concept-matcher.js';
import { corpusTextsAndVariants } from '../helpers/corpus-variants.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

// These checks run every cue or token pattern over the whole triage corpus and knowledge, which grow with
// each batch of phrasings: a correctness check, not a speed one, given room on a loaded machine.
const CORPUS_CHECK_TIMEOUT = 300_000;

const { tools, knowledge } = await servicesFor(PACK_KNOWLEDGE);
const { matcher } = tools;
const names = (text: string) => matcher.find(text).map((match) => match.concept.name);

describe('concept matcher over the knowledge vocabulary', () => {
  it('takes the longest term at each place, synonyms and brand names included', () => {
    expect(names('trastuzumab deruxtecan after trastuzumab')).toEqual(['trastuzumab deruxtecan', 'trastuzumab']);
    expect(names('Xgeva or Zometa for HER2-low disease')).toEqual(['denosumab', 'zoledronic acid', 'HER2-low']);
    expect(names('HR+/HER2- MBC')).toEqual(['hormone receptor-positive', 'metastatic breast cancer']);
  });

  it('reads "A&E" whole, and a lone "e" as no place', () => {
    expect(matcher.find('when to send to A&E?')).toMatchObject([{ concept: { name: 'emergency department' }, surface: 'A&E' }]);
    expect(names('is vitamin E ok, e.g. in tablets?')).not.toContain('emergency department');
  });

  it('gives each match the words the user wrote and where they are', () => {
    const [match] = matcher.find('Is Zometa safe?');
    expect(match).toMatchObject({ surface: 'Zometa', start: 3, end: 9 });
  });

  it('reads word forms and possessives the way the term is written', () => {
    expect(names('Why was my bone biopsied?')).toContain('biopsy');
    expect(names("My sister's cancer has gone to her bones")).toContain('bone metastases');
    expect(names('bisphosphonates')).toEqual(['bisphosphonate']);
  });

  it('corrects a misspelt long word to the term it is one or two edits from', () => {
    expect(names('denosumub dose')).toEqual(['denosumab']);
    expect(names('zolendronic acid')).toEqual(['zoledronic acid']);
  });

  it('does not "correct" short words or words the knowledge itself uses into other concepts', () => {
    // "fibrillation" is one edit from "febrile" once stemmed; "of" must not become OFS. Atrial
    // fibrillation is a concept of its own (named to say it is not covered), never a fever; anticoagulants are a class of their own.
    expect(names('How should atrial fibrillation be anticoagulated?')).toEqual(['atrial fibrillation', 'anticoagulant']);
    expect(names('the first-line treatment for each subtype of metastatic breast cancer')).not.toContain('ovarian function suppression');
  });

  it('knows which concepts are within which', () => {
    expect([...matcher.broader('zoledronic acid')]).toEqual(expect.arrayContaining(['bone-modifying agent', 'bisphosphonate']));
    expect([...matcher.narrower('CDK4/6 inhibitor')]).toEqual(expect.arrayContaining(['palbociclib', 'ribociclib', 'abemaciclib']));
    expect(matcher.narrower('denosumab').has('zoledronic acid')).toBe(false);
  });
});

describe('tokenize', () => {
  // As first written: the Unicode pattern over every text, read with matchAll.
  const TOKEN = /[\p{L}\p{N}]+(?:\+|[-\u2212\u2013\u2012](?![\p{L}\p{N}]))?/gu;
  const SKIPPED = new Set(['the', 'a', 'an', 'my', 'her', 'his', 'their', 'your', 'our', 'its']);
  const reference = (text: string) =>
    [...lowerInPlace(text).matchAll(TOKEN)]
      .filter((match) => !SKIPPED.has(match[0]) || lowerInPlace(text)[match.index + match[0].length] === '&')
      .map((match) => `${match.index}:${match.index + match[0].length}:${match[0]}`);
  // The reference keeps the surface word; tokenize folds it, so both are compared by place and surface.
  const tokens = (text: string) => tokenize(text).map((token) => `${token.start}:${token.end}:${lowerInPlace(text).slice(token.start, token.end)}`);
  function lowerInPlace(text: string): string {
    let out = '';
    for (const character of text) {
      const lower = character.toLowerCase();
      out += lower.length === character.length ? lower : character;
    }
    return out;
  }

  it('finds the tokens the Unicode pattern finds, in the knowledge and in the corpus, plain and shouted', { timeout: CORPUS_CHECK_TIMEOUT }, () => {
    const { texts: corpus } = corpusTextsAndVariants();
    const texts = [...corpus, ...knowledge.passages.flatMap((passage) => [passage.text, passage.section])].flatMap((text) => [text, text.toUpperCase()]);
    for (const text of texts) {
      const found = tokens(text);
      const expected = reference(text);
      if (found.join('|') !== expected.join('|')) expect({ text, found }).toEqual({ text, found: expected });
    }
    expect(texts.length).toBeGreaterThan(5_000);
  });

  it('finds them in generated text mixing ASCII and other letters, digits, signs and dashes', () => {
    const piece = fc.constantFrom('her2', 'HER2', 'er', '+', '-', '\u2212', '\u2013', '\u2012', ' ', 'é', 'ß', 'İ', '\u212a', 'ﬁ', '4', 'x', 'Z', '_', 'the', 'a', '&', '/', '.');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(tokens(text)).toEqual(reference(text));
      }),
      { numRuns: 5_000 },
    );
  });
});
