import type { AnswerGuide, Intent, KnowledgeBase, KnowledgeDocument, Passage } from '../domain/types.js';
import { isMedicineName } from '../question/analyze-question.js';
import type { ConceptMatcher } from '../question/concept-matcher.js';
import type { HeadingReading, PassageReading, SentenceReader, SentenceReading } from './sentence-reader.js';

/**
 * A sentence of a passage, with what the planner needs to know about it, computed once at start-up: its
 * reading (what its words say) and where it stands (passage, section, document).
 */
export type BankSentence = SentenceReading & {
  passage: Passage;
  document: KnowledgeDocument;
  /** Position of the sentence in its passage. */
  index: number;
  /** Position of the sentence in the bank (`SentenceBank.all`), from 0: what is worked out per sentence at start-up is kept in arrays by it. */
  id: number;
  /** The passage id and the index: unique in the bank, worked out once because the planner keys its maps by it. */
  key: string;
  /** Position of the passage in the knowledge: sentences of a section are shown in this reading order. */
  order: number;
  /** Concepts the sentence names, with every concept they are within. */
  concepts: ReadonlySet<string>;
  /** Concepts the passage's section is about (its heading, the title and its sentences name them), with the concepts they are within. */
  context: ReadonlySet<string>;
  /** Only the concepts the heading, the title and the section's sentences name themselves. */
  contextNamed: ReadonlySet<string>;
  /** Concepts the section heading names itself, with the concepts they are within. */
  headingContext: ReadonlySet<string>;
  /** Concepts the document title names (one of a type), with the concepts they are within. */
  titleContext: ReadonlySet<string>;
  /** Intents the passage's section heading asks about ("Dose and schedule of…" is a dose section). */
  headingAsks: ReadonlySet<Intent>;
  /** Content terms of the section heading: a heading that restates the question marks its answer. */
  headingTerms: ReadonlySet<string>;
};

export type SentenceBank = {
  /** Every sentence, in knowledge order; a sentence's `id` is its position here. */
  all: readonly BankSentence[];
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

function appendTo<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}

type BuiltBank = { bank: Map<string, BankSentence[]>; all: BankSentence[]; sections: Map<string, Passage[]>; pitfalls: Map<string, Passage[]> };

/**
 * Every knowledge sentence with its readings and its section's context, by passage id; the passages of
 * each section and the pitfall passages of each document. Built apart from the bank's queries, so that
 * the reader and what it read are not kept with them.
 */
