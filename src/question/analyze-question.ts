import type { AnswerGuide, Concept, ConceptType, Intent } from '../domain/types.js';
import { normalizeText } from '../text/normalize.js';
import { allMatches } from '../text/all-matches.js';
import { createPrefilter } from '../text/prefilter.js';
import type { ConceptMatch, ConceptMatcher } from './concept-matcher.js';
import { compileCueForms, compileCueTest, compileCues, cueRequirement, isAscii } from './cue-pattern.js';
import { withoutStopsOfWhatItTreats } from './stops-what-it-treats.js';

/**
 * A concept the question asks about, with the words the user used for it. `context` marks one named as
 * the person's circumstance ("while I'm taking letrozole"): the question is about something else, so
 * the knowledge not covering it limits the answer rather than refusing it.
 */
// What joins the items of a list: "goserelin, letrozole, ribociclib and denosumab", "letrozole + ribociclib".
// "I also take ramipril for ", "she's on amlodipine for her ": what a medicine is taken for comes next.
const TAKEN_FOR_BEFORE = /\b(?:take|takes|taking|took|on)\s[^.?!]{1,40}\bfor\s(?:my\s|her\s|his\s|the\s)?$/i;
const LIST_SEPARATOR = /^\s*(?:,\s*(?:and\s+|&\s*)?|and\s+|&\s*|\+\s*|\/\s*|plus\s+)$/;
// Between two medicines offered as alternatives: "alpelisib, capivasertib or inavolisib".
const ALTERNATIVE_SEPARATOR = /^\s*(?:,\s*(?:or\s+)?|or\s+)$/;

export type FocusConcept = { concept: Concept; surface: string; start: number; end: number; background: boolean; context: boolean };

// The warning signs are the same for every subtype and every kind of person ("unusual for a man").
const SAME_SIGNS_FOR_EACH: ReadonlySet<string> = new Set(['subtype', 'population']);

/** A subtype or a kind of person told as the circumstance of a question about the warning signs: no part of what is asked. */
export function isCircumstanceOfSigns(entry: FocusConcept): boolean {
  return entry.context && SAME_SIGNS_FOR_EACH.has(entry.concept.type);
}

export type QuestionAnalysis = {
  /** The main intent; `general` when no cue says what is asked. */
  intent: Intent;
  /** Every intent whose cues appear, the main one first (a compound question has several). */
  intents: Intent[];
  /** The concepts named, in reading order, one entry per concept. */
  focus: FocusConcept[];
  /** Named concepts the knowledge declares it does not cover, with the words to say so. */
  notCovered: Array<{ concept: Concept; say: string }>;
  /** Topics not covered that are asked apart from a question that is ("Can I join a trial? … What does measurable mean?"): said, not answered. */
  setApart: Array<{ concept: Concept; say: string }>;
  /** The question asks about mistakes to avoid, so pitfalls are its answer. */
  asksPitfalls: boolean;
  /** The question asks for every side effect of what it names. */
  asksSideEffects: boolean;
  /** Words that name a medicine the knowledge never mentions ("gabapentin"), asked about. */
  unknownDrugs: string[];
  /** Such medicines told only beside what is asked ("She has type 2 diabetes on metformin."): said to be not covered, beside the answer. */
  unknownCircumstances: string[];
  /** Trial names the knowledge never uses and no concept covers ("EMBER-3"), as written. */
  unknownTrials: string[];
};

export type QuestionAnalyzer = {
  analyze(question: string): QuestionAnalysis;
  readonly matcher: ConceptMatcher;
};

/** The concept types that name a medicine: a drug or a class of drugs. */
export const MEDICINE_TYPES: ReadonlySet<ConceptType> = new Set(['drug', 'drug-class']);
const SUBJECTS_BESIDE_CIRCUMSTANCE: ReadonlySet<ConceptType> = new Set(['drug', 'drug-class', 'procedure', 'biomarker']);

/** Whether a concept name is a medicine's. */
export function isMedicineName(matcher: ConceptMatcher, name: string): boolean {
  const type = matcher.get(name)?.type;
  return type !== undefined && MEDICINE_TYPES.has(type);
}
// The concept types that can be a question's subject rather than a qualifier of it.
export const SUBJECT_TYPES: ReadonlySet<ConceptType> = new Set(['drug', 'drug-class', 'condition', 'procedure', 'trial', 'measure', 'biomarker', 'subtype']);

