// Negation scope for short clinical free text, in the spirit of NegEx: a negating cue governs the words
// after it up to the end of its clause; a few cues ("ruled out", "absent") govern the words before them.
//
// Every check reads a bounded window around the target (NEGATION_WINDOW), never the whole text, so
// scanning a message costs time linear in its length however many cues or targets it holds.

import { allMatches } from '../text/all-matches.js';

/** How much text around a target the negation check reads: at most this many characters either side. */
export const NEGATION_WINDOW = { before: 160, after: 40 } as const;

// NegEx lets a cue govern about 5 words; comma lists of findings need a few more, and a clinician's
// "denies fever, rigors, new back pain, limb weakness, confusion, thirst, vomiting" more again.
const MAX_WORDS_FROM_CUE = 8;
const MAX_WORDS_IN_DENIED_LIST = 16;

// "can't", "unable to" and "no longer" are left out on purpose: they describe a symptom ("can't pee",
// "can no longer walk"), they do not deny one; "without" after them affirms it ("can't get to the
// kitchen without my legs going from under me"). "No more" closing a clause is "any more" ("can't do the
// stairs no more, legs like jelly").
const PRE_NEGATION =
  /\b(?:no(?! longer)(?! more\s*(?:[,.;!?]|$))|(?<!can )not(?! only| able)|nor|(?<!\b(?:can'?t|cannot|couldn'?t|unable to)\b[^.,;!?]{0,40})without|denies|denied|deny|denying|negative for|free of|absence of|absent|none|neither|rules? out|ruled out|excluded|haven'?t|hasn'?t|hadn'?t|don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t)\b/g;

// Words that open a new, affirmative clause even inside a comma list ("no fever, but has back pain").
const CLAUSE_RESTART =
  /^\s*(?:but|however|although|though|yet|except|just|only|now|then|and (?:now|then|she|he|i|has|have|is|was|now)|she|he|i|i'm|i've|we|they|my|her|his|has|have|had|is|are|was|were|with|reports?|complains?|says|said|tells|told|developed|presents?|there (?:is|are)|new(?:ly)?)\b/;
// …except that a clinician's "denies" governs a list whose items are new ("denies fever, new pain, weakness or numbness").
const DENIES = /^(?:denies|denied|deny|denying|negative for)$/;
const NEW_ITEM = /^\s*new(?:ly)?\b/;

// A dash set off by spaces ends a clause too: "not sure - my back pain goes round like a corset".
const CLAUSE_END = /[.;!?\n]|\s[-–—]\s|\b(?:but|however|although|though|whereas|yet)\b/g;

// "And" with a new subject or verb opens a new statement ("without pushing with my arms, and my knees keep
// buckling"; "no fever and is shivering"), as does what someone says ("not passed water and says he can't
// feel his legs").
const AND_NEW_SUBJECT = /\band (?:now |then |also )?(?:my|her|his|their|our|i|i'm|i've|she|he|she's|he's|we|they|mum|dad|mum's|dad's|has|have|had|is|was|says|said|tells|told)\b/;
// So does a subject with its verb run on without a comma ("if the treatment doesn't work I'm going to end it
// myself"), except after a verb of thinking, whose denial governs the clause it opens ("I don't think I'm confused").
const RUN_ON_SUBJECT = /\b(?:i'm|i am|i'll|i will|i've|she's|he's|we're|they're)\b/;
const THINKING = /^\s*(?:think|believe|reckon|suppose|feel)\b/;

// Cues that negate what precedes them: "cord compression ruled out", "weakness: none". A colon opening a
// denial of something else ("Day 10 of docetaxel: no rigors…") denies what follows it, not the docetaxel.
const POST_NEGATION = /^\s*(?:(?:was|were|is|has been|have been|had been)\s+)?(?:ruled out|excluded|absent|not (?:seen|present|found|detected)|negative|: ?none|: ?no\b(?!\s*[a-z0-9]))\b/;

// Phrases that start with a cue but deny something else: "no improvement in her weakness".
// "Not herself" and "not well" say something is wrong, and deny nothing after them (nor "isn't himself", as "is not" is read).
// "No poo for 5 days" reports constipation: it negates nothing said after it. "Fell off the step, not even far" plays the fall down.
// "Don't take paracetamol before calling if you get a fever" denies the tablet, not the fever.
const PSEUDO_NEGATION = /^(?:(?:hasn'?t|haven'?t|hadn'?t)\s+(?:had\s+a\s+drop|been\s+drinking|touched\s+a\s+drop)\b|(?:don'?t|do not)\s+(?:take|give|have|use)\s+(?:any\s+|the\s+|a\s+)?(?:paracetamol|ibuprofen|calpol|painkillers?|tablets?|medicines?)\b|(?:no|not)\s+(?:any\s+)?(?:improvement|improving|improved|better|relief|resolution|resolved|change in (?:her|his|my|the) (?:leg )?weakness|doubt|good|great|well|right|even (?:far|high|hard|much|that|a big|a long)|herself|himself|myself|themselves|yourself|open|opened|(?:poo|poop|stool|bowel movements?|wee|pee|urine)\s+(?:for|in|since)\b)\b|(?:isn'?t|wasn'?t|aren'?t|weren'?t)\s+(?:herself|himself|myself|themselves|yourself|right|well)\b)/;

// "Never" denies only a thought, a wish or an attempt ("I have never had any thoughts of harming myself",
// "never felt suicidal"): "I've never had pain like this" and "never felt so weak" report a sign. What it
// denies may open the match itself, so the cue is read over the clause and the match together.
const NEVER_THOUGHT = /\bnever\s+(?:(?:had|have had|having)\s+(?:any\s+)?thoughts?|thought|wanted|tried|considered|felt suicidal)\b/;
const NEVER_REACH_WORDS = 4;
// …until now: "I'd never had thoughts of ending it before this week", "never wanted to die before, but now I do".
const UNTIL_NOW = /\b(?:before|until|till|now|lately|recently|anymore|any more)\b/;
const UNTIL_NOW_CHARS = 60;

function deniedByNever(before: string, matched: string, after: string): boolean {
  const cue = before.lastIndexOf('never');
  if (cue < 0) return false;
  return wordCount(before.slice(cue + 'never'.length)) <= NEVER_REACH_WORDS && NEVER_THOUGHT.test(before.slice(cue) + matched) && !UNTIL_NOW.test(after);
}

// "Can't rule out" or "not excluded" keeps a finding possible: the negation is itself negated.
const DOUBLE_NEGATION = /\b(?:can(?:no|')t|cannot|could not|couldn'?t|not|unable to)\s+(?:be\s+)?(?:rule|ruled|exclude|excluded)\b/;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Start of the window before `start`: at most NEGATION_WINDOW.before back, moved to a word start so half a word ("can|not") is never read as a cue. */
function windowStart(text: string, start: number): number {
  if (start <= NEGATION_WINDOW.before) return 0;
  for (let index = start - NEGATION_WINDOW.before; index < start; index += 1) {
    if (isSpace(text.charCodeAt(index))) return index + 1;
  }
  return start;
}

/** The part of `before` in the target's clause: after the last clause end it holds. */
function clauseOf(before: string): string {
  let from = 0;
  CLAUSE_END.lastIndex = 0;
  for (let match = CLAUSE_END.exec(before); match; match = CLAUSE_END.exec(before)) from = match.index + match[0].length;
  CLAUSE_END.lastIndex = 0;
  return before.slice(from);
}

// Text before a cue that can turn it around ("can't rule out"): this many characters.
const DOUBLE_NEGATION_REACH = 20;

/**
 * The end of `before` that can hold a governing cue: the cue plus as many words as it can govern (a denied list the most), and a little
 * more for "can't rule out". Cues further back are out of reach, so reading them would only cost time.
 */
function reachOf(before: string): string {
  let words = 0;
  let inWord = false;
  for (let index = before.length - 1; index >= 0; index -= 1) {
    const space = isSpace(before.charCodeAt(index));
    if (!space && !inWord) {
      words += 1;
      if (words > MAX_WORDS_IN_DENIED_LIST + 1) return before.slice(Math.max(0, index + 1 - DOUBLE_NEGATION_REACH));
    }
    inWord = !space;
  }
  return before;
}

function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index += 1) {
    const space = isSpace(text.charCodeAt(index));
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

/** True when a negation cue occurs in a short fragment of lower-cased text ("doesn't hurt at night"). */
export function hasNegationCue(fragment: string): boolean {
  PRE_NEGATION.lastIndex = 0;
  const found = PRE_NEGATION.test(fragment);
  PRE_NEGATION.lastIndex = 0;
  return found;
}

/**
 * True when the words at [start, end) of `text` sit inside a negation: "no leg weakness",
 * "denies numbness, tingling or weakness", "cord compression ruled out".
 * `text` must already be lower-cased.
 */
export function isNegated(text: string, start: number, end: number, options: { acrossCommas?: boolean } = {}): boolean {
  let before = clauseOf(reachOf(text.slice(windowStart(text, start), start)));
  // Lists of findings ("no pik3ca mutation, esr1 mutation detected") are separate statements.
  if (options.acrossCommas === false) before = before.slice(before.lastIndexOf(',') + 1);
  let negatedBefore = false;
  for (const match of allMatches(before, PRE_NEGATION)) {
    const cueEnd = (match.index ?? 0) + match[0].length;
    const between = before.slice(cueEnd);
    // A comma piece that restarts an affirmative clause ends the cue's scope.
    // A list continues a cue across commas ("no weakness, numbness or tingling"); a longer piece or one
    // with a past-tense verb is a new statement ("no visceral crisis, progressed on letrozole").
    const pieces = between.split(',');
    const listsNewItems = DENIES.test(match[0]);
    const restarted = pieces.slice(1).some((piece) => (CLAUSE_RESTART.test(piece) && !(listsNewItems && NEW_ITEM.test(piece))) || wordCount(piece) > 4 || /\b\w{3,}ed\b/.test(piece));
    if (restarted || AND_NEW_SUBJECT.test(between) || (RUN_ON_SUBJECT.test(between) && !THINKING.test(between))) continue;
    if (wordCount(between) > (listsNewItems ? MAX_WORDS_IN_DENIED_LIST : MAX_WORDS_FROM_CUE)) continue;
    const around = before.slice(Math.max(0, (match.index ?? 0) - DOUBLE_NEGATION_REACH));
    if (DOUBLE_NEGATION.test(around)) continue;
    if (PSEUDO_NEGATION.test(before.slice(match.index ?? 0))) continue;
    negatedBefore = true;
  }
  if (negatedBefore || deniedByNever(before, text.slice(start, end), text.slice(end, end + UNTIL_NOW_CHARS))) return true;
  const after = text.slice(end, end + NEGATION_WINDOW.after);
  return POST_NEGATION.test(after) && !DOUBLE_NEGATION.test(after);
}

// Matches are read with exec on a global pattern; compiling one per call would be most of the cost on a hot path.
const globalVersions = new WeakMap<RegExp, RegExp>();
function globalOf(pattern: RegExp): RegExp {
  if (pattern.global) return pattern;
  let global = globalVersions.get(pattern);
  if (!global) {
    global = new RegExp(pattern.source, `${pattern.flags}g`);
    globalVersions.set(pattern, global);
  }
  return global;
}

/** All matches of a pattern that are not negated. */
export function affirmedMatches(text: string, pattern: RegExp): RegExpMatchArray[] {
  return allMatches(text, globalOf(pattern)).filter((match) => !isNegated(text, match.index, match.index + match[0].length));
}

/** Whether a pattern occurs affirmed, occurs only negated, or not at all; reads no further than the first affirmed match. */
export function polarityOf(text: string, pattern: RegExp): 'affirmed' | 'negated' | 'absent' {
  const global = globalOf(pattern);
  let found: 'affirmed' | 'negated' | 'absent' = 'absent';
  global.lastIndex = 0;
  for (let match = global.exec(text); match; match = global.exec(text)) {
    if (!isNegated(text, match.index, match.index + match[0].length)) {
      found = 'affirmed';
      break;
    }
    found = 'negated';
    if (match[0] === '') global.lastIndex += 1;
  }
  global.lastIndex = 0;
  return found;
}
