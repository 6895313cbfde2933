// What a regular expression requires of a text must hold in every text it matches: checked on the
// constructs of the pattern language, on every pattern the fact readers are filtered by (against texts
// built from the patterns' own words and against the output corpus), and against patterns it must not read.
import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fingerprintCorpus } from '../../bench/output-fingerprint.js';
import { FACT_READER_PATTERNS } from '../../src/rules/extract-facts.js';
import { holdsIn, type Requirement } from '../../src/text/prefilter.js';
import { regexRequirement } from '../../src/text/regex-literals.js';

const inOrder = (requirement: Requirement) => requirement?.map((conjunction) => conjunction.map((clause) => [...clause].sort()).sort((a, b) => a.join().localeCompare(b.join())));

describe('the strings a regular expression requires', () => {
  it('multiplies out short runs of literals, classes and optional parts', () => {
    expect(inOrder(regexRequirement(/\bcreat(?:inine)?\b/))).toEqual([[['creat']]]);
    expect(inOrder(regexRequirement(/metastas[ie]s/))).toEqual([[['metastases', 'metastasis']]]);
    expect(inOrder(regexRequirement(/\bcdk ?4\/6/))).toEqual([[['cdk 4/6', 'cdk4/6']]]);
    expect(inOrder(regexRequirement(/\d{1,3} ?kg/))).toEqual([[['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], ['kg']]]);
  });

  it('requires one branch of an alternation, each branch apart at the top', () => {
    expect(inOrder(regexRequirement(/\btnbc\b|\btriple[\s-]?negative\b/))).toEqual([[['tnbc']], [['negative'], ['triple']]]);
    expect(inOrder(regexRequirement(/(?:bone|liver)[\s-]mets/))).toEqual([[['bone', 'liver'], ['mets']]]);
  });

  it('requires nothing of assertions, lookarounds, wide classes or back-references', () => {
    expect(inOrder(regexRequirement(/(?<=no )fever(?! free)\b/))).toEqual([[['fever']]]);
    expect(regexRequirement(/\w+ing/)).toEqual([[['ing']]]);
    expect(regexRequirement(/(a|b)\1/)).toEqual([[['a', 'b']]]);
    expect(regexRequirement(/[a-z]+/)).toBeUndefined();
    expect(regexRequirement(/fever|.*/)).toBeUndefined();
    expect(regexRequirement(/x?/)).toBeUndefined();
  });

  it('reads escapes and classes as the characters they stand for', () => {
    expect(inOrder(regexRequirement(/\(\+\)|\u00b5g|\x41/))).toEqual([[['(+)']], [['µg']], [['A']]]);
    expect(inOrder(regexRequirement(/[.\]]x/))).toEqual([[['.x', ']x']]]);
  });

  it('gives no requirement for flags that change what characters match', () => {
    expect(regexRequirement(/fever/i)).toBeUndefined();
    expect(regexRequirement(/fever/u)).toBeUndefined();
    expect(regexRequirement(/fever/g)).toEqual([[['fever']]]);
  });
});

describe('the requirements of the fact readers', () => {
  const requirements = FACT_READER_PATTERNS.map((pattern) => ({ pattern, requirement: regexRequirement(pattern) }));
  // Texts built from the patterns' own words, digits and punctuation, so that they often match.
  const words = [...new Set(FACT_READER_PATTERNS.flatMap((pattern) => pattern.source.match(/[a-z][a-z' ]*[a-z]/g) ?? []))];
  const piece = fc.oneof(fc.constantFrom(...words), fc.constantFrom('1', '2', '3', '12', '1.4', '45', '%', '+', '-', '/', ':', ' ', ', ', '. ', 'mg/dl', 'mmol/l', '3+', 'no ', 'not '));

  it('exist for every pattern: none of them is always run', () => {
    expect(requirements.filter(({ requirement }) => requirement === undefined).map(({ pattern }) => pattern.source)).toEqual([]);
  });

  /** Checks the requirement of every pattern that matches each text; returns how many matches were checked. */
  function checkMatches(texts: Iterable<string>): number {
    let matched = 0;
    for (const text of texts) {
      for (const { pattern, requirement } of requirements) {
        pattern.lastIndex = 0;
        if (!pattern.test(text)) continue;
        pattern.lastIndex = 0;
        matched += 1;
        expect(holdsIn(requirement, text), `/${pattern.source}/ matches "${text}"`).toBe(true);
      }
    }
    return matched;
  }

  it("hold in every text a pattern matches (texts made of the patterns' words)", () => {
    const texts = fc.sample(fc.array(piece, { minLength: 1, maxLength: 12 }), 5000).map((pieces) => pieces.join(' '));
    // Enough matches for the check to mean something.
    expect(checkMatches(texts)).toBeGreaterThan(2000);
  });

  it('hold in every corpus text a pattern matches', () => {
    expect(checkMatches(new Set(fingerprintCorpus().map((item) => item.message.toLowerCase())))).toBeGreaterThan(1000);
  });
});
