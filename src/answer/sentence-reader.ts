import type { AnswerGuide, Intent } from '../domain/types.js';
import { fleschKincaidGrade } from '../knowledge/readability.js';
import { MEDICINE_TYPES } from '../question/analyze-question.js';
import type { ConceptMatch, ConceptMatcher } from '../question/concept-matcher.js';
import { compileCueLists, type CueListReading } from '../question/cue-lists.js';
import type { Analyzer } from '../text/analyzer.js';
import { nfkc, normalizeText } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';

// What the sentence bank knows of a sentence, a heading or a title from its words alone: the concepts it
// names, its terms, the cues it holds. Worked out once per knowledge text at start-up, and what takes
// the time of building the bank; a reading depends on nothing but the text, the guide and the vocabulary.

/** A sentence of a passage, read. */
export type SentenceReading = {
  text: string;
  /** Only the concepts the sentence names itself: a sentence on zoledronic acid does not name bone-modifying agents. */
  named: ReadonlySet<string>;
  /** Content terms (stemmed, synonyms folded), for telling near-duplicates apart. */
  terms: ReadonlySet<string>;
  /** Says what the knowledge does not hold ("no head-to-head trial…"): the bottom line only of a choice. */
  statesLimitation: boolean;
  /** Says that a harm happens ("denosumab can cause severe hypocalcaemia"), in the words of `harmCues`. */
  statesHarm: boolean;
  /** Intents whose answer cues the sentence holds ("every 4 weeks" answers a dose question). */
  answers: ReadonlySet<Intent>;
  /** A number with a unit: a dose, a fraction size. */
  quantity: boolean;
  /** A schedule: every, daily, weekly… */
  interval: boolean;
  /** Concepts the sentence defines: it opens with their name followed by "is", "are", "means"… */
  defines: ReadonlySet<string>;
  /** Drugs (and their broader classes) the sentence gives a dose for: a quantity bound to the drug's name. */
  doses: ReadonlySet<string>;
  /** Drugs (and classes) the sentence gives a step of dose reduction for ("reduced in steps of 50 mg"): not a dose, but how one is lowered. */
  reductionSteps: ReadonlySet<string>;
  /** A question ("What should I ask?") is never a statement to quote. */
  question: boolean;
  /** A sentence that only says where something else is covered. */
  pointer: boolean;
  /** Advice to act later than now ("call today"): not quoted beside an alert to get help now. */
  advisesLater: boolean;
  /** Flesch-Kincaid grade of the sentence alone. */
  grade: number;
};

/** A passage's text, read: its sentences, and the concepts the whole text names (in reading order). */
export type PassageReading = { sentences: readonly SentenceReading[]; named: ReadonlySet<string> };

/** A section heading, read: the concepts it names, its terms, the intents it asks about. */
export type HeadingReading = { named: ReadonlySet<string>; terms: ReadonlySet<string>; asks: ReadonlySet<Intent> };

export type SentenceReader = {
  passage(text: string): PassageReading;
  heading(section: string): HeadingReading;
  /** What a document title is about: its concepts, one of a type (a title naming two drugs is about neither alone). */
  title(title: string): ReadonlySet<string>;
};

const QUANTITY = /\d+(?:\.\d+)?\s?(?:mg\/kg|mg\/m2|mg|mcg|µg|g|Gy|IU|mL|International Units)\b/;
// A definition opens with its subject: "The Mirels score estimates…", "HER2-low breast cancer means…".
const OPENING_CHARS = 8;
// The source a sentence ends by naming: ", according to the Oxford Handbook of Palliative Care."
const SOURCE_NAMED = /,?\s+according to\b[^.;,]*[.;]?\s*$/i;
// A kind of cancer is defined by what it lacks: "Triple-negative cancer has no hormone receptors…".
const DEFINITION_VERB =
  /^(?:\s*\([^)]{1,40}\))?(?:\s+(?:breast cancer|cancer|disease|score))?\s+(?:is|are|means|mean|refers to|describes|estimates|measures|scores|is defined as|are defined as|is an?|are a|lacks?|(?:has|have) no)\b/i;
