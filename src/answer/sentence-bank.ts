import type { AnswerGuide, Intent, KnowledgeBase, KnowledgeDocument, Passage } from '../domain/types.js';
import { MEDICINE_TYPES, isMedicineName } from '../question/analyze-question.js';
import { compileCueTest, isAscii, type CueTest } from '../question/cue-pattern.js';
import type { ConceptMatch, ConceptMatcher } from '../question/concept-matcher.js';
import { fleschKincaidGrade } from '../knowledge/readability.js';
import type { Analyzer } from '../text/analyzer.js';
import { nfkc, normalizeText } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';

/** A sentence of a passage, with what the planner needs to know about it, computed once at start-up. */
export type BankSentence = {
  passage: Passage;
  document: KnowledgeDocument;
  /** Position of the sentence in its passage. */
  index: number;
  /** The passage id and the index: unique in the bank, worked out once because the planner keys its maps by it. */
  key: string;
  /** Position of the passage in the knowledge: sentences of a section are shown in this reading order. */
  order: number;
  text: string;
  /** Concepts the sentence names, with every concept they are within. */
  concepts: ReadonlySet<string>;
  /** Only the concepts the sentence names itself: a sentence on zoledronic acid does not name bone-modifying agents. */
  named: ReadonlySet<string>;
  /** Concepts the passage's section is about (its heading, the title and its sentences name them), with the concepts they are within. */
  context: ReadonlySet<string>;
  /** Only the concepts the heading, the title and the section's sentences name themselves. */
  contextNamed: ReadonlySet<string>;
  /** Concepts the section heading names itself, with the concepts they are within. */
  headingContext: ReadonlySet<string>;
  /** Concepts the document title names (one of a type), with the concepts they are within. */
  titleContext: ReadonlySet<string>;
  /** Content terms (stemmed, synonyms folded), for telling near-duplicates apart. */
  terms: ReadonlySet<string>;
  /** Intents whose answer cues the sentence holds ("every 4 weeks" answers a dose question). */
  answers: ReadonlySet<Intent>;
  /** Intents the passage's section heading asks about ("Dose and schedule of…" is a dose section). */
  headingAsks: ReadonlySet<Intent>;
  /** Content terms of the section heading: a heading that restates the question marks its answer. */
  headingTerms: ReadonlySet<string>;
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
  /** Says what the knowledge does not hold ("no head-to-head trial…"): the bottom line only of a choice. */
  statesLimitation: boolean;
  /** Says that a harm happens ("denosumab can cause severe hypocalcaemia"), in the words of `harmCues`. */
  statesHarm: boolean;
  /** Flesch-Kincaid grade of the sentence alone. */
  grade: number;
};

export type SentenceBank = {
  /** Inverse sentence frequency of a term: rare terms say more about what a sentence is about. */
  rarity(term: string): number;
  sentencesOf(passageId: string): readonly BankSentence[];
  /** The passages of a section that is one table, when the passage belongs to one. */
  wholeUnitOf(passage: Passage): readonly Passage[] | undefined;
  passagesOfSection(sectionKey: string): readonly Passage[];
  /** The pitfall passages of a document. */
  pitfallsOf(docId: string): readonly Passage[];
  /** Every concept named in a sentence, or its section, that names the given concept, anywhere in the knowledge. */
  namedAlongside(concept: string): ReadonlySet<string>;
  /** The side effects sentences name together with a medicine, its members or its classes: most often named first. */
  sideEffectsOf(medicine: string): readonly string[];
  /** A medicine, its members and its classes (but not the background the whole knowledge is about). */
  familyOf(medicine: string): ReadonlySet<string>;
  /** Every sentence that names the concept or one within it, in knowledge order. */
  sentencesNaming(concept: string): readonly BankSentence[];
};

