import { escapeRegExp } from '../text/escape-reg-exp.js';
import type { Entity } from './rewrite-follow-up.js';

/**
 * A detail of the question before, corrected: "it's denosumab she's on, not zoledronic acid", "it was 2.9
 * not 3.9", "actually 5 sessions, not one", "sorry, I meant the humerus, not the femur". People correct what
 * they told as often as they ask something new, and the question before, with the detail swapped, is what
 * they now ask.
 */

// "…, not the femur", "… not 3.9": the corrected detail follows "not".
const NOT = /(?:,\s*|\s+)not\s+(?:the\s+|a\s+|an\s+)?/gi;
const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const NUMBER = String.raw`\d+(?:\.\d+)?|${NUMBER_WORDS.join('|')}`;
// What "not" is followed by, when a number: "not 3.9", "not one".
const NUMBER_AFTER = new RegExp(String.raw`^(${NUMBER})(?!\w|\.\d)`, 'i');
// What comes right before ", not …", when a number, with the word it counts: "5 sessions", "was 2", "38.4".
const NUMBER_BEFORE = new RegExp(String.raw`(?<![\w.])(${NUMBER})(?:\s+([a-z]+))?\s*$`, 'i');
// Else a word for a word, when the question before holds the wrong one: "in the humerus, not the femur",
// "daily, not weekly".
const WORD_AFTER = /^([a-z]{3,})(?=\s*(?:[.,;!?]|$))/i;
const WORD_BEFORE = /(?<![\w-])([a-z]{3,})\s*$/i;
const STOP_WORDS = new Set(['and', 'but', 'the', 'that', 'this', 'was', 'were', 'are', 'has', 'had', 'have', 'she', 'her', 'him', 'his', 'they', 'them', 'you', 'now', 'yet', 'too', 'sure', 'really', 'quite', 'just', 'only', 'much', 'very', 'well', 'good', 'bad', 'right', 'wrong', 'bothered', 'worried', 'again', 'anymore', 'today', 'there', 'here', 'all', 'any', 'none', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']);
// How a medicine is given, corrected for another way or for the medicine itself: "it's the injection every 4
// weeks, not the drip", "I meant the new tablet, alpelisib, not the injection".
const FORM_WORDS = 'injections?|jabs?|shots?|drips?|infusions?|tablets?|pills?|capsules?';
const FORM = new RegExp(String.raw`(?<![\w-])(?:${FORM_WORDS})(?![\w-])`, 'gi');
const IS_FORM = new RegExp(`^(?:${FORM_WORDS})$`, 'i');
// Only a sentence that states the correction counts: "should she take calcium, not vitamin D?" asks something.
const SENTENCE_END = /[.!?;]|\s[-–—]\s/;

// A correction is short: only this much text either side of "not" is read, and only the first few "not"s,
// so a long paste full of them costs time linear in its length.
const WINDOW = 200;
const MAX_NOTS = 6;

/** The sentence around [start, end), within WINDOW characters either side. */
function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - WINDOW), start);
  const ends = [...before.matchAll(new RegExp(SENTENCE_END.source, 'g'))];
  const last = ends.at(-1);
  const from = last ? start - before.length + (last.index ?? 0) + last[0].length : start - before.length;
  const rest = text.slice(end, end + WINDOW);
  const next = rest.search(SENTENCE_END);
  return text.slice(from, next < 0 ? end + rest.length : end + next + 1);
}

/** The number as it may be written in the question before: "one" may have been written "1", and the reverse. */
function numberForms(value: string): string[] {
  const index = NUMBER_WORDS.indexOf(value.toLowerCase());
  if (index >= 0) return [value, String(index + 1)];
  const word = NUMBER_WORDS[Number(value) - 1];
  return word && /^\d+$/.test(value) ? [value, word] : [value];
}

/**
 * `previous` with the stated number `from` changed to `to`: with the word it counts when the correction
 * gives one and the question before has it ("one session" → "5 sessions"), else the number alone.
 */
function swapNumber(previous: string, from: string, to: string, unit: string | undefined): string | undefined {
  for (const form of numberForms(from)) {
    const number = String.raw`(?<![\w.])${escapeRegExp(form)}(?!\w|\.\d)`;
    if (unit) {
      const counted = new RegExp(String.raw`${number}\s+${escapeRegExp(unit.replace(/s$/i, ''))}s?\b`, 'gi');
      if (counted.test(previous)) return previous.replace(counted, `${to} ${unit}`);
    }
    const alone = new RegExp(number, 'gi');
    if (alone.test(previous)) return previous.replace(alone, to);
  }
  return undefined;
}