const INTERVAL = /\bevery\b|\bdaily\b|\bweekly\b|\bmonthly\b|\bonce a\b|\btimes a\b/i;
// (A volume given, "10–20 mL of 10% calcium gluconate", is a dose; a rate per minute, "35 mL/min", is not.)
const DOSE = /\d+(?:\.\d+)?\s?(?:mg\/kg|mg\/m2|mg|mcg|µg|g|IU|International Units|mL(?!\/))\b/g;
// "one-tenth to one-sixth of the total 24-hour morphine dose": a dose told as a share of another.
const DOSE_SHARE = /\b(?:one|a)[- ](?:half|third|quarter|sixth|tenth)\b(?=[^.;]{0,60}\bdose\b)/gi;
// "400 IU of vitamin D", "5 mg of oral immediate-release morphine": a dose written before its drug.
const DOSE_BEFORE_DRUG = /^\s*(?:of|daily of|a day of)?(?:\s+(?:oral|subcutaneous|intravenous))?(?:\s+(?:immediate|sustained|modified|slow|prolonged)-release)?\s*$/;
const DOSE_WINDOW_CHARS = 100;
const REDUCTION_STEP_BEFORE = /\b(?:steps? of|reduced by|reductions? of|decrements? of)\s*$/i;
const REDUCTION_STEP_CHARS = 24;
// A sentence reporting a trial's arms or its progression-free survival ('…months with elacestrant').
const TRIAL_RESULT = /\bprogression-free survival\b|\bmonths with\b|\bversus\b|\bhazard ratio\b/;

/** A sentence saying what the knowledge lacks answers a choice between options and nothing else. */
export const CHOICE_ONLY: ReadonlySet<Intent> = new Set(['choice']);
/** Most sentences define and dose nothing: they share one empty set rather than each holding its own. */
export const NONE: ReadonlySet<string> = new Set();