const QUANTITY = /\d+(?:\.\d+)?\s?(?:mg\/kg|mg\/m2|mg|mcg|µg|g|Gy|IU|mL|International Units)\b/;
// A definition opens with its subject: "The Mirels score estimates…", "HER2-low breast cancer means…".
const OPENING_CHARS = 8;
const DEFINITION_VERB = /^(?:\s*\([^)]{1,40}\))?(?:\s+(?:breast cancer|disease|score))?\s+(?:is|are|means|mean|refers to|describes|estimates|measures|scores|is defined as|are defined as|is an?|are a)\b/i;
const INTERVAL = /\bevery\b|\bdaily\b|\bweekly\b|\bmonthly\b|\bonce a\b|\btimes a\b/i;
const DOSE = /\d+(?:\.\d+)?\s?(?:mg\/kg|mg\/m2|mg|mcg|µg|g|IU|International Units)\b/g;
// "400 IU of vitamin D": a dose written before its drug.
const DOSE_BEFORE_DRUG = /^\s*(?:of|daily of|a day of)?\s*$/;
const DOSE_WINDOW_CHARS = 100;
const REDUCTION_STEP_BEFORE = /\b(?:steps? of|reduced by|reductions? of|decrements? of)\s*$/i;
const REDUCTION_STEP_CHARS = 24;
const SHARED_SIDE_EFFECT_MENTIONS = 2;

// Section keys are asked for again and again while planning, always of the same few hundred passages.
const sectionKeys = new WeakMap<Passage, string>();

export function sectionKeyOf(passage: Passage): string {
  let key = sectionKeys.get(passage);
  if (key === undefined) {
    key = passage.id.replace(/-\d+$/, '');
    sectionKeys.set(passage, key);
  }
  return key;
}

// A sentence reporting a trial's arms or its progression-free survival ('…months with elacestrant').
const TRIAL_RESULT = /\bprogression-free survival\b|\bmonths with\b|\bversus\b|\bhazard ratio\b/;
// A sentence saying what the knowledge lacks answers a choice between options and nothing else.
const CHOICE_ONLY: ReadonlySet<Intent> = new Set(['choice']);
// Most sentences define and dose nothing: they share one empty set rather than each holding its own.
const NONE: ReadonlySet<string> = new Set();

function appendTo<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}