// A concept the knowledge does not cover ("adjuvant", "mastectomy") is the subject of a question unless
// the scope lets it be history, the question also speaks of metastatic disease and names it as the
// person's past ("relapsed 2 years after adjuvant chemotherapy", "came back 9 years after mastectomy").
const HISTORY_WINDOW_CHARS = 30;
// "What if I get…", "what do we do if she develops…": what to do if something happens.
const ASKS_IF_IT_HAPPENS = /\bwhat (?:if|happens if|do (?:i|we) do if|should (?:i|we) do if) (?:i|she|he|we|they|mum|dad|my \w+) (?:get|gets|got|have|has|notice|notices|develop|develops|start|starts)\b/i;
// A relative's history: "a family history of ovarian cancer", "my dad was an alcoholic".
const FAMILY_HISTORY_BEFORE = /\bfamily history of\s+(?:[\w-]+\s+){0,2}$|\b(?:my|her|his|our) (?:mum|mom|mother|dad|father|brother|sister|grandmother|grandfather|gran|nan|grandad|uncle|aunt|auntie) (?:was|is|had|has been) (?:an? )?$/i;
// Where one part of a compound question ends and the next begins.
const CLAUSE_BREAK = /[,;?!]|\.\s|\band\b/g;
// How far before a concept its context or absence cue may start ("while I'm taking", "no").
const CONTEXT_WINDOW_CHARS = 40;
// The settings that name a line of cancer therapy ("first-line", "second line").
export const LINES_OF_THERAPY: ReadonlySet<string> = new Set(['first-line', 'later-line']);
const ABSENT_WINDOW_CHARS = 24;
// A result said to be normal, just before or after its name ("normal kidneys", "eGFR normal", "LFTs are fine").
const NORMAL_WINDOW_CHARS = 24;
const NORMAL_BEFORE = /\b(?:normal|healthy)\s+$/i;
const ASKS_IF_NORMAL_BEFORE = /(?:^|[.?!]\s*|\b(?:and|but|so)\s+)(?:is|are|was|were)\s+(?:(?:it|this|that|being|having|getting|the|my|her|his|some|a)\s+){0,2}$/i;
const NORMAL_AFTER = /^\s*(?:(?:is|are|was|were|both|all)\s+)?(?:normal|fine|ok|okay|unremarkable|within normal limits|wnl)\b/i;

