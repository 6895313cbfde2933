import type { AnswerGuide, ConceptType } from '../domain/types.js';
import { MEDICINE_TYPES } from '../question/analyze-question.js';
import type { ConceptMatcher } from '../question/concept-matcher.js';
import type { BankSentence, SentenceBank } from './sentence-bank.js';

// What the planner asks of a knowledge sentence that depends on the knowledge and the vocabulary alone,
// never on the question: worked out once per sentence at start-up instead of again for every candidate
// of every question (the planner reads each of these for some thirty candidates a question, several
// times over).

/** What kind of concept a name is, as the planner tells them apart; fixed by the vocabulary. */
export type ConceptKinds = {
  /** A drug, a class of drugs or a procedure: what a question may be about instead of another. */
  isSubject(name: string): boolean;
  /** A subtype that holds several ("the type of breast cancer"): every subtype is one, so it tells none apart. */
  isUmbrella(name: string): boolean;
  /** A tumour subtype in particular. */
  isSubtype(name: string): boolean;
  /** A condition, population, setting, subtype or biomarker outside the background: what a sentence may be about that a question did not name. */
  isQualifier(name: string): boolean;
  isDrug(name: string): boolean;
  /** A drug or a class of drugs. */
  isMedicine(name: string): boolean;
  /** The classes a concept is within, less the background the whole knowledge is about, in the matcher's order. */
  classesOf(name: string): readonly string[];
};

/** What a question may be about instead of another: a drug, a class of drugs or a procedure. */
export const SUBJECT_KINDS: ReadonlySet<ConceptType> = new Set(['drug', 'drug-class', 'procedure']);
const QUALIFYING_TYPES: ReadonlySet<ConceptType> = new Set(['condition', 'population', 'setting', 'subtype', 'biomarker']);

/** Each answer is worked out once per name: the vocabulary bounds them. */
function perName<T>(compute: (name: string) => T): (name: string) => T {
  const known = new Map<string, T>();
  return (name) => {
    if (known.has(name)) return known.get(name)!;
    const value = compute(name);
    known.set(name, value);
    return value;
  };
}

export function conceptKinds(matcher: ConceptMatcher, guide: AnswerGuide): ConceptKinds {
  const background = new Set((guide.scope?.background ?? []).map((name) => name.toLowerCase()));
  const typeOf = (name: string) => matcher.get(name)?.type;
  const isUmbrella = perName((name) => typeOf(name) === 'subtype' && matcher.narrower(name).size > 1);
  const isSubtype = perName((name) => typeOf(name) === 'subtype' && !isUmbrella(name));
  const isSubject = perName((name) => SUBJECT_KINDS.has(typeOf(name) ?? ('' as ConceptType)));
  const isQualifier = perName((name) => {
    const type = typeOf(name);
    return type !== undefined && QUALIFYING_TYPES.has(type) && !isUmbrella(name) && !background.has(name.toLowerCase());
  });
  const isDrug = perName((name) => typeOf(name) === 'drug');
  const isMedicine = perName((name) => MEDICINE_TYPES.has(typeOf(name) ?? ('' as ConceptType)));
  const classesOf = perName((name) => [...matcher.broader(name)].filter((broader) => !background.has(broader.toLowerCase())));
  return { isSubject, isUmbrella, isSubtype, isQualifier, isDrug, isMedicine, classesOf };
}

