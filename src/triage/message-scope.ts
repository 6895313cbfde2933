import { hasNegationCue, isNegated } from '../rules/negation.js';
import type { Scope } from './triage-schema.js';

/**
 * How a matched phrase is meant: reported now, denied, imagined, long past, asked about in general,
 * said of a person who has no cancer, or put down to another cause its concept names (`explainedBy`).
 */
export type MatchScope = 'affirmed' | 'negated' | 'hypothetical' | 'past' | 'informational' | 'no-cancer' | 'explained';

/** Compiled scope cues from the shared words file; openers are anchored to a sentence start. */
export type ScopeCues = {
  hypothetical: RegExp;
  hypotheticalOpeners: RegExp;
  past: RegExp;
  /** Absent when the words file lists none. */
  settled?: RegExp;
  present: RegExp;
  questionOpeners: RegExp;
  reportFrames: RegExp;
  personal: RegExp;
  topicFrames: RegExp;
  /** Absent when the words file lists none. */
  askingFrames?: RegExp;
  /** Absent when the words file lists none. */
  ownedAfter?: RegExp;
  noCancer: RegExp;
  cancerNamed: RegExp;
  assertions: RegExp;
};

/** The most text either side of a match that scope checks read, so each check costs constant time. */
export const SENTENCE_WINDOW = 200;
// The writer speaking of themselves: their sign is theirs, whatever the next sentence says of someone else.
const FIRST_PERSON = /(?:^|\s)(?:i|i'm|im|i've|ive|i'd|me|my|myself)(?=\s)/;
// The writer saying they have no cancer ("i don't have cancer, my sister does"), not that it is not somewhere.
const WRITER_WITHOUT_CANCER = /(?:^|\s)i\s+(?:do not|don't|dont|have not|haven't|havent)\s+(?:have|got)\s+(?:any\s+)?cancer(?!\s+(?:in|on|of|anywhere|there|spread)\b)(?=\s)/;
const HIM = /(?:^|\s)(?:he|he's|hes|him|his)(?=\s)/;
const HER = /(?:^|\s)(?:she|she's|shes|her)(?=\s)/;

type Sentence = { text: string; matchStart: number; startKnown: boolean; from: number; end: number };

function isSpacedDash(text: string, index: number): boolean {
  const char = text[index];
  return (char === '-' || char === '–' || char === '—') && text[index - 1] === ' ' && text[index + 1] === ' ';
}

function endsSentence(text: string, index: number, joinAsides = false): boolean {
  const char = text[index];
  // Prepared text sets sentence punctuation apart by spaces; a full stop inside "38.5" is not an end.
  if (char === '?' || char === '!' || char === ';' || char === '\n' || (char === '.' && text[index + 1] === ' ')) return true;
  if (joinAsides) return false;
  // A bracketed aside is a statement of its own: "(she died years ago)" puts nothing else in the past,
  // and so is one set off by a spaced dash ("asking when Dad's home - he died in 2015").
  return char === '(' || char === ')' || isSpacedDash(text, index);
}

/**
 * Whether the text at `from` follows the end of an aside that interrupts a sentence: "Mum (MBC) is hard to
 * wake", "Mum - MBC - is hard to wake". What follows goes on with the sentence begun before the aside.
 */
function followsAside(text: string, from: number): boolean {
  const boundary = from - 1;
  if (text[boundary] === ')') return true;
  if (!isSpacedDash(text, boundary)) return false;
  // A dash closes an aside when an earlier one in the same sentence opened it.
  for (let index = boundary - 1; index >= Math.max(0, boundary - SENTENCE_WINDOW); index -= 1) {
    if (endsSentence(text, index, true)) return false;
    if (isSpacedDash(text, index)) return true;
  }
  return false;
}

/**
 * The sentence around [start, end), cut to SENTENCE_WINDOW either side; always starts and ends with a
 * space. `joinAsides` keeps a bracketed or dashed aside in the sentence it interrupts.
 */
function sentenceAround(text: string, start: number, end: number, joinAsides = false): Sentence {
  let from = Math.max(0, start - SENTENCE_WINDOW);
  let startKnown = from === 0;
  for (let index = start - 1; index >= from; index -= 1) {
    if (endsSentence(text, index, joinAsides)) {
      from = index + 1;
      startKnown = true;
      break;
    }
  }
  let to = Math.min(text.length, end + SENTENCE_WINDOW);
  for (let index = end; index < to; index += 1) {
    if (endsSentence(text, index, joinAsides)) {
      to = index;
      break;
    }
  }
  // One space either side, whatever the cut: openers are matched at the sentence's first word.
  const slice = text.slice(from, to);
  const leading = slice.length - slice.trimStart().length;
  return { text: ` ${slice.trim()} `, matchStart: start - from - leading + 1, startKnown, from, end: to };
}

/** Whether a cue pattern (global or not) occurs in the text; leaves the pattern ready for its next use. */
export function holdsCue(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

/**
 * Whether the sentence around [start, end) holds the pattern (another cause of a sign, `explainedBy`),
 * an aside within it included: "broke her arm at school today (shes fine, cast on)".
 */
export function sentenceHolds(pattern: RegExp, text: string, start: number, end: number): boolean {
  const sentence = sentenceAround(text, start, end, true).text;
  pattern.lastIndex = 0;
  let found = false;
  for (let match = pattern.exec(sentence); match !== null && !found; match = pattern.global ? pattern.exec(sentence) : null) {
    found = !COMPARISON_BEFORE.test(sentence.slice(Math.max(0, match.index - COMPARISON_REACH), match.index));
    if (match[0] === '') pattern.lastIndex += 1;
  }
  pattern.lastIndex = 0;
  return found;
}

// A cause told as a comparison names none: lips "tingly, like after the dentist" or "as if I'd had a filling"
// describe the feeling, they do not put it down to the dentist.
const COMPARISON_REACH = 24;
const COMPARISON_BEFORE = / (?:like|as if|as though)(?: (?:i|i've|i'd|i'm|she|she's|she'd|he|he's|he'd|you|you've|you'd|just|been|had))* $/;
// A sentence may say it is hypothetical after the sign: "Is back pain at night something I should report, hypothetically?".
const SAID_TO_BE_HYPOTHETICAL = / (?:hypothetically|in theory|theoretically) /;
// "Is 37.8 a fever or do I wait till 38?" asks whether a reading below the threshold counts, it reports no fever.
const ASKS_IF_READING_COUNTS = / is (?:3[0-7]\.\d+|9[0-9](?:\.\d+)?|100(?:\.[0-3])?) (?:a|an) (?:fever|temperature|temp|high temperature)\b/;

function sentenceScope(sentence: Sentence, honoured: ReadonlySet<Scope>, cues: ScopeCues): 'hypothetical' | 'past' | undefined {
  if (honoured.has('hypothetical')) {
    const before = sinceNow(`${sentence.text.slice(0, sentence.matchStart)} `);
    if ((sentence.startKnown && holdsCue(cues.hypotheticalOpeners, sentence.text)) || holdsCue(cues.hypothetical, before) || SAID_TO_BE_HYPOTHETICAL.test(sentence.text.slice(sentence.matchStart)) || ASKS_IF_READING_COUNTS.test(sentence.text))
      return 'hypothetical';
  }
  if (!honoured.has('past')) return undefined;
  // What follows "…but now" is reported now, whatever was settled before it: "had back pain for months but now my legs are weak".
  const upToMatch = `${sentence.text.slice(0, sentence.matchStart)} `;
  if (sinceNow(upToMatch) !== upToMatch) return undefined;
  // A time and a "now" count in the sign's own clause: "last year I had a fever on chemo …, now I'm just on letrozole".
  const clause = clauseOf(sentence);
  if ((holdsCue(cues.past, clause) || (cues.settled !== undefined && holdsCue(cues.settled, sentence.text))) && !holdsCue(cues.present, clause)) return 'past';
  return undefined;
}

// Words that open a clause about someone: "…and my legs", "…now she".
const CLAUSE_SUBJECT = String.raw`(?:i|i'm|i've|my|she|she's|her|he|he's|his|we|we've|they|they're|their|mum|mum's|dad|dad's)`;

// "…and now my legs have gone weak": what follows "now" is reported, whatever was imagined before it.
const NOW_BREAK = new RegExp(String.raw` (?:and|but|so) now | now ${CLAUSE_SUBJECT} | (?:it's|its|it is) now `, 'g');

/** The text from the last "now" that reports something, or all of it. */
function sinceNow(before: string): string {
  let from = 0;
  NOW_BREAK.lastIndex = 0;
  for (let found = NOW_BREAK.exec(before); found; found = NOW_BREAK.exec(before)) from = found.index + 1;
  NOW_BREAK.lastIndex = 0;
  return from === 0 ? before : ` ${before.slice(from)}`;
}

// A new clause with its own subject: "I had radiotherapy last month and my legs have gone weak" puts
// only the radiotherapy in the past.
const CLAUSE_BREAK = new RegExp(String.raw` (?:and|but|so|then|now) ${CLAUSE_SUBJECT} `, 'g');

/** The clause of the sentence that holds the match, with a space either side. */
function clauseOf(sentence: Sentence): string {
  let from = 0;
  let to = sentence.text.length;
  CLAUSE_BREAK.lastIndex = 0;
  for (let found = CLAUSE_BREAK.exec(sentence.text); found; found = CLAUSE_BREAK.exec(sentence.text)) {
    // The break's own subject starts the next clause.
    const subject = found.index + found[0].trimEnd().lastIndexOf(' ');
    if (subject <= sentence.matchStart) from = subject;
    else {
      to = found.index + 1;
      break;
    }
  }
  CLAUSE_BREAK.lastIndex = 0;
  return from === 0 && to === sentence.text.length ? sentence.text : ` ${sentence.text.slice(from, to).trim()} `;
}

/**
 * Whether the sign is stated of a person said to have no cancer, in its own sentence or an aside within
 * it ("my husband (no cancer) has a temp of 38.5"), with no cancer or treatment named there besides; or,
 * for someone else's sign, in the next sentence when it opens with that person.
 */
function saidOfPersonWithoutCancer(text: string, start: number, end: number, cues: ScopeCues): boolean {
  // Only bounded sentences around the sign are read, so each match costs constant time; every cue names cancer.
  const around = sentenceAround(text, start, end, true);
  if (withoutCancer(around.text, cues)) return true;
  // The writer's own sign, after saying they have no cancer: "i dont have cancer, my sister does. i broke my leg…".
  if (FIRST_PERSON.test(around.text) && WRITER_WITHOUT_CANCER.test(text.slice(Math.max(0, start - SENTENCE_WINDOW), start))) return true;
  // "He has a temperature of 38.5. He doesn't have cancer.": a sign told of someone else, in a sentence
  // naming neither the writer nor cancer or its treatment, is read with the sentence after it too.
  if (FIRST_PERSON.test(around.text) || around.end >= text.length) return false;
  // Not when the cancer was named before ("Mum has breast cancer in her spine. Her legs have gone weak.
  // She doesn't have cancer in her brain."); a bounded window keeps each match's cost constant.
  if (holdsCue(cues.cancerNamed, text.slice(Math.max(0, start - SENTENCE_WINDOW * 2), around.end))) return false;
  // …and only when that sentence opens with the same person ("He…" after "He has a temperature"): "My
  // legs have gone weak. My sister doesn't have cancer." is not about the legs.
  const next = sentenceAround(text, around.end + 1, around.end + 1, true).text;
  const person = /^\s*(he|she)\b/.exec(next)?.[1];
  if (!person || !(person === 'he' ? HIM : HER).test(around.text)) return false;
  return withoutCancer(next, cues);
}

function withoutCancer(sentence: string, cues: ScopeCues): boolean {
  if (!sentence.includes('cancer') || !holdsCue(cues.noCancer, sentence)) return false;
  return !holdsCue(cues.cancerNamed, sentence.replace(cues.noCancer, ' '));
}

/**
 * A general question: it opens like a question and names no particular person ("is fever common on chemo?"),
 * and the sentence after it does not claim the sign as someone's own now ("…? Mine has been 38.6 since lunchtime.").
 */
function isGeneralQuestion(text: string, sentence: Sentence, cues: ScopeCues): boolean {
  return (
    sentence.startKnown &&
    holdsCue(cues.questionOpeners, sentence.text) &&
    // "Mum (MBC) is hard to wake" tells of Mum: the "is" after the aside does not open a question.
    !(followsAside(text, sentence.from) && !holdsCue(cues.questionOpeners, sentenceAround(text, sentence.from, sentence.from, true).text)) &&
    !holdsCue(cues.personal, sentence.text) &&
    !holdsCue(cues.reportFrames, sentence.text) &&
    !ownedInNextSentence(text, sentence, cues)
  );
}

function ownedInNextSentence(text: string, sentence: Sentence, cues: ScopeCues): boolean {
  const next = sentence.end + 1;
  if (cues.ownedAfter === undefined || next >= text.length) return false;
  return holdsCue(cues.ownedAfter, sentenceAround(text, next, next).text);
}

/**
 * Whether the sentence goes on, after the sign, to call it a warning sign in general ("numbness 'down below'
 * can be a warning sign"); a sign told after such a frame ("…can be a warning sign, mine are weak today")
 * is still a report.
 */
function saidToBeAWarningSign(sentence: Sentence, length: number, cues: ScopeCues): boolean {
  return cues.askingFrames !== undefined && holdsCue(cues.askingFrames, sentence.text.slice(sentence.matchStart + length));
}

/**
 * The scope of a sign ("my legs are weak") at [start, end) of prepared text. `interiorNegates` says
 * whether a negation inside the match itself denies it: true for phrases that hold no negation of their
 * own ("back ~3 at night" matching "back doesn't hurt at night"), false for those that do ("not working").
 */
export function signScope(text: string, start: number, end: number, honoured: ReadonlySet<Scope>, cues: ScopeCues, interiorNegates: boolean): MatchScope {
  if (honoured.has('negation') && (isNegated(text, start, end) || (interiorNegates && hasNegationCue(text.slice(start, end))))) return 'negated';
  if (honoured.has('no-cancer') && saidOfPersonWithoutCancer(text, start, end, cues)) return 'no-cancer';
  const sentence = sentenceAround(text, start, end);
  const scope = sentenceScope(sentence, honoured, cues);
  if (scope) return scope;
  if (honoured.has('informational') && (isGeneralQuestion(text, sentence, cues) || saidToBeAWarningSign(sentence, end - start, cues))) return 'informational';
  return 'affirmed';
}

/**
 * The scope of a named condition ("cord compression"): a report only when asserted of a person
 * ("MRI confirmed MSCC", "my calcium is high"); otherwise it is the topic of a question.
 */
export function topicScope(text: string, start: number, end: number, honoured: ReadonlySet<Scope>, cues: ScopeCues): MatchScope {
  if (honoured.has('negation') && isNegated(text, start, end)) return 'negated';
  if (honoured.has('no-cancer') && saidOfPersonWithoutCancer(text, start, end, cues)) return 'no-cancer';
  const sentence = sentenceAround(text, start, end);
  const scope = sentenceScope(sentence, honoured, cues);
  if (scope) return scope;
  if (!honoured.has('informational')) return 'affirmed';
  const before = `${sentence.text.slice(0, sentence.matchStart)} `;
  if (holdsCue(cues.topicFrames, before) || isGeneralQuestion(text, sentence, cues)) return 'informational';
  return holdsCue(cues.personal, sentence.text) || holdsCue(cues.assertions, sentence.text) ? 'affirmed' : 'informational';
}