function buildBank(knowledge: KnowledgeBase, matcher: ConceptMatcher, reader: SentenceReader): BuiltBank {
  const documents = new Map(knowledge.documents.map((document) => [document.id, document]));
  const withBroader = (names: ReadonlySet<string>): Set<string> => {
    const all = new Set(names);
    for (const name of names) matcher.broader(name).forEach((broader) => all.add(broader));
    return all;
  };
  // A heading is read once per section (for the heading it was read from: two sections may share a key).
  const headings = new Map<string, { section: string; reading: HeadingReading }>();
  const headingOf = (key: string, section: string): HeadingReading => {
    let heading = headings.get(key);
    if (heading?.section !== section) {
      heading = { section, reading: reader.heading(section) };
      headings.set(key, heading);
    }
    return heading.reading;
  };
  const titles = new Map<string, ReadonlySet<string>>();
  const titleOf = (document: KnowledgeDocument): ReadonlySet<string> => {
    let title = titles.get(document.id);
    if (!title) {
      title = reader.title(document.title);
      titles.set(document.id, title);
    }
    return title;
  };

  // Every passage read once; what each section is about: the concepts its heading and its sentences
  // name. A bullet that names nothing ("Flu-like symptoms can follow the first drip") is about what
  // its section is about.
  const readings: PassageReading[] = [];
  const sectionNamed = new Map<string, Set<string>>();
  for (const passage of knowledge.passages) {
    const reading = reader.passage(passage.text);
    readings.push(reading);
    const key = sectionKeyOf(passage);
    const named = sectionNamed.get(key) ?? new Set(headingOf(key, passage.section).named);
    for (const name of reading.named) named.add(name);
    sectionNamed.set(key, named);
  }

  type SectionContext = { named: Set<string>; all: Set<string>; heading: Set<string>; title: Set<string> };
  const contextCache = new Map<string, SectionContext>();
  const sections = new Map<string, Passage[]>();
  const bank = new Map<string, BankSentence[]>();
  const all: BankSentence[] = [];
  const pitfalls = new Map<string, Passage[]>();
  for (const [order, passage] of knowledge.passages.entries()) {
    const document = documents.get(passage.docId);
    if (!document) continue;
    if (passage.pitfall) appendTo(pitfalls, passage.docId, passage);
    const key = sectionKeyOf(passage);
    appendTo(sections, key, passage);
    let context = contextCache.get(key);
    if (!context) {
      const title = titleOf(document);
      const named = new Set([...(sectionNamed.get(key) ?? []), ...title]);
      context = { named, all: withBroader(named), heading: withBroader(headingOf(key, passage.section).named), title: withBroader(title) };
      contextCache.set(key, context);
    }
    const { terms: headingTerms, asks: headingAsks } = headingOf(key, passage.section);
    // The reading's fields are listed, not spread: every bank sentence then has one object shape, whether its
    // reading was made now or replayed from the start-up cache.
    const sentences = readings[order]!.sentences.map(
      (sentence, index): BankSentence => ({
        passage,
        document,
        index,
        id: all.length + index,
        key: `${passage.id}\u0000${index}`,
        order,
        text: sentence.text,
        concepts: withBroader(sentence.named),
        named: sentence.named,
        context: context!.all,
        contextNamed: context!.named,
        headingContext: context!.heading,
        titleContext: context!.title,
        terms: sentence.terms,
        statesLimitation: sentence.statesLimitation,
        statesHarm: sentence.statesHarm,
        answers: sentence.answers,
        headingAsks,
        headingTerms,
        quantity: sentence.quantity,
        interval: sentence.interval,
        defines: sentence.defines,
        doses: sentence.doses,
        reductionSteps: sentence.reductionSteps,
        question: sentence.question,
        pointer: sentence.pointer,
        advisesLater: sentence.advisesLater,
        grade: sentence.grade,
      }),
    );
    bank.set(passage.id, sentences);
    all.push(...sentences);
  }

  return { bank, all, sections, pitfalls };
}

/**
 * The bank of every knowledge sentence. `reader` reads each text (see sentence-reader); a start-up cache
 * may give one that returns readings recorded before, which builds the same bank.
 */
export function createSentenceBank(knowledge: KnowledgeBase, guide: AnswerGuide, matcher: ConceptMatcher, reader: SentenceReader): SentenceBank {
  const { bank, all, sections, pitfalls } = buildBank(knowledge, matcher, reader);
  const whole = new Set(guide.wholeSections);

  const frequency = new Map<string, number>();
  let sentenceCount = 0;
  for (const sentence of all) {
    sentenceCount += 1;
    for (const term of sentence.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
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
  /** Whether the medicines named are every member of a class of the medicine, beside its own family, and nothing else. */
  function namesWholeClassOf(medicine: string, medicines: readonly string[], family: ReadonlySet<string>): boolean {
    return [...matcher.broader(medicine)].some((drugClass) => {
      const members = [...matcher.narrower(drugClass)].filter((name) => name !== drugClass && matcher.narrower(name).size === 1);
      return members.length > 1 && members.every((name) => medicines.includes(name)) && medicines.every((name) => family.has(name) || members.includes(name));
    });
  }

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
        // A sentence naming other medicines too ("switching from denosumab to zoledronic acid") may be about their harms;
        // one naming every member of the medicine's class ("Letrozole, anastrozole and exemestane often cause…") speaks of each.
        const counts = medicines.every((name) => family.has(name)) || namesWholeClassOf(medicine, medicines, family) ? alone : shared;
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
    found = all.filter((sentence) => sentence.concepts.has(concept));
    naming.set(concept, found);
    return found;
  }

  return {
    all,
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