// A sentence that points back at the one before it: by how it opens ("Doctors call this short rise in
// pain a pain flare", "They…"; "it is important to…" points at nothing), or by "these" anywhere ("tablets
// that work against cancers with these gene changes"). "Those" inside a sentence is mostly "those with…".
export const REFERS_BACK = /^(?:(?:doctors|nurses|we|people) (?:call|calls|name) (?:this|that|it|them|the problem|this problem)\b|(?:this|those|such|they)\b|it\b(?!(?:'s| is) (?:important|best|safe|normal|common|rare|possible|usual|not|ok|okay|fine|hard|worth|unusual)\b))|\bthese\b/i;
// A sentence spoken to its reader.
const ADDRESSES_READER = /\b(?:you|your|yours|yourself)\b/i;
// …nor is a leaflet's instruction to its reader ("Do not let a dentist pull a tooth…", "get help now").
const INSTRUCTS_READER = /^(?:do not|don't|never|always|get help|call|ring|phone|tell|ask|take|keep|see|check|write|try|avoid|make sure|go|stop)\b|\bso get help\b/i;
const FIGURE = /\d+(?:[.,]\d+)?/g;

export type SentenceTraits = {
  /** The qualifiers (see `ConceptKinds`) the sentence names with what they are within, then those only its heading names. */
  qualifiers: readonly string[];
  /** The subjects (drugs, classes, procedures) the sentence names itself. */
  subjects: readonly string[];
  /** The subtypes the sentence or its heading names, else those its document's topics name. */
  subtypes: readonly string[];
  /** The drugs the sentence names, with what they are within. */
  drugs: readonly string[];
  /** The medicines (drugs and classes) the sentence names itself. */
  medicines: readonly string[];
  /** The sentence points back at the one before it. */
  refersBack: boolean;
  /** Patient text spoken to its reader ("call your cancer team's 24-hour line today"): not advice to a clinician. */
  speaksToPatient: boolean;
  /** The distinct numbers the sentence states, sorted and joined: parallel sentences giving other figures say something else. */
  figures: string;
  /** The sentence's terms as numbers, ascending, so that two sentences' terms are compared by one merge. */
  termIds: Int32Array;
};

export type SentenceTraitTable = {
  of(sentence: BankSentence): SentenceTraits;
  /** How many terms two sentences share, and what share of the smaller set of terms that is (as comparing their `terms` gives). */
  sharedTerms(a: BankSentence, b: BankSentence): { shared: number; ofSmaller: number };
};

/** The traits of every sentence of the bank, by its id. */
export function sentenceTraits(bank: SentenceBank, kinds: ConceptKinds): SentenceTraitTable {
  const termNumbers = new Map<string, number>();
  const numberOf = (term: string) => {
    let id = termNumbers.get(term);
    if (id === undefined) {
      id = termNumbers.size;
      termNumbers.set(term, id);
    }
    return id;
  };
  const table = bank.all.map((sentence): SentenceTraits => {
    const qualifiers = [...sentence.concepts].filter(kinds.isQualifier);
    for (const name of sentence.headingContext) if (!sentence.concepts.has(name) && kinds.isQualifier(name)) qualifiers.push(name);
    const ownSubtypes = [...sentence.concepts, ...sentence.headingContext].filter(kinds.isSubtype);
    return {
      qualifiers,
      subjects: [...sentence.named].filter(kinds.isSubject),
      subtypes: ownSubtypes.length > 0 ? ownSubtypes : sentence.document.topics.filter(kinds.isSubtype),
      drugs: [...sentence.concepts].filter(kinds.isDrug),
      medicines: [...sentence.named].filter(kinds.isMedicine),
      refersBack: REFERS_BACK.test(sentence.text),
      speaksToPatient: sentence.document.audience !== 'professional' && (ADDRESSES_READER.test(sentence.text) || INSTRUCTS_READER.test(sentence.text)),
      figures: [...new Set(sentence.text.match(FIGURE) ?? [])].sort().join(' '),
      termIds: Int32Array.from(sentence.terms, numberOf).sort(),
    };
  });
  return {
    of: (sentence) => table[sentence.id]!,
    sharedTerms(a, b) {
      const left = table[a.id]!.termIds;
      const right = table[b.id]!.termIds;
      const smaller = Math.min(left.length, right.length);
      if (smaller === 0) return { shared: 0, ofSmaller: 0 };
      let shared = 0;
      for (let i = 0, j = 0; i < left.length && j < right.length; ) {
        const difference = left[i]! - right[j]!;
        if (difference === 0) {
          shared += 1;
          i += 1;
          j += 1;
        } else if (difference < 0) i += 1;
        else j += 1;
      }
      return { shared, ofSmaller: shared / smaller };
    },
  };
}