export function createSentenceReader(guide: AnswerGuide, matcher: ConceptMatcher, analyzer: Analyzer): SentenceReader {
  // Every knowledge sentence is read for each of these cue lists once, at start-up: together, so that a
  // list is only tried on a sentence holding its words.
  const intents = guide.intents.map((entry) => entry.intent as Intent);
  const [pointerList, laterList, limitationList, harmList] = [0, 1, 2, 3].map((offset) => intents.length + offset) as [number, number, number, number];
  const sentenceCues = compileCueLists([...guide.intents.map((entry) => entry.answerCues), guide.pointerCues, guide.lessUrgentCues, guide.limitationCues, guide.harmCues]);
  const headingCues = compileCueLists(guide.intents.map((entry) => entry.cues));

  /** The intents a sentence answers by its words. A trial's median progression-free survival is a result, not the outlook a prognosis question asks about. */
  function answeredIntents(normalized: string, holds: CueListReading): Set<Intent> {
    const answered = new Set(intents.filter((_intent, list) => holds(list)));
    if (answered.has('results') && TRIAL_RESULT.test(normalized)) answered.delete('prognosis');
    return answered;
  }

  /**
   * The drugs a sentence doses: each dose binds to the drug named just before it (or just after it,
   * as in "400 IU of vitamin D"), so "sacituzumab govitecan 10 mg/kg … compared with eribulin" is a
   * sacituzumab dose, never an eribulin one. A step of dose reduction ("reduced in steps of 50 mg") is
   * not a dose: it is read apart, into `reductionSteps`. `matches`: the concepts the sentence names.
   */
  const dosedDrugs = (text: string, matches: readonly ConceptMatch[]): { doses: ReadonlySet<string>; reductionSteps: ReadonlySet<string> } => {
    let doses: Set<string> | undefined;
    let reductionSteps: Set<string> | undefined;
    let drugs: ConceptMatch[] | undefined;
    const normalized = nfkc(text);
    for (const dose of [...normalized.matchAll(DOSE), ...normalized.matchAll(DOSE_SHARE)]) {
      drugs ??= matches.filter((match) => MEDICINE_TYPES.has(match.concept.type));
      const start = dose.index ?? 0;
      const end = start + dose[0].length;
      const after = drugs.find((drug) => drug.start >= end && DOSE_BEFORE_DRUG.test(text.slice(end, drug.start)));
      const before = drugs.filter((drug) => drug.end <= start && start - drug.end <= DOSE_WINDOW_CHARS).at(-1);
      const bound = after ?? before;
      if (!bound) continue;
      const dosed = REDUCTION_STEP_BEFORE.test(text.slice(Math.max(0, start - REDUCTION_STEP_CHARS), start)) ? (reductionSteps ??= new Set()) : (doses ??= new Set());
      dosed.add(bound.concept.name);
      matcher.broader(bound.concept.name).forEach((name) => dosed.add(name));
    }
    return { doses: doses ?? NONE, reductionSteps: reductionSteps ?? NONE };
  };

  /** "Visceral crisis is severe organ dysfunction…": the concept the sentence opens with, when a definition follows. */
  const definedIn = (text: string, matches: readonly ConceptMatch[]): ReadonlySet<string> => {
    const first = matches[0];
    if (!first || first.start > OPENING_CHARS) return NONE;
    // Match offsets are offsets in the NFKC form of the text.
    return DEFINITION_VERB.test(nfkc(text).slice(first.end)) ? new Set([first.concept.name]) : NONE;
  };
  const namesOf = (matches: readonly ConceptMatch[]): Set<string> => new Set(matches.map((match) => match.concept.name));

  /**
   * What a sentence names, less what only the name of its source names: "…, according to the Oxford Handbook of
   * Palliative Care" does not speak of palliative care. A medicine named there is kept ("according to the Zometa
   * prescribing information" is what the label of that medicine says).
   */
  const withoutSourceNamed = (text: string, matches: readonly ConceptMatch[]): readonly ConceptMatch[] => {
    const source = SOURCE_NAMED.exec(nfkc(text));
    if (!source) return matches;
    return matches.filter((match) => match.start < source.index || MEDICINE_TYPES.has(match.concept.type));
  };

  /** One sentence, read: the matcher reads it once, and what it names, defines and doses share that reading. */
  function readSentence(text: string, matches: readonly ConceptMatch[]): SentenceReading {
    const normalized = normalizeText(text);
    const holds = sentenceCues.read(normalized);
    const statesLimitation = holds(limitationList);
    const { doses, reductionSteps } = dosedDrugs(text, matches);
    return {
      text,
      named: namesOf(matches),
      terms: new Set(analyzer.terms(text)),
      statesLimitation,
      statesHarm: holds(harmList),
      answers: statesLimitation ? CHOICE_ONLY : answeredIntents(normalized, holds),
      quantity: QUANTITY.test(text),
      interval: INTERVAL.test(text),
      defines: definedIn(text, matches),
      doses,
      reductionSteps,
      question: text.trim().endsWith('?'),
      pointer: holds(pointerList),
      advisesLater: holds(laterList),
      grade: fleschKincaidGrade([text]),
    };
  }

  return {
    passage(text) {
      const sentences = splitSentences(text).map((sentence) => readSentence(sentence, withoutSourceNamed(sentence, matcher.find(sentence))));
      // What a passage names is what its sentences name, read once (a source's name no more a subject of it than of them).
      const named = sentences.length === 1 ? sentences[0]!.named : new Set(sentences.flatMap((sentence) => [...sentence.named]));
      return { sentences, named };
    },
    heading(section) {
      const holds = headingCues.read(normalizeText(section));
      return {
        named: namesOf(matcher.find(section)),
        terms: new Set(analyzer.terms(section)),
        asks: new Set(intents.filter((_intent, list) => holds(list))),
      };
    },
    title(title) {
      const byType = new Map<string, string[]>();
      for (const match of matcher.find(title)) byType.set(match.concept.type, [...(byType.get(match.concept.type) ?? []), match.concept.name]);
      const named = new Set<string>();
      for (const names of byType.values()) if (new Set(names).size === 1) named.add(names[0]!);
      return named;
    },
  };
}
