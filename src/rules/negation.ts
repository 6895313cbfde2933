// Negation scope for short clinical free text, in the spirit of NegEx: a negating cue governs the words
// after it up to the end of its clause; a few cues ("ruled out", "absent") govern the words before them.

// "can't", "unable to" and "no longer" are left out on purpose: they describe a symptom ("can't pee",
// "can no longer walk"), they do not deny one.
const PRE_NEGATION =
  /\b(?:no(?! longer)|not(?! only| able)|nor|without|denies|denied|deny|denying|negative for|free of|absence of|absent|none|neither|rules? out|ruled out|excluded|haven'?t|hasn'?t|hadn'?t|don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t)\b/g;

// Words that open a new, affirmative clause even inside a comma list ("no fever, but has back pain").
const CLAUSE_RESTART =
  /^\s*(?:but|however|although|though|yet|except|now|then|and (?:now|then|she|he|i|has|have|is|was|now)|she|he|i|i'm|i've|we|they|my|her|his|has|have|had|is|are|was|were|with|reports?|complains?|developed|presents?|there (?:is|are)|new(?:ly)?)\b/;

const CLAUSE_END = /[.;!?\n]|\b(?:but|however|although|though|whereas|yet)\b/g;

// Cues that negate what precedes them: "cord compression ruled out", "weakness: none".
const POST_NEGATION = /^\s*(?:(?:was|were|is|has been|have been|had been)\s+)?(?:ruled out|excluded|absent|not (?:seen|present|found|detected)|negative|: ?none|: ?no)\b/;

// Phrases that start with a cue but deny something else: "no improvement in her weakness".
const PSEUDO_NEGATION = /^(?:no|not)\s+(?:any\s+)?(?:improvement|improving|improved|better|relief|resolution|resolved|change in (?:her|his|my|the) (?:leg )?weakness|doubt|worse)\b/;

// "Can't rule out" or "not excluded" keeps a finding possible: the negation is itself negated.
const DOUBLE_NEGATION = /\b(?:can(?:no|')t|cannot|could not|couldn'?t|not|unable to)\s+(?:be\s+)?(?:rule|ruled|exclude|excluded)\b/;

function clauseStart(text: string, index: number): number {
  let start = 0;
  for (const match of text.slice(0, index).matchAll(CLAUSE_END)) start = (match.index ?? 0) + match[0].length;
  return start;
}

/**
 * True when the words at [start, end) of `text` sit inside a negation: "no leg weakness",
 * "denies numbness, tingling or weakness", "cord compression ruled out".
 * `text` must already be lower-cased.
 */
export function isNegated(text: string, start: number, end: number, options: { acrossCommas?: boolean } = {}): boolean {
  let from = clauseStart(text, start);
  // Lists of findings ("no pik3ca mutation, esr1 mutation detected") are separate statements.
  if (options.acrossCommas === false) from = Math.max(from, text.lastIndexOf(',', start - 1) + 1);
  const before = text.slice(from, start);
  let negatedBefore = false;
  for (const match of before.matchAll(PRE_NEGATION)) {
    const cueEnd = (match.index ?? 0) + match[0].length;
    const between = before.slice(cueEnd);
    // A comma piece that restarts an affirmative clause ends the cue's scope.
    // A list continues a cue across commas ("no weakness, numbness or tingling"); a longer piece or one
    // with a past-tense verb is a new statement ("no visceral crisis, progressed on letrozole").
    const pieces = between.split(',');
    const restarted = pieces
      .slice(1)
      .some((piece) => CLAUSE_RESTART.test(piece) || (piece.match(/\S+/g)?.length ?? 0) > 4 || /\b\w{3,}ed\b/.test(piece));
    if (restarted) continue;
    // Too far away to govern the target (NegEx uses about 5 words; lists need a few more).
    if ((between.match(/\S+/g)?.length ?? 0) > 8) continue;
    const around = before.slice(Math.max(0, (match.index ?? 0) - 20));
    if (DOUBLE_NEGATION.test(around)) continue;
    if (PSEUDO_NEGATION.test(before.slice(match.index ?? 0))) continue;
    negatedBefore = true;
  }
  if (negatedBefore) return true;
  const after = text.slice(end, end + 40);
  return POST_NEGATION.test(after) && !DOUBLE_NEGATION.test(text.slice(end, end + 40));
}

// matchAll needs a global pattern; compiling one per call would be most of the cost on a hot path.
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
  const global = globalOf(pattern);
  return [...text.matchAll(global)].filter((match) => !isNegated(text, match.index ?? 0, (match.index ?? 0) + match[0].length));
}

/** Whether a pattern occurs affirmed, occurs only negated, or not at all. */
export function polarityOf(text: string, pattern: RegExp): 'affirmed' | 'negated' | 'absent' {
  const global = globalOf(pattern);
  const matches = [...text.matchAll(global)];
  if (matches.length === 0) return 'absent';
  return matches.some((match) => !isNegated(text, match.index ?? 0, (match.index ?? 0) + match[0].length)) ? 'affirmed' : 'negated';
}