// A leading "before doing X," clause of a sentence that goes on ("Before starting zoledronic acid, what checks?").
// A term in quotes, not an apostrophe: 'rescue doses', ‘palliative’, "ER 8/8".
const QUOTED_TERM = /(?<![\w'‘’])['‘"“][^'’"”\n]{2,60}['’"”](?![\w'’])/g;
const BEFORE_CLAUSE = /\b(?:before|prior to|ahead of)\s+[\p{L}-]+ing\b[^,;?!.]*,(?=[^,;?!.]*\p{L})/giu;
// What a case may tell around its question: results and symptoms.
const TOLD_FINDINGS: ReadonlySet<ConceptType> = new Set(['measure', 'condition']);
const VALUE_WINDOW_CHARS = 12;
const POINTS_BACK = /\b(?:that|this|these|those|it|they|them)\b/;
type TrialName = { name: string; acronym: string; spaced: boolean; start: number; end: number };
// An acronym (capitals, possibly with a hyphenated word: "DESTINY-Breast", "NRG-BR") and a number.
const TRIAL_NAME = /\b([A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]+)?)([- ])(\d{1,3})\b/g;
// A word long enough to be a medicine's name.
const LONG_WORD = /[a-z]{6,}/g;
// A question told as a report: "The spinal surgeons ask whether she still needs radiotherapy. Does she?"
const ASKS_INDIRECTLY = /\b(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering|want to know|wants to know|not sure|unsure)\s+(?:whether|if)\b/i;
const QUESTION_OPENING = /^\s*(?:what|how|why|when|which|who|where|should|can|could|will|would|does|do|is|are)\b/i;
// Where one sentence of a message ends and the next begins.
const SENTENCE_BREAK = /(?<=[.!?])\s+/;
// "What is…", "what are…", "what does … mean": how a question asking what something is opens.
const ASKS_WHAT_IT_IS = /\bwhat(?:'s| is| are)\b|\bwhat (?:does|do) [^?]{1,40} mean\b/i;
// A clause asking only what something is: "what is zometa", "and what's HER2-low".
// ("What is her Mirels score" asks a value, not what the score is.)
const ASKS_WHAT_SOMETHING_IS = /^\s*(?:so\s+|and\s+|but\s+)?what(?:'s| is| are)\s+(?!(?:her|his|my|their|your|our|its)\b)(?:a |an |the )?[a-z0-9][\w\s'/-]{0,40}$/i;
// What a patient asks of a medicine beside what it is: "what is zometa and how often do I get it?".
const ASKED_BESIDE_WHAT_IT_IS: ReadonlySet<Intent> = new Set(['dose', 'duration', 'adverse-effects', 'monitoring']);

/**
 * The sentences that ask, when a message also tells a story: in "A bone scan shows spots in my spine.
 * What treatment will they offer first?" the scan is what happened and the treatment is what is asked.
 * Undefined when every sentence asks, or none does.
 */
export function askingSentences(text: string): string | undefined {
  const sentences = text.split(SENTENCE_BREAK);
  // A last sentence that opens as a question asks, its question mark left off ("…what checks will they do on her heart").
  const asks = (sentence: string, index: number) => sentence.trimEnd().endsWith('?') || ASKS_INDIRECTLY.test(sentence) || (index === sentences.length - 1 && QUESTION_OPENING.test(sentence));
  const asking = sentences.filter(asks);
  return asking.length > 0 && asking.length < sentences.length ? asking.join(' ') : undefined;
}

/** The sentences of a text with where each starts and ends, split as `askingSentences` splits them. */
function sentenceSpans(text: string): Array<{ text: string; start: number; end: number }> {
  const spans: Array<{ text: string; start: number; end: number }> = [];
  let start = 0;
  // The breaks are kept (a capturing split) so that each sentence's offset can be counted.
  for (const part of text.split(new RegExp(`(${SENTENCE_BREAK.source})`))) {
    if (part.trim() !== '') spans.push({ text: part, start, end: start + part.length });
    start += part.length;
  }
  return spans;
}

// Where a question goes on to ask another: ", and which…", ", and how…".
const ANOTHER_QUESTION = /,\s+and\s+(?=(?:which|what|how|when|where|who|is|are|can|could|do|does|should|will)\b)/g;

/** A sentence's clauses that each ask a question of their own, each asking when the sentence does. */
function askedClauses(span: { text: string; start: number; end: number }): Array<{ text: string; start: number; end: number; asks?: boolean }> {
  const asks = span.text.trimEnd().endsWith('?');
  if (!asks) return [span];
  const clauses: Array<{ text: string; start: number; end: number; asks: boolean }> = [];
  let from = 0;
  for (const match of allMatches(span.text, ANOTHER_QUESTION)) {
    const at = (match.index ?? 0) + match[0].length;
    clauses.push({ text: span.text.slice(from, at), start: span.start + from, end: span.start + at, asks });
    from = at;
  }
  clauses.push({ text: span.text.slice(from), start: span.start + from, end: span.end, asks });
  return clauses;
}

/**
 * Trial-shaped names in a text, lower-cased: an acronym of capitals with a number after a hyphen
 * ("EMBER-3", "DESTINY-Breast04", "ASCENT-04"), or after a space when the acronym has four capitals or
 * more ("MONARCH 1", but also "SINS 13"); "CPS 3" and "ASCO 2023" are neither.
 */
export function trialNamesIn(text: string): TrialName[] {
  const names: TrialName[] = [];
  for (const match of allMatches(text, TRIAL_NAME)) {
    const [, acronym = '', joiner = '', number = ''] = match;
    const spaced = joiner !== '-';
    if (spaced && !/^[A-Z]{4,}$/.test(acronym)) continue;
    names.push({ name: `${acronym}-${number}`.toLowerCase(), acronym: acronym.toLowerCase(), spaced, start: match.index, end: match.index + match[0].length });
  }
  return names;
}

/** Question analysis: intent by cue phrases, focus concepts by dictionary, scope by the knowledge's declaration. */
/** The intents with asking when to get help first. */
function whenToSeekHelpFirst(intents: readonly Intent[]): Intent[] {
  return ['when-to-seek-help', ...intents.filter((intent) => intent !== 'when-to-seek-help')];
}

export function createQuestionAnalyzer(
  guide: AnswerGuide,
  matcher: ConceptMatcher,
  knownWords: ReadonlySet<string> = new Set(),
  knownTrials: ReadonlySet<string> = new Set(),
): QuestionAnalyzer {
  const drugEnding = guide.unknownDrugEndings.length > 0 ? new RegExp(`(?:${guide.unknownDrugEndings.join('|')})$`) : undefined;

  /**
   * Drug-like words of the question that the knowledge never uses and no concept covers: those asked about,
   * and those told as the person's circumstance ("She has type 2 diabetes on metformin. What are the targeted
   * options?"), in a sentence of their own beside a question about something else.
   */
  function unknownDrugsIn(normalized: string, matched: readonly ConceptMatch[], asksOther: boolean): { asked: string[]; told: string[] } {
    if (!drugEnding) return { asked: [], told: [] };
    // Told, not asked: named only in sentences that ask nothing, beside a question about something else.
    const asking = asksOther ? askingSentences(normalized)?.toLowerCase() : undefined;
    const words = allMatches(normalized.toLowerCase(), LONG_WORD);
    const asked = new Set<string>();
    const told = new Set<string>();
    for (const word of words) {
      const start = word.index ?? 0;
      if (matched.some((match) => match.start <= start && start < match.end)) continue;
      if (!drugEnding.test(word[0]) || knownWords.has(word[0])) continue;
      const circumstance = asking !== undefined && !asking.includes(word[0]);
      (circumstance || offeredAmongKnownMedicines(normalized, matched, start, start + word[0].length) ? told : asked).add(word[0]);
    }
    for (const word of asked) told.delete(word);
    return { asked: [...asked], told: [...told] };
  }

  /**
   * An unknown medicine offered as one of several the knowledge does hold ("alpelisib, capivasertib or inavolisib?"):
   * the others are answered, and it is said to be not covered, instead of the whole question going unanswered.
   */
  function offeredAmongKnownMedicines(normalized: string, matched: readonly ConceptMatch[], start: number, end: number): boolean {
    return matched.some(
      (match) =>
        MEDICINE_TYPES.has(match.concept.type) &&
        ((match.end <= start && ALTERNATIVE_SEPARATOR.test(normalized.slice(match.end, start))) || (end <= match.start && ALTERNATIVE_SEPARATOR.test(normalized.slice(end, match.start)))),
    );
  }

  /** Trials the question names that no concept covers and the knowledge never names ("what did EMBER-3 show?"). */
  function unknownTrialsIn(normalized: string, matched: readonly ConceptMatch[]): string[] {
    const overlaps = (trial: TrialName, whole: boolean) =>
      matched.some((match) => (whole ? match.start <= trial.start && trial.end <= match.end : match.start < trial.end && trial.start < match.end));
    const unknown = trialNamesIn(normalized)
      // "ASCENT" matched inside "ASCENT-04" names another trial than ASCENT; but a known word or concept
      // before a space and a number is a score or a grade ("SINS 13", "ECOG 1").
      .filter((trial) => !knownTrials.has(trial.name) && !overlaps(trial, !trial.spaced) && !(trial.spaced && knownWords.has(trial.acronym)))
      .map((trial) => normalized.slice(trial.start, trial.end));
    return [...new Set(unknown)];
  }

  // Every question is read for every intent's cues: one pass over it finds which intents' words it holds
  // (see text/prefilter), and only their patterns are tried, in their ASCII form on ASCII text.
  const intentPatterns = guide.intents.flatMap((entry) => {
    const pattern = compileCueForms(entry.cues);
    return pattern ? [{ intent: entry.intent as Intent, pattern, requirement: cueRequirement(entry.cues), secondary: compileCueForms(entry.secondaryCues, 'gu') }] : [];
  });
  const intentPrefilter = createPrefilter(intentPatterns.map(({ requirement }) => requirement));
  const background = new Set((guide.scope?.background ?? []).map((name) => name.toLowerCase()));
  const notCoveredBy = new Map((guide.scope?.notCovered ?? []).map((entry) => [entry.concept.toLowerCase(), entry]));
  // Words that put a not-covered concept beside what is covered ("radium-223 for breast cancer? I know it's used in prostate").
  const exceptWords = new Map((guide.scope?.notCovered ?? []).flatMap((entry) => {
    const cue = compileCues(entry.exceptWithWords ?? []);
    return cue ? [[entry.concept.toLowerCase(), new RegExp(cue.source, 'gu')] as const] : [];
  }));
  // Concepts that place a question inside the knowledge's domain (metastatic disease).
  const domainAnchors = new Set([...background]);
  const historyCue = compileCues(guide.scope?.historyCues ?? []);

  /** Up to `chars` characters of the (NFKC-normalised) question before `start`. */
  function windowBefore(normalized: string, start: number, chars: number): string {
    return normalized.slice(Math.max(0, start - chars), start);
  }

  /**
   * A relative's history is never what the person asks about, whatever else the message names: "metastatic TNBC and a
   * family history of ovarian cancer", "My dad was an alcoholic".
   */
  function isRelativesHistory(normalized: string, entry: FocusConcept): boolean {
    return notCoveredBy.has(entry.concept.name.toLowerCase()) && FAMILY_HISTORY_BEFORE.test(windowBefore(normalized, entry.start, HISTORY_WINDOW_CHARS));
  }

  /**
   * Whether the question holds a word that puts a not-covered concept beside what is covered, other than in a
   * relative's history: "my dad had breast cancer… is my brother more likely to get prostate cancer?" asks about prostate cancer.
   */
  function namesExceptWord(text: string, entry: FocusConcept): boolean {
    const words = exceptWords.get(entry.concept.name.toLowerCase());
    return words !== undefined && allMatches(text, words).some((match) => !FAMILY_HISTORY_BEFORE.test(windowBefore(text, match.index, HISTORY_WINDOW_CHARS)));
  }

  /** Whether a not-covered concept is named beside one it is held with (`exceptWith`); `named`: lower-cased concept names. */
  function heldBeside(entry: FocusConcept, named: ReadonlySet<string>): boolean {
    return notCoveredBy.get(entry.concept.name.toLowerCase())?.exceptWith.some((name) => named.has(name.toLowerCase())) ?? false;
  }

  function isHistory(normalized: string, entry: FocusConcept): boolean {
    const notCovered = notCoveredBy.get(entry.concept.name.toLowerCase());
    // (A relative's history is read apart, before this: isRelativesHistory.)
    if (!notCovered || !historyCue || !notCovered.history) return false;
    return historyCue.test(normalizeText(windowBefore(normalized, entry.start, HISTORY_WINDOW_CHARS)));
  }

  /** A condition the person also has, told outside the sentences that ask (`asking`, lower-cased). */
  function isComorbidity(normalized: string, entry: FocusConcept, asking: string | undefined): boolean {
    if (asking === undefined || !notCoveredBy.get(entry.concept.name.toLowerCase())?.comorbidity) return false;
    // "…the swelling in my arm is 'lymphoedema'. What is it and how is it treated?" asks about it.
    // …but "What about ibuprofen for my hip when it's sore?" does not.
    if (/^\s*(?:what|how|why)\b[^.?!]*\b(?:is|are|was|does|do|causes?|caused|treat|treated)\s+(?:it|that|this)\b/.test(asking)) return false;
    return !asking.includes(normalized.slice(entry.start, entry.end).toLowerCase());
  }

  /** A condition the person also has, told as what a medicine they take is for, outside the sentences that ask. */
  function isWhatAMedicineIsFor(normalized: string, entry: FocusConcept, asking: string | undefined): boolean {
    if (!notCoveredBy.get(entry.concept.name.toLowerCase())?.comorbidity) return false;
    if (asking?.includes(normalized.slice(entry.start, entry.end).toLowerCase())) return false;
    return TAKEN_FOR_BEFORE.test(windowBefore(normalized, entry.start, CONTEXT_WINDOW_CHARS));
  }

  const pitfallCue = compileCueTest(guide.pitfallCues);
  const sideEffectCue = compileCueTest(guide.sideEffectCues);
  const contextCue = compileCues(guide.contextCues);
  const absentCue = compileCues(guide.absentCues);
  // Cues must end right before the concept, so they are tested against the end of the text before it.
  const contextAtEnd = contextCue && new RegExp(`(?:${contextCue.source})(?:\\s+\\S+){0,4}\\s*$`, 'u');
  // An opener counts only at the start of its clause: "on letrozole" after a comma is a circumstance,
  // "the evidence on palbociclib" is not.
  const contextOpener = compileCues(guide.contextOpeners);
  const openedAsContext = contextOpener && new RegExp(`^\\s*(?:${contextOpener.source})(?:\\s+\\S+){0,4}\\s*$`, 'u');
  // "Elacestrant after palbociclib": a medicine given before is the circumstance of the one asked about.
  const priorCue = compileCues(guide.priorCues);
  const priorAtEnd = priorCue && new RegExp(`(?:${priorCue.source})(?:\\s+\\S+){0,4}\\s*$`, 'u');
  // "No jaw radiotherapy", "without prior chemotherapy": after "no" or "without" one word may stand
  // between; not after a verb's negation ("can I not have denosumab?" asks about denosumab).
  const absentAtEnd =
    absentCue && new RegExp(`(?:(?:${absentCue.source})|(?:^|[^\\p{L}])(?:no|without)\\s+[\\p{L}\\p{N}-]+)\\s*$`, 'u');

  /** The text of the concept's own clause before it: a cue in an earlier clause does not reach it. */
  function clauseBefore(normalized: string, start: number, chars: number): string {
    // A spaced hyphen sets off a clause too: "progressing on endocrine tx - is olaparib an option?".
    return normalizeText(windowBefore(normalized, start, chars).split(/[.,;:!?()\u2013\u2014]| - /).pop() ?? '');
  }

  function intentsOf(question: string): Intent[] {
    // "Before choosing first-line treatment, which tests should I send?" asks about the tests: a clause
    // that sets when is not asked about when the sentence goes on to ask.
    // Words quoted from a letter or a friend ("what are 'rescue doses'?") name what is asked about: they ask nothing.
    const blank = (words: string) => ' '.repeat(words.length);
    const text = withoutStopsOfWhatItTreats(question.replace(BEFORE_CLAUSE, blank).replace(QUOTED_TERM, blank));
    // A compound question is answered in the order it asks: "what treatment first, and how long for?"
    // asks about treatment before duration. An intent is placed by the clause of its first cue that is
    // not only a secondary one ("which" places no choice); within a clause the listed order decides, so
    // "does he need to take anything with it?" asks what is taken with it, not who needs it.
    const clauseOf = (position: number) => (text.slice(0, position).match(CLAUSE_BREAK) ?? []).length;
    const ascii = isAscii(text);
    const holds = intentPrefilter.scan(text);
    const placed = intentPatterns.flatMap(({ intent, pattern, secondary }, index) => {
      if (!intentPrefilter.mayMatch(index, holds)) return [];
      const cues = ascii ? pattern.ascii : pattern.full;
      const first = text.search(cues);
      if (first < 0) return [];
      // The secondary cues blanked out, every other cue keeps its place.
      const primary = secondary ? text.replace(ascii ? secondary.ascii : secondary.full, (cue) => ' '.repeat(cue.length)).search(cues) : first;
      return [{ intent, onlySecondary: primary < 0, clause: clauseOf(primary < 0 ? first : primary) }];
    });
    // An intent found only by its secondary cues goes after the others (the sort is stable).
    const found = placed.sort((a, b) => Number(a.onlySecondary) - Number(b.onlySecondary) || a.clause - b.clause).map(({ intent }) => intent);
    // "What is the dose…" opens like a definition but asks for the dose: a definition is the intent
    // only when nothing else is asked, or when it is asked in a clause of its own ("what is zometa and how often do I get it?").
    const definition = placed.find((entry) => entry.intent === 'definition');
    const ownClause =
      definition !== undefined &&
      !definition.onlySecondary &&
      placed.every((entry) => entry === definition || (entry.clause !== definition.clause && ASKED_BESIDE_WHAT_IT_IS.has(entry.intent))) &&
      ASKS_WHAT_SOMETHING_IS.test(text.split(CLAUSE_BREAK)[definition.clause] ?? '');
    return found.length > 1 && !ownClause ? found.filter((intent) => intent !== 'definition') : found;
  }

  /**
   * "What is a bone scan?" names a scan and asks what it is: a cue inside a concept's name ("scan" of "bone
   * scan", "holiday" of "drug holiday") asks nothing, so a question that, its names blanked, asks only what
   * something is asks for a definition ("What is the dose of denosumab?" still asks the dose).
   */
  function asksOnlyWhatItIs(text: string, matches: readonly ConceptMatch[]): boolean {
    if (!ASKS_WHAT_IT_IS.test(text)) return false;
    let blanked = text;
    for (const match of matches) {
      const surface = normalizeText(match.surface);
      if (surface.trim()) blanked = blanked.split(surface).join(' '.repeat(surface.length));
    }
    const left = intentsOf(blanked);
    return left.length === 1 && left[0] === 'definition';
  }

  function isSaidNormal(normalized: string, match: ConceptMatch): boolean {
    if (match.concept.type !== 'condition' && match.concept.type !== 'measure' && match.concept.type !== 'population') return false;
    const before = normalized.slice(Math.max(0, match.start - NORMAL_WINDOW_CHARS), match.start);
    // "Is (being) constipated normal on morphine?" asks whether it is to be expected: it is what is asked about.
    if (ASKS_IF_NORMAL_BEFORE.test(before)) return false;
    return NORMAL_BEFORE.test(before) || NORMAL_AFTER.test(normalized.slice(match.end, match.end + NORMAL_WINDOW_CHARS));
  }

  /** A mention in a sentence that asks, with no cue making it the person's circumstance. */
  function isAskedAbout(normalized: string, match: ConceptMatch): boolean {
    const sentenceEnd = normalized.slice(match.end).search(/[.?!]/);
    const asks = sentenceEnd >= 0 && normalized[match.end + sentenceEnd] === '?';
    return asks && !contextAtEnd?.test(clauseBefore(normalized, match.start, CONTEXT_WINDOW_CHARS));
  }

  function focusOf(normalized: string, matches: readonly ConceptMatch[]): FocusConcept[] {
    const seen = new Set<string>();
    const focus: FocusConcept[] = [];
    for (const match of matches) {
      if (seen.has(match.concept.name)) {
        // Told as a circumstance, then asked about ("She takes Adcal-D3 calcium tablets… Should she keep taking
        // the calcium tablets?"): the later mention makes it a subject.
        const earlier = focus.findIndex((entry) => entry.concept.name === match.concept.name);
        if (earlier >= 0 && focus[earlier]!.context && isAskedAbout(normalized, match)) focus[earlier] = { ...focus[earlier]!, context: false };
        continue;
      }
      // "ANC 0.9 on day 1, no fever": a concept said to be absent is not asked about.
      if (absentAtEnd?.test(clauseBefore(normalized, match.start, ABSENT_WINDOW_CHARS))) continue;
      // "eGFR normal", "normal kidneys", "LFTs are fine": a result said to be normal is no condition asked about.
      if (isSaidNormal(normalized, match)) continue;
      seen.add(match.concept.name);
      const clause = clauseBefore(normalized, match.start, CONTEXT_WINDOW_CHARS);
      // What a person is "on" is a medicine: "on abemaciclib and the diarrhoea…" does not make diarrhoea a circumstance.
      const medicine = MEDICINE_TYPES.has(match.concept.type);
      // …and so is each medicine that goes on the list ("she's on goserelin, letrozole, ribociclib and denosumab").
      const previous = focus.at(-1);
      const listedAfterContext = medicine && previous !== undefined && previous.context && MEDICINE_TYPES.has(previous.concept.type) && LIST_SEPARATOR.test(normalized.slice(previous.end, match.start));
      // …nor a harm told after it ("im on capecitabine and have diarrhoea"): the harm is what the person has.
      const harmOfMedicineOn = match.concept.sideEffect && previous !== undefined && previous.context && MEDICINE_TYPES.has(previous.concept.type);
      const context = !harmOfMedicineOn && Boolean(contextAtEnd?.test(clause) || (medicine && (openedAsContext?.test(clause) || priorAtEnd?.test(clause))) || listedAfterContext);
      focus.push({ ...match, background: background.has(match.concept.name.toLowerCase()), context });
    }
    // A medicine is the circumstance only beside another treatment or test asked about: in "on abemaciclib
    // and the diarrhoea is getting me down" the diarrhoea is abemaciclib's, so abemaciclib is the subject;
    // in "stopped responding to letrozole and palbociclib, what is the blood test for gene changes for?" the test is.
    const isMedicine = (entry: FocusConcept) => MEDICINE_TYPES.has(entry.concept.type);
    // The class of a medicine the person is on is that medicine ("on denosumab… how long does the
    // antiresorptive effect last?"), not another treatment asked about.
    const contextMedicines = focus.filter((entry) => isMedicine(entry) && entry.context).map((entry) => entry.concept.name);
    const classOfContext = (entry: FocusConcept) => contextMedicines.some((name) => matcher.broader(name).has(entry.concept.name));
    const isAskedSubject = (entry: FocusConcept) => SUBJECTS_BESIDE_CIRCUMSTANCE.has(entry.concept.type) && !entry.context && !entry.background && !classOfContext(entry);
    if (!focus.some(isAskedSubject)) return focus.map((entry) => (isMedicine(entry) && entry.context ? { ...entry, context: false } : entry));
    return focus;
  }

  /**
   * A result or symptom a case only tells around its question ("LFTs are normal and she has no symptoms
   * apart from bone pain. What first-line therapy should she have?") is its circumstance, when the
   * asking sentences name something else of their own (a treatment, setting, subtype…) and do not
   * point back at what was told: not a part asked about, nor one to call not covered.
   */
  function withToldFindings(focus: FocusConcept[], normalized: string, asking: string | undefined, matches: readonly ConceptMatch[]): FocusConcept[] {
    // "…pale and breathless on the stairs. Could that be the olaparib?" asks about what it told.
    if (asking === undefined || POINTS_BACK.test(asking)) return focus;
    // …by any of the words it was told with: "He has type 2 diabetes… Will letrozole affect his blood sugar?" asks about it.
    const askedAbout = (entry: FocusConcept) => matches.some((match) => match.concept.name === entry.concept.name && asking.includes(match.surface.toLowerCase()));
    if (!focus.some((entry) => !entry.background && !TOLD_FINDINGS.has(entry.concept.type) && askedAbout(entry))) return focus;
    // "Exposed necrotic bone… on ZA 2 yrs. Stage and mx? Hold ZA?": a question naming nothing asks about what was told.
    const bare = asking.split(SENTENCE_BREAK).some((sentence) => sentence.trim() !== '' && !focus.some((entry) => sentence.includes(entry.surface.toLowerCase())));
    if (bare) return focus;
    // A score or result told with its value ("SINS 9") decides the answer: it stays a subject.
    const toldWithValue = (entry: FocusConcept) => entry.concept.type === 'measure' && /\d/.test(normalized.slice(entry.end, entry.end + VALUE_WINDOW_CHARS));
    return focus.map((entry) => (TOLD_FINDINGS.has(entry.concept.type) && !entry.background && !askedAbout(entry) && !toldWithValue(entry) ? { ...entry, context: true } : entry));
  }

  /**
   * The not-covered topics declared `apart` that a message asks about in a question of their own, when
   * another of its questions asks about something covered: "Can I still join a clinical trial if it is
   * only in my bones? … 'measurable disease' - what does that mean?" answers what measurable disease is.
   */
  function askedApart(normalized: string, focus: readonly FocusConcept[], excluded: readonly FocusConcept[]): Set<FocusConcept> {
    const apart = excluded.filter((entry) => notCoveredBy.get(entry.concept.name.toLowerCase())?.apart);
    if (apart.length === 0 || apart.length < excluded.length) return new Set();
    // A question joining two questions ("which tests are needed, and which interacting drugs should be avoided?") asks each apart.
    const sentences = sentenceSpans(normalized).flatMap(askedClauses);
    const asks = (span: { text: string; asks?: boolean }) => span.asks ?? span.text.trimEnd().endsWith('?');
    const within = (entry: FocusConcept, span: { start: number; end: number }) => span.start <= entry.start && entry.end <= span.end;
    const holdsTopic = (span: { start: number; end: number }) => excluded.some((topic) => within(topic, span));
    // (Who the question is about counts as a subject here: "I'm a man with breast cancer… will I get the same treatment?")
    const covered = focus.filter((entry) => (SUBJECT_TYPES.has(entry.concept.type) || entry.concept.type === 'population') && !entry.background && !excluded.includes(entry));
    // Another question: one asking without the topics, about a covered subject named in it or in a sentence that tells
    // ("…might not have 'measurable disease'. What does that mean?").
    // …or a question of its own about the disease itself ("What happens if it spreads further, like to my liver? Could I join a trial?").
    const disease = focus.filter((entry) => entry.background && !excluded.includes(entry));
    const otherQuestion =
      sentences.some((span) => asks(span) && !holdsTopic(span)) &&
      sentences.some((span) => !holdsTopic(span) && (covered.some((subject) => within(subject, span)) || (asks(span) && disease.some((entry) => within(entry, span)))));
    if (!otherQuestion) return new Set();
    // The topic asked in a question of its own, not told beside the other ("I drink wine every night. Is that OK with letrozole?"),
    // or told of a covered medicine the other question goes on to ask about ("…on denosumab… missed her dose by 3 weeks. How do
    // we restart, and is there any rebound risk if we stop denosumab?").
    const toldOfMedicine = (span: { start: number; end: number }) => covered.some((subject) => MEDICINE_TYPES.has(subject.concept.type) && within(subject, span));
    // …or told after every question, where nothing asked can point back to it ("Would he end up having chemo? He's
    // dreading losing his hair.", "…do I need to take anything with it? The nurse mentioned calcium but I already eat a lot of cheese").
    const lastAsked = Math.max(-1, ...sentences.filter(asks).map((span) => span.end));
    const toldAfterQuestions = (span: { start: number; end: number; text: string; asks?: boolean }) => !asks(span) && span.start >= lastAsked;
    return new Set(apart.filter((entry) => sentences.some((span) => within(entry, span) && (asks(span) || toldOfMedicine(span) || toldAfterQuestions(span)))));
  }

  /**
   * "What should we watch for, and when do we ring?" about a condition, no medicine named, asks for its
   * warning signs: what to watch for is a medicine's side effects only when a medicine is asked about.
   */
  function warningSignsFirst(intents: Intent[], focus: readonly FocusConcept[]): Intent[] {
    if (intents[0] !== 'adverse-effects' || !intents.includes('when-to-seek-help')) return intents;
    if (focus.some((entry) => MEDICINE_TYPES.has(entry.concept.type) && !entry.background)) return intents;
    return whenToSeekHelpFirst(intents);
  }

  /**
   * "What if I get cramps in my hands?" on a bone medicine asks what to do if a harm happens: when to get help.
   */
  function whenItHappens(intents: Intent[], text: string, focus: readonly FocusConcept[]): Intent[] {
    if (intents[0] === 'when-to-seek-help' || !ASKS_IF_IT_HAPPENS.test(text)) return intents;
    if (!focus.some((entry) => !entry.background && entry.concept.sideEffect)) return intents;
    return whenToSeekHelpFirst(intents);
  }

  /**
   * "Corrected calcium 3.2… what is first-line treatment?": beside a measurement or a harm named alone, first-line asks for
   * the first choice of its treatment, not for a line of cancer therapy, when no medicine or subtype is named.
   */
  function isFirstChoiceOfComplication(entry: FocusConcept, focus: readonly FocusConcept[]): boolean {
    if (!LINES_OF_THERAPY.has(entry.concept.name) || entry.background) return false;
    const others = focus.filter((other) => other !== entry && !other.background && !domainAnchors.has(other.concept.name.toLowerCase()));
    return others.some((other) => other.concept.type === 'measure' || other.concept.sideEffect) && !others.some((other) => MEDICINE_TYPES.has(other.concept.type) || other.concept.type === 'subtype' || other.concept.type === 'biomarker');
  }

  function analyze(question: string): QuestionAnalysis {
    // Normalised once for every cue read from the whole question (intents, pitfalls, side effects).
    const text = normalizeText(question);
    const matches = matcher.find(question);
    const askingText = askingSentences(text) ?? text;
    const asked = intentsOf(askingText);
    const cued = asked.length > 0 ? asked : intentsOf(text);
    const intents = cued[0] !== 'definition' && asksOnlyWhatItIs(askingText, matches) ? (['definition'] as Intent[]) : cued;
    // Normalised once: every cue before a concept is read from this text, a few characters at a time.
    const normalized = question.normalize('NFKC');
    const found = focusOf(normalized, matches);
    const anchored = found.some((entry) => domainAnchors.has(entry.concept.name.toLowerCase()));
    // The person's past, and another condition they are said to have, are background to the question,
    // neither its subject nor a part left uncovered.
    const asking = askingSentences(normalized)?.toLowerCase();
    // …and so is such a condition's treatment told as what the person is on ("…and im on insulin, will it make my diabetes worse"), wherever it is told.
    const onForComorbidity = (entry: FocusConcept) => entry.context && (notCoveredBy.get(entry.concept.name.toLowerCase())?.comorbidity ?? false);
    // …and so is one told as what another medicine is for, outside the sentences that ask ("What about ibuprofen for my hip? I also take ramipril for blood pressure.").
    // (…unless it is named beside what it is held with: warfarin told beside capecitabine is what is asked about.)
    const namedFound = new Set(found.map((entry) => entry.concept.name.toLowerCase()));
    const otherCondition = (entry: FocusConcept) =>
      !heldBeside(entry, namedFound) && (onForComorbidity(entry) || isWhatAMedicineIsFor(normalized, entry, asking) || (anchored && isComorbidity(normalized, entry, asking)));
    const placed = found.map((entry) =>
      otherCondition(entry) || isRelativesHistory(normalized, entry) || (anchored && isHistory(normalized, entry)) ? { ...entry, background: true } : entry,
    );
    const focus = withToldFindings(placed.map((entry) => (isFirstChoiceOfComplication(entry, placed) ? { ...entry, background: true } : entry)), normalized, asking, matches);
    const named = new Set(focus.map((entry) => entry.concept.name.toLowerCase()));
    const excluded = focus
      .filter((entry) => notCoveredBy.has(entry.concept.name.toLowerCase()) && !entry.background)
      .filter((entry) => !heldBeside(entry, named))
      .filter((entry) => !namesExceptWord(text, entry));
    const apart = askedApart(normalized, focus, excluded);
    const notCovered = excluded.filter((entry) => !apart.has(entry)).map((entry) => ({ concept: entry.concept, say: notCoveredBy.get(entry.concept.name.toLowerCase())!.say }));
    const setApart = [...apart].map((entry) => ({ concept: entry.concept, say: notCoveredBy.get(entry.concept.name.toLowerCase())!.say }));
    const ascii = isAscii(text);
    const asksPitfalls = pitfallCue ? pitfallCue(text, ascii) : false;
    const asksSideEffects = sideEffectCue ? sideEffectCue(text, ascii) : false;
    const ordered = whenItHappens(warningSignsFirst(intents, focus), text, focus);
    // The warning signs are the same whatever the subtype: "my mum has triple negative… what should I be listening
    // out for?" asks for the signs, and the subtype is her circumstance, not a part of the answer.
    const signsAsked = ordered[0] === 'when-to-seek-help' ? focus.map((entry) => (SAME_SIGNS_FOR_EACH.has(entry.concept.type) ? { ...entry, context: true } : entry)) : focus;
    const answeredFocus = apart.size > 0 ? signsAsked.filter((entry) => !apart.has(entry)) : signsAsked;
    const unknownDrugs = unknownDrugsIn(normalized, matches, answeredFocus.some((entry) => !entry.background && !entry.context));
    return {
      intent: ordered[0] ?? 'general',
      intents: ordered,
      focus: answeredFocus,
      notCovered,
      setApart,
      asksPitfalls,
      asksSideEffects,
      unknownDrugs: unknownDrugs.asked,
      unknownCircumstances: unknownDrugs.told,
      unknownTrials: unknownTrialsIn(normalized, matches),
    };
  }

  return { analyze, matcher };
}
