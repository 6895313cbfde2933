import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { compileCueLists } from '../../src/question/cue-lists.js';
import { compileCueTest, compileCues, cueRequirement, isAscii } from '../../src/question/cue-pattern.js';
import { normalizeText } from '../../src/text/normalize.js';
import { corpusTextsAndVariants } from '../helpers/corpus-variants.js';

// These checks run every cue or token pattern over the whole triage corpus and knowledge, which grow with
// each batch of phrasings: a correctness check, not a speed one, given room on a loaded machine.
const CORPUS_CHECK_TIMEOUT = 300_000;

const { base } = await loadKnowledge('knowledge');
const guide = base.guide!;

// The cue lists of the bundled guide, each with a name for the failure message.
const cueLists: Array<[string, readonly string[]]> = [
  ['pitfallCues', guide.pitfallCues],
  ['sideEffectCues', guide.sideEffectCues],
  ['contextCues', guide.contextCues],
  ['contextOpeners', guide.contextOpeners],
  ['priorCues', guide.priorCues],
  ['absentCues', guide.absentCues],
  ['caseCues', guide.caseCues],
  ['pointerCues', guide.pointerCues],
  ['lessUrgentCues', guide.lessUrgentCues],
  ['limitationCues', guide.limitationCues],
  ['harmCues', guide.harmCues],
  ['historyCues', guide.scope?.historyCues ?? []],
  ...guide.intents.flatMap((entry): Array<[string, readonly string[]]> => [
    [`${entry.intent} cues`, entry.cues],
    [`${entry.intent} answerCues`, entry.answerCues],
    [`${entry.intent} secondaryCues`, entry.secondaryCues ?? []],
  ]),
];

/** The pattern as it was first written: every whole-word cue between look-arounds of its own. */
function onePerCue(cues: readonly string[]): RegExp {
  const single = (cue: string) => compileCues([cue])!.source;
  return new RegExp(cues.map(single).join('|'), 'gu');
}

const spans = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((match) => `${match.index}:${match[0]}`);