/** The questions a message asks besides its correction: "…5 sessions, not one. Is that better?". */
function otherQuestions(message: string, correctionAt: number): string {
  const sentences = message.split(/(?<=[.!?;])\s+|\s[-–—]\s/);
  let offset = 0;
  const asked: string[] = [];
  for (const sentence of sentences) {
    const begins = message.indexOf(sentence, offset);
    offset = begins + sentence.length;
    const holdsCorrection = begins <= correctionAt && correctionAt < offset;
    if (!holdsCorrection && sentence.trim().endsWith('?')) asked.push(sentence.trim());
  }
  return asked.join(' ');
}

/**
 * The question before with the detail the message corrects swapped in, when the message corrects one that
 * the question before holds: a concept for another of the same kind, or a number for another number.
 */
export function correctedQuestion(message: string, previous: string, entities: (text: string) => Entity[]): string | undefined {
  const stated = entities(message);
  for (const match of [...message.matchAll(NOT)].slice(0, MAX_NOTS)) {
    const start = match.index ?? 0;
    const after = start + match[0].length;
    if (sentenceAround(message, start, after).trim().endsWith('?')) continue;
    const wrong = stated.find((entity) => entity.start === after && entity.slot !== 'value');
    if (wrong) {
      // The right one is named before "not", in the same sentence, and is of the same kind.
      const right = stated.filter((entity) => entity.end <= start && entity.slot === wrong.slot && entity.canonical !== wrong.canonical && !SENTENCE_END.test(message.slice(entity.end, start))).at(-1);
      const told = entities(previous).filter((entity) => entity.canonical === wrong.canonical);
      if (right && told.length > 0) {
        let corrected = previous;
        for (const entity of [...told].sort((a, b) => b.start - a.start)) corrected = corrected.slice(0, entity.start) + right.surface + corrected.slice(entity.end);
        return withOtherQuestions(corrected, message, start);
      }
    }
    const wrongWord = WORD_AFTER.exec(message.slice(after))?.[1];
    const form = wrongWord ? swapForm(message, start, wrongWord, previous, stated) : undefined;
    if (form) return withOtherQuestions(form, message, start);
    const rightWord = WORD_BEFORE.exec(message.slice(Math.max(0, start - 30), start))?.[1];
    if (wrongWord && rightWord && !STOP_WORDS.has(wrongWord.toLowerCase()) && !STOP_WORDS.has(rightWord.toLowerCase())) {
      const word = (w: string) => new RegExp(String.raw`(?<![\w-])${escapeRegExp(w)}(?![\w-])`, 'gi');
      if (word(wrongWord).test(previous) && !word(rightWord).test(previous)) return withOtherQuestions(previous.replace(word(wrongWord), rightWord), message, start);
    }
    const wrongNumber = NUMBER_AFTER.exec(message.slice(after))?.[1];
    const rightNumber = NUMBER_BEFORE.exec(message.slice(Math.max(0, start - 40), start));
    if (!wrongNumber || !rightNumber?.[1]) continue;
    const corrected = swapNumber(previous, wrongNumber, rightNumber[1], rightNumber[2]);
    if (corrected) return withOtherQuestions(corrected, message, start);
  }
  return undefined;
}

/**
 * `previous` with the way of giving corrected (`wrong`, as in "not the drip") replaced by the medicine or the way
 * named before "not" in the same sentence, the article before it agreeing ("an injection" → "a drip").
 */
function swapForm(message: string, notAt: number, wrong: string, previous: string, stated: readonly Entity[]): string | undefined {
  if (!IS_FORM.test(wrong)) return undefined;
  // Where the sentence holding the correction begins.
  const before = message.slice(Math.max(0, notAt - WINDOW), notAt);
  const sentenceStart = notAt - (before.split(SENTENCE_END).at(-1) ?? before).length;
  const treatment = stated.filter((entity) => entity.slot === 'treatment' && entity.end <= notAt && entity.start >= sentenceStart).at(-1);
  const forms = [...message.slice(sentenceStart, notAt).matchAll(FORM)];
  const right = treatment?.surface ?? forms.at(-1)?.[0];
  if (!right || right.toLowerCase() === wrong.toLowerCase()) return undefined;
  const told = new RegExp(String.raw`(?:(?<![\w-])(a|an)\s+)?(?<![\w-])${escapeRegExp(wrong)}(?![\w-])`, 'i');
  if (!told.test(previous)) return undefined;
  return previous.replace(told, (_whole, article: string | undefined) => `${article ? `${/^[aeiou]/i.test(right) ? 'an' : 'a'} ` : ''}${right}`);
}

function withOtherQuestions(corrected: string, message: string, correctionAt: number): string {
  const asked = otherQuestions(message, correctionAt);
  return asked ? `${corrected} ${asked.charAt(0).toUpperCase()}${asked.slice(1)}` : corrected;
}
