// The trigger words of a sign must never let triage skip a sign whose phrases would match: checked on
// the phrase language's constructs, on texts generated from every phrase of the bundled data (each
// one matched by the compiled pattern), and on the whole output corpus and variants of it, where
// triage with the prefilter must say exactly what it says without.
import { readdirSync, readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { corpusTextsAndVariants } from '../helpers/corpus-variants.js';
import { inspectKnowledge } from '../../src/knowledge/load-knowledge.js';
import { loadTriage, triageDirOf } from '../../src/triage/load-triage.js';
import { compilePhrases, prepareForPhrases, readToken, TERM, tokenize, type Terms } from '../../src/triage/phrase-pattern.js';
import { holdsIn, type Requirement } from '../../src/text/prefilter.js';
import { phraseTriggers } from '../../src/triage/phrase-triggers.js';
import type { Triage } from '../../src/triage/triage.js';

/** A requirement in a fixed order, to compare with an expected one. */
const inOrder = (requirement: Requirement) =>
  requirement?.map((conjunction) => conjunction.map((clause) => [...clause].sort()).sort((a, b) => a.join().localeCompare(b.join()))).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const triggersOf = (phrases: string[]) => inOrder(phraseTriggers(phrases, TERMS));

const TERMS: Terms = new Map([
  ['legs', ['leg', 'legs', 'lower limbs']],
  ['det', ['my', 'her']],
  ['weak-legs', ['weak {legs}', '{legs} ~2 weak*']],
]);

describe('trigger words of the phrase language', () => {
  it('requires a word whole, a word* as a prefix, and what comes before a digit', () => {
    expect(triggersOf(['numbness'])).toEqual([[[' numbness ']]]);
    expect(triggersOf(['weak*'])).toEqual([[[' weak']]]);
    expect(triggersOf(['in 20##'])).toEqual([[[' 20'], [' in ']]]);
    // A word made only of digits gives nothing to look for: the phrase's other word is required.
    expect(triggersOf(['## weeks'])).toEqual([[[' weeks ']]]);
  });

  it('requires nothing of optional words, gaps or excluded next words', () => {
    expect(triggersOf(['very? weak ~3 !not legs'])).toEqual([[[' legs '], [' weak ']]]);
    expect(triggersOf(['{det?} legs'])).toEqual([[[' legs ']]]);
  });

  it("requires one choice of a|b, a (…|…) group or a {term}, and keeps a lone term's phrases apart", () => {
    expect(triggersOf(["can't walk|stand"])).toEqual([[[" can't "], [' stand ', ' walk ']]]);
    // Of the group's "belly button" one word is enough: the phrase needs both.
    expect(triggersOf(['numb below (belly button|waist)'])).toEqual([[[' belly ', ' waist '], [' below '], [' numb ']]]);
    expect(triggersOf(['{weak-legs}'])).toEqual([[[' leg ', ' legs ', ' lower '], [' weak ']], [[' leg ', ' legs ', ' lower '], [' weak']]]);
  });

  it('lists for a sign the requirement of each of its phrases, one-word ones as one clause', () => {
    expect(triggersOf(['numb* legs', 'tingl*', 'pins and needles', 'paraesthesia'])).toEqual([
      [[' and '], [' needles '], [' pins ']],
      [[' legs '], [' numb']],
      [[' paraesthesia ', ' tingl']],
    ]);
  });

  it('drops a trigger that holds another of the same clause: where it occurs, so does the other', () => {
    expect(triggersOf(['weak*|weakness|feeble'])).toEqual([[[' feeble ', ' weak']]]);
  });
});

type Data = { terms: Terms; signs: Array<{ id: string; phrases: string[] }> };

function bundledData(): Data[] {
  const dir = 'knowledge/triage';
  const words = parse(readFileSync(`${dir}/words.yaml`, 'utf8')) as { terms: Record<string, string[]> };
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') && name !== 'words.yaml')
    .map((name) => {
      const concept = parse(readFileSync(`${dir}/${name}`, 'utf8')) as { id: string; terms?: Record<string, string[]>; topic?: string[]; signs: Record<string, string[]> };
      const terms = new Map(Object.entries({ ...words.terms, ...concept.terms }));
      const lists = [...Object.entries(concept.signs), ...(concept.topic?.length ? [['topic', concept.topic] as [string, string[]]] : [])];
      return { terms, signs: lists.map(([sign, phrases]) => ({ id: `${concept.id}.${sign}`, phrases })) };
    });
}

/** A text a phrase matches, with choices, optional words, gap words, word* endings and digits drawn at random. */
function sample(template: string, terms: Terms, random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const words: string[] = [];
  for (const token of tokenize(template)) {
    const read = readToken(token);
    if (read.kind === 'exclude') continue;
    if (read.kind === 'gap') {
      for (let index = Math.floor(random() * (read.words + 1)); index > 0; index -= 1) words.push(pick(['really', 'x', 'then', 'all']));
      continue;
    }
    if (read.optional && random() < 0.5) continue;
    if (read.kind === 'group') {
      words.push(sample(pick(read.phrases), terms, random));
      continue;
    }
    const choice = pick(read.choices);
    const term = TERM.exec(choice);
    if (term) words.push(sample(pick(terms.get(term[1]!)!), terms, random));
    else words.push(choice.replace(/\*$/, () => pick(['', 's', 'ness', 'ing'])).replace(/#/g, () => String(Math.floor(random() * 10))));
  }
  return words.join(' ');
}

describe('trigger words of the bundled triage data', () => {
  const data = bundledData();

  test.prop([fc.integer({ min: 0, max: 2 ** 31 - 1 })], { numRuns: 40 })('hold in every text any phrase of a sign matches', (seed) => {
    let state = seed;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    let matched = 0;
    let tried = 0;
    for (const { terms, signs } of data) {
      for (const { id, phrases } of signs) {
        const pattern = compilePhrases(phrases, terms);
        const requirement = phraseTriggers(phrases, terms);
        for (const phrase of phrases) {
          const text = prepareForPhrases(`and ${sample(phrase, terms, random)} and`);
          pattern.lastIndex = 0;
          tried += 1;
          if (!pattern.test(text)) continue;
          matched += 1;
          expect(holdsIn(requirement, text), `${id}: "${phrase}" matches "${text}"`).toBe(true);
        }
      }
    }
    // The generator must mostly produce matching texts, or the check above would prove little.
    expect(matched / tried).toBeGreaterThan(0.9);
  });

  it('leave no sign of the bundled data without trigger words', () => {
    for (const { terms, signs } of data) for (const { id, phrases } of signs) expect(phraseTriggers(phrases, terms), id).toBeDefined();
  });
});

describe('triage with the prefilter', () => {
  let withPrefilter: Triage;
  let without: Triage;
  beforeAll(async () => {
    const { base } = await inspectKnowledge('knowledge');
    withPrefilter = await loadTriage(triageDirOf('knowledge'), base);
    without = await loadTriage(triageDirOf('knowledge'), base, { prefilter: false });
  });

  it('says exactly what triage says without it, on every corpus text and variants of it', () => {
    const { texts, all } = corpusTextsAndVariants();
    expect(texts.length).toBeGreaterThan(4000);
    const differ = all.filter((text) => JSON.stringify(withPrefilter.triage(text, 'patient')) !== JSON.stringify(without.triage(text, 'patient')));
    expect(differ).toEqual([]);
    // Every text of a growing corpus and four variants of each, read twice: about 100 s on a loaded machine.
  }, 300_000);

  it('still raises the alerts of a message it is given', () => {
    expect(withPrefilter.triage('My legs have gone weak and I cannot feel my bottom', 'patient').map((alert) => alert.id)).toEqual(['spinal-cord-compression']);
    expect(withPrefilter.triage('What is the dose of denosumab?', 'patient')).toEqual([]);
  });
});