describe('cue patterns with shared look-arounds', () => {
  it('match exactly what one look-around pair per cue matches, span for span, on the corpus and the knowledge', { timeout: CORPUS_CHECK_TIMEOUT }, () => {
    const { texts: corpus } = corpusTextsAndVariants();
    const texts = [...corpus, ...base.passages.flatMap((passage) => [passage.text, passage.section])].flatMap((text) => [text, normalizeText(text)]);
    let compared = 0;
    for (const [name, cues] of cueLists) {
      if (cues.length === 0) continue;
      const shared = new RegExp(compileCues(cues)!.source, 'gu');
      const reference = onePerCue(cues);
      // A whole-word cue list must really share: otherwise this test compares a pattern with itself.
      if (cues.filter((cue) => /^[\p{L}\p{N}]/u.test(cue)).length > 1) expect(shared.source.length, name).toBeLessThan(reference.source.length);
      for (const text of texts) {
        const found = spans(shared, text);
        const expected = spans(reference, text);
        if (found.join('|') !== expected.join('|')) expect({ name, text, found }).toEqual({ name, text, found: expected });
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(50_000);
  });

  it('keeps the order of the cues where a symbol or a quantity cue stands between whole-word ones', () => {
    const cues = ['every', '%', 'every 4 weeks', '{quantity}', 'daily'];
    const text = 'every 4 weeks, 29.5% daily, 120 mg';
    // "every" comes first in the list, so it wins over "every 4 weeks" at the same place.
    expect(spans(new RegExp(compileCues(cues)!.source, 'gu'), text)).toEqual(['0:every', '19:%', '21:daily', '28:120 mg']);
    expect(spans(new RegExp(compileCues(cues)!.source, 'gu'), text)).toEqual(spans(onePerCue(cues), text));
    expect(spans(new RegExp(compileCues(['every 4 weeks', '%', 'every'])!.source, 'gu'), 'every 4 weeks')).toEqual(['0:every 4 weeks']);
  });
});

describe('cue testers', () => {
  const testers = cueLists.filter(([, cues]) => cues.length > 0).map(([name, cues]) => {
    const test = compileCueTest(cues)!;
    return { name, pattern: compileCues(cues)!, holds: (text: string) => test(text, isAscii(text)) };
  });

  it('say what the pattern says on the corpus and the knowledge, plain, normalised and shouted', { timeout: CORPUS_CHECK_TIMEOUT }, () => {
    const { texts: corpus } = corpusTextsAndVariants();
    const texts = [...corpus, ...base.passages.flatMap((passage) => [passage.text, passage.section])].flatMap((text) => [text, normalizeText(text), text.toUpperCase()]);
    let compared = 0;
    let held = 0;
    for (const { name, pattern, holds } of testers) {
      for (const text of texts) {
        const expected = pattern.test(text);
        if (holds(text) !== expected) expect({ name, text, holds: holds(text) }).toEqual({ name, text, holds: expected });
        compared += 1;
        if (expected) held += 1;
      }
    }
    expect(compared).toBeGreaterThan(100_000);
    // Both answers are given often: the comparison is not of testers that always say no.
    expect(held).toBeGreaterThan(compared / 50);
  });

  it('read a cue touching a letter that is not ASCII as the pattern does (no whole word there)', () => {
    const test = compileCueTest(['dose*', 'every', '{quantity}'])!;
    const dose = (text: string) => test(text, isAscii(text));
    expect(dose('the dose is')).toBe(true);
    expect(dose('édose')).toBe(false);
    expect(dose('everyé')).toBe(false);
    expect(dose('doseé')).toBe(true);
    expect(dose('µg every')).toBe(true);
    expect(dose('4µg')).toBe(true);
    expect(dose('4 µg')).toBe(true);
    expect(compileCueTest([])).toBeUndefined();
    expect([isAscii('dose every 4 weeks'), isAscii('4 µg'), isAscii('\u2212')]).toEqual([true, false, false]);
  });

  it('agree with the pattern on generated text mixing cue words, ASCII and other letters, digits and symbols', () => {
    const words = [...new Set(cueLists.flatMap(([, cues]) => cues).flatMap((cue) => cue.split(/\s+/)).filter((word) => word !== '*'))];
    const piece = fc.oneof(
      fc.constantFrom(...words),
      fc.constantFrom(' ', '  ', '-', '%', '.', ',', '4', '120 mg', '8 gy', 'é', 'ß', 'µ', 'Ω', '\u2212', 'ﬁ', 'x', 'Z', '_', '9'),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 10 }), fc.nat(testers.length - 1), (pieces, which) => {
        const { pattern, holds } = testers[which]!;
        for (const text of [pieces.join(''), pieces.join(' ')]) expect(holds(text)).toBe(pattern.test(text));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('cue lists read together', () => {
  const lists = cueLists.map(([, cues]) => cues);
  const together = compileCueLists(lists);
  const patterns = lists.map((cues) => compileCues(cues));

  it('say what each list\'s pattern says, on the corpus and the knowledge, plain and normalised', { timeout: CORPUS_CHECK_TIMEOUT }, () => {
    const { texts: corpus } = corpusTextsAndVariants();
    const texts = [...corpus, ...base.passages.flatMap((passage) => [passage.text, passage.section])].flatMap((text) => [text, normalizeText(text)]);
    let held = 0;
    for (const text of texts) {
      const holds = together.read(text);
      lists.forEach((_cues, list) => {
        const expected = patterns[list]?.test(text) ?? false;
        if (holds(list) !== expected) expect({ list: cueLists[list]![0], text, holds: holds(list) }).toEqual({ list: cueLists[list]![0], text, holds: expected });
        if (expected) held += 1;
      });
    }
    expect(held).toBeGreaterThan(10_000);
  });

  it('agree with the patterns on generated text made of the cues\' words, stems and symbols', () => {
    const words = [...new Set(lists.flat().flatMap((cue) => cue.split(/\s+/)).filter((word) => word !== '*'))];
    const piece = fc.oneof(fc.constantFrom(...words), fc.constantFrom(...words.map((word) => word.replace(/\*$/, 'ing'))), fc.constantFrom(' ', '-', '%', '4 mg', '12', 'é', 'x', '.'));
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        for (const text of [pieces.join(' '), pieces.join('')]) {
          const holds = together.read(text);
          lists.forEach((_cues, list) => expect(holds(list)).toBe(patterns[list]?.test(text) ?? false));
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('require the words of some cue of the list, so most lists are not tried on most texts', () => {
    expect(cueRequirement(['how is * given', 'infus*', '{quantity}'])).toEqual([[['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'infus']], [['how'], ['is'], ['given']]]);
    expect(cueRequirement(['*'])).toBeUndefined();
    expect(lists.filter((cues) => cues.length > 0 && cueRequirement(cues) === undefined)).toEqual([]);
  });
});