export function createSentenceBank(knowledge: KnowledgeBase, guide: AnswerGuide, matcher: ConceptMatcher, analyzer: Analyzer): SentenceBank {
  const documents = new Map(knowledge.documents.map((document) => [document.id, document]));
  // Every knowledge sentence is read for each of these cue lists once, at start-up: testers that read
  // ASCII text (nearly all of it) with the faster ASCII form of each pattern.
  const questionCues = guide.intents
    .map((entry) => ({ intent: entry.intent as Intent, holds: compileCueTest(entry.cues) }))
    .filter((entry): entry is { intent: Intent; holds: CueTest } => Boolean(entry.holds));
  const answerCues = guide.intents
    .map((entry) => ({ intent: entry.intent as Intent, holds: compileCueTest(entry.answerCues) }))
    .filter((entry): entry is { intent: Intent; holds: CueTest } => Boolean(entry.holds));
  const pointer = compileCueTest(guide.pointerCues);
  /** The intents a sentence answers by its words. A trial's median progression-free survival is a result, not the outlook a prognosis question asks about. */
  function answeredIntents(normalized: string, ascii: boolean): Set<Intent> {
    const answered = new Set(answerCues.filter(({ holds }) => holds(normalized, ascii)).map(({ intent }) => intent));
    if (answered.has('results') && TRIAL_RESULT.test(normalized)) answered.delete('prognosis');
    return answered;
  }
  const later = compileCueTest(guide.lessUrgentCues);
  const limitation = compileCueTest(guide.limitationCues);
  const harm = compileCueTest(guide.harmCues);
  const whole = new Set(guide.wholeSections);

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
    for (const dose of nfkc(text).matchAll(DOSE)) {
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
  const namedIn = (text: string): Set<string> => namesOf(matcher.find(text));
  const withBroader = (names: ReadonlySet<string>): Set<string> => {
    const all = new Set(names);
    for (const name of names) matcher.broader(name).forEach((broader) => all.add(broader));
    return all;
  };

  /** What a title is about: its concepts, one of a type (a title naming two drugs is about neither alone). */
  const titleConcepts = (title: string): Set<string> => {
    const byType = new Map<string, string[]>();
    for (const match of matcher.find(title)) byType.set(match.concept.type, [...(byType.get(match.concept.type) ?? []), match.concept.name]);
    const named = new Set<string>();
    for (const names of byType.values()) if (new Set(names).size === 1) named.add(names[0]!);
    return named;
  };

  // Every sentence of every passage, with the concepts it names: the matcher reads each sentence once,
  // and the readings below (what it names, defines and doses) share that one reading.
  const split = knowledge.passages.map((passage) => splitSentences(passage.text).map((text) => ({ text, matches: matcher.find(text) })));

  // What each section is about: the concepts its heading and its sentences name. A bullet that
  // names nothing ("Flu-like symptoms can follow the first drip") is about what its section is about.
  // (Loops, not callbacks, read `split`: a variable no function refers to is not kept with the bank.)
  const sectionNamed = new Map<string, Set<string>>();
  for (const [order, passage] of knowledge.passages.entries()) {
    const key = sectionKeyOf(passage);
    const named = sectionNamed.get(key) ?? namedIn(passage.section);
    // A passage of one sentence is read whole already (passages and sentences are both trimmed).
    const sentences = split[order]!;
    const matches = sentences.length === 1 && sentences[0]!.text === passage.text ? sentences[0]!.matches : matcher.find(passage.text);
    for (const match of matches) named.add(match.concept.name);
    sectionNamed.set(key, named);
  }

  type SectionContext = { named: Set<string>; all: Set<string>; heading: Set<string>; title: Set<string> };
  const contextCache = new Map<string, SectionContext>();
  // What a heading asks and its terms, worked out once per section (for the heading it was worked out from).
  type HeadingReading = { section: string; terms: ReadonlySet<string>; asks: ReadonlySet<Intent> };
  const headingReadings = new Map<string, HeadingReading>();
  const readHeading = (section: string): HeadingReading => {
    const heading = normalizeText(section);
    const ascii = isAscii(heading);
    return { section, terms: new Set(analyzer.terms(section)), asks: new Set(questionCues.filter(({ holds }) => holds(heading, ascii)).map(({ intent }) => intent)) };
  };
  const sections = new Map<string, Passage[]>();
  const bank = new Map<string, BankSentence[]>();
  const pitfalls = new Map<string, Passage[]>();
  for (const [order, passage] of knowledge.passages.entries()) {
    const document = documents.get(passage.docId);
    if (!document) continue;
    if (passage.pitfall) appendTo(pitfalls, passage.docId, passage);
    const key = sectionKeyOf(passage);
    appendTo(sections, key, passage);
    let context = contextCache.get(key);
    if (!context) {
      const title = titleConcepts(document.title);
      const named = new Set([...(sectionNamed.get(key) ?? []), ...title]);
      context = { named, all: withBroader(named), heading: withBroader(namedIn(passage.section)), title: withBroader(title) };
      contextCache.set(key, context);
    }
    let heading = headingReadings.get(key);
    if (heading?.section !== passage.section) {
      heading = readHeading(passage.section);
      headingReadings.set(key, heading);
    }
    const { terms: headingTerms, asks: headingAsks } = heading;
    const sentences = split[order]!.map(({ text, matches }, index): BankSentence => {
      const normalized = normalizeText(text);
      const ascii = isAscii(normalized);
      const statesLimitation = limitation ? limitation(normalized, ascii) : false;
      const named = namesOf(matches);
      const { doses, reductionSteps } = dosedDrugs(text, matches);
      return {
        passage,
        document,
        index,
        key: `${passage.id}\u0000${index}`,
        order,
        text,
        concepts: withBroader(named),
        named,
        context: context!.all,
        contextNamed: context!.named,
        headingContext: context!.heading,
        titleContext: context!.title,
        terms: new Set(analyzer.terms(text)),
        statesLimitation,
        statesHarm: harm ? harm(normalized, ascii) : false,
        answers: statesLimitation ? CHOICE_ONLY : answeredIntents(normalized, ascii),
        headingAsks,
        headingTerms,
        quantity: QUANTITY.test(text),
        interval: INTERVAL.test(text),
        defines: definedIn(text, matches),
        doses,
        reductionSteps,
        question: text.trim().endsWith('?'),
        pointer: pointer ? pointer(normalized, ascii) : false,
        advisesLater: later ? later(normalized, ascii) : false,
        grade: fleschKincaidGrade([text]),
      };
    });
    bank.set(passage.id, sentences);
  }

  const frequency = new Map<string, number>();
  let sentenceCount = 0;
  for (const sentences of bank.values()) {
    for (const sentence of sentences) {
      sentenceCount += 1;
      for (const term of sentence.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    }
  }
  const maxRarity = Math.log(1 + sentenceCount);

  // Filled on first use per concept: the vocabulary bounds its size.
  const alongside = new Map<string, Set<string>>();
  function namedAlongside(concept: string): ReadonlySet<string> {
    let found = alongside.get(concept);
    if (found) return found;
    found = new Set();
    for (const sentences of bank.values()) {
      for (const sentence of sentences) {
        if (!sentence.concepts.has(concept) && !sentence.context.has(concept)) continue;
        for (const name of sentence.concepts) found.add(name);
        for (const name of sentence.context) found.add(name);
      }
    }
    alongside.set(concept, found);
    return found;
  }

  const background = new Set((guide.scope?.background ?? []).map((name) => name.toLowerCase()));
  // What is said of bone-modifying agents holds for denosumab; what is said of denosumab holds for the class.
  const familyOf = (medicine: string): ReadonlySet<string> =>
    new Set([...matcher.narrower(medicine), ...[...matcher.broader(medicine)].filter((name) => !background.has(name.toLowerCase()))]);
  // Filled on first use per medicine, as above.
  const sideEffects = new Map<string, string[]>();
  function sideEffectsOf(medicine: string): readonly string[] {
    const known = sideEffects.get(medicine);
    if (known) return known;
    const family = familyOf(medicine);
    const alone = new Map<string, number>();
    const shared = new Map<string, number>();
    for (const sentences of bank.values()) {
      for (const sentence of sentences) {
        const medicines = [...sentence.named].filter((name) => isMedicineName(matcher, name));
        if (!medicines.some((name) => family.has(name))) continue;
        // A sentence naming other medicines too ("switching from denosumab to zoledronic acid") may be about their harms.
        const counts = medicines.every((name) => family.has(name)) ? alone : shared;
        for (const name of sentence.named) if (matcher.get(name)?.sideEffect) counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
    // A harm only ever named beside other medicines needs saying more than once.
    const sharedOften = [...shared].filter(([name, count]) => !alone.has(name) && count >= SHARED_SIDE_EFFECT_MENTIONS);
    const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1];
    const ranked = [...[...alone].sort(byCount), ...sharedOften.sort(byCount)].map(([name]) => name);
    sideEffects.set(medicine, ranked);
    return ranked;
  }

  // Filled on first use per concept, as above.
  const naming = new Map<string, BankSentence[]>();
  function sentencesNaming(concept: string): readonly BankSentence[] {
    let found = naming.get(concept);
    if (found) return found;
    found = [...bank.values()].flat().filter((sentence) => sentence.concepts.has(concept));
    naming.set(concept, found);
    return found;
  }

  return {
    namedAlongside,
    sideEffectsOf,
    familyOf,
    sentencesNaming,
    rarity: (term) => Math.log(1 + sentenceCount / (1 + (frequency.get(term) ?? 0))) / maxRarity,
    sentencesOf: (passageId) => bank.get(passageId) ?? [],
    wholeUnitOf: (passage) => {
      const key = sectionKeyOf(passage);
      return whole.has(key) ? sections.get(key) : undefined;
    },
    passagesOfSection: (key) => sections.get(key) ?? [],
    pitfallsOf: (docId) => pitfalls.get(docId) ?? [],
  };
}
