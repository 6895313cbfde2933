import type { AnswerGuide, Finding, Intent, KnowledgeBase } from '../domain/types.js';
import { ASKS_WHETHER_TO_STOP, asksIfAllowed, createAnswerPlanner, type AnswerPlanner, type PlannedAnswer } from './plan-answer.js';
import { knowledgeWords, type KnowledgeWords } from './knowledge-words.js';
import { createSentenceBank, type SentenceBank } from './sentence-bank.js';
import { createSentenceReader, type SentenceReader } from './sentence-reader.js';
import type { CaseFacts } from '../rules/case-schema.js';
import type { Analyzer } from '../text/analyzer.js';
import { normalizeText } from '../text/normalize.js';
import { createFollowUpRewriter, type FollowUpRewriter } from '../conversation/rewrite-follow-up.js';
import { MEDICINE_TYPES, askingSentences, createQuestionAnalyzer, type QuestionAnalysis, type QuestionAnalyzer } from '../question/analyze-question.js';
import { createConceptMatcher, type ConceptMatcher } from '../question/concept-matcher.js';
import { compileCues } from '../question/cue-pattern.js';

export type AnsweringTools = {
  matcher: ConceptMatcher;
  analyzer: QuestionAnalyzer;
  bank: SentenceBank;
  planner: AnswerPlanner;
  followUps: FollowUpRewriter;
  /** The message speaks of a person (a patient, "my mum", measured values), not of a topic. */
  describesCase(message: string, facts: Partial<CaseFacts>): boolean;
  /**
   * The findings worth showing: for a case, those bearing on what it asks about and any critical
   * one (all of them when it asks about nothing in particular); for a general question, only those
   * bearing on its focus. Bounded, so findings never crowd out the answer. `question`: the message,
   * whose asking part orders the findings that bear on it.
   */
  selectFindings(findings: readonly Finding[], analysis: QuestionAnalysis, isCase: boolean, question?: string): Finding[];
  /** Whether the first finding answers what the message's asking part names (or it names nothing: it asks about the case). */
  findingsAnswerAsked(findings: readonly Finding[], analysis: QuestionAnalysis, question: string): boolean;
  emptyPlan(analysis: QuestionAnalysis): PlannedAnswer;
};

// Facts that can only be a person's own: a topic question never states a creatinine.
const PERSONAL_FACTS: ReadonlyArray<keyof CaseFacts> = [
  'age',
  'weightKg',
  'creatinineMgPerDl',
  'creatinineClearance',
  'egfr',
  'neutrophilCount',
  'calciumMgPerDl',
  'correctedCalciumMgPerDl',
  'albuminGPerDl',
  'priorLinesForMetastatic',
  'mirelsScore',
  'sinsScore',
  'boneLesions',
  'spine',
  'regularOralMorphineMgPerDay',
];

/** The part of a message that asks: its questions when it also tells (as question analysis reads it), else its last clause after a dash or colon. */
function askingPartOf(text: string): string {
  return askingSentences(text) ?? text.split(/\s[\u2014\u2013-]\s|:\s/).at(-1) ?? text;
}

/** Where in the asking part of a message each concept it asks about is first named; concepts named only in the telling part are left out. */
function placesAsked(analysis: QuestionAnalysis, question: string): Map<string, number> {
  const asking = askingPartOf(question).toLowerCase();
  const places = new Map<string, number>();
  for (const entry of analysis.focus) {
    if (entry.background) continue;
    const at = asking.indexOf(entry.surface.toLowerCase());
    const known = places.get(entry.concept.name);
    if (at >= 0 && (known === undefined || at < known)) places.set(entry.concept.name, at);
  }
  return places;
}

// A finding's result that states a dose: `doseMg`, `zoledronicAcidDoseMg`…
const DOSE_RESULT = /doseMg$/i;
const INSTEAD = /\binstead\b/i;
const STATED_DOSE = /\b\d+(?:\.\d+)?\s*mg\b(?!\s*\/)/i;
// The kinds of concept that say whose case it is: a subtype, a condition, a biomarker.
const CASE_QUALIFIER_TYPES: ReadonlySet<string> = new Set(['subtype', 'condition', 'biomarker']);
const TREATMENT_TYPES: ReadonlySet<string> = new Set(['drug', 'drug-class', 'procedure']);
const NOT_ANSWERED_BY_FINDINGS: ReadonlySet<Intent> = new Set(['adverse-effects', 'definition', 'prognosis', 'reason']);

// How many findings an answer shows: a case gets its assessment, a general question a few that bear on it.
const MAX_FINDINGS = { general: 3, case: 8 } as const;

/**
 * What start-up may have worked out already from the same knowledge (see startup/): the knowledge's
 * words, and the reader to build the sentence bank with, given how to make the one that reads the
 * texts now. Without them the words are read and the texts are read now.
 */
export type PreparedReadings = {
  words?: KnowledgeWords;
  reader?: (live: () => SentenceReader) => SentenceReader;
};

/** Everything question analysis and answer planning need, built once from the knowledge folder. */
export function createAnsweringTools(knowledge: KnowledgeBase, guide: AnswerGuide, textAnalyzer: Analyzer, prepared: PreparedReadings = {}): AnsweringTools {
  // Every word the knowledge uses, as written (for telling unknown words apart) and folded (for matching).
  const words = prepared.words ?? knowledgeWords(knowledge);
  const matcher = createConceptMatcher(guide.concepts, words.known);
  const analyzer = createQuestionAnalyzer(guide, matcher, words.written, words.trials);
  const live = () => createSentenceReader(guide, matcher, textAnalyzer);
  const reader = prepared.reader ? prepared.reader(live) : live();
  const bank = createSentenceBank(knowledge, guide, matcher, reader);
  const planner = createAnswerPlanner({ guide, bank, matcher, analyzer: textAnalyzer });
  const caseCue = compileCues(guide.caseCues);
  const backgroundNames = new Set((guide.scope?.background ?? []).map((name) => name.toLowerCase()));
  // A concept the previous question said was absent ("no visceral crisis") is not carried into a follow-up,
  // nor the person's past ("relapsing after adjuvant trastuzumab"): carried without its history cue it would
  // read as the subject ("…in adjuvant?") and the follow-up would be refused. Nor is a medicine the person
  // is on beside the one asked about ("stopped responding to letrozole and palbociclib"): carried with
  // "with" it would become the subject of "what tablet would I get if it shows ESR1?".
  const carriedFocus = (question: string) =>
    new Set(
      analyzer
        .analyze(question)
        .focus.filter((entry) => (!entry.background || backgroundNames.has(entry.concept.name.toLowerCase())) && !(entry.context && MEDICINE_TYPES.has(entry.concept.type)))
        .map((entry) => entry.concept.name),
    );
  // Topics the knowledge declares not covered (its past, such as adjuvant treatment, aside) are never a lasting fact of the person.
  const uncoveredTopics = new Set((guide.scope?.notCovered ?? []).filter((entry) => !entry.history).map((entry) => entry.concept.toLowerCase()));
  const followUps = createFollowUpRewriter(matcher, backgroundNames, carriedFocus, uncoveredTopics, bank.sideEffectsOf);
  const passageSections = new Map(knowledge.passages.map((passage) => [passage.id, passage.section]));

  // A finding's wording depends on the case, so its concepts are cached by its text (bounded).
  const findingConceptCache = new Map<string, Set<string>>();
  function findingConcepts(finding: Finding): Set<string> {
    const sections = finding.passageIds.map((id) => passageSections.get(id) ?? '').join('. ');
    const text = `${finding.title}. ${finding.summary}. ${sections}`;
    let named = findingConceptCache.get(text);
    if (!named) {
      if (findingConceptCache.size > 1_000) findingConceptCache.clear();
      named = conceptsOf(text);
      findingConceptCache.set(text, named);
    }
    return named;
  }

  /** The medicines a question asks about, not those the person is on or those told as background. */
  function medicinesAskedIn(analysis: QuestionAnalysis): string[] {
    return analysis.focus.filter((entry) => !entry.background && !entry.context && MEDICINE_TYPES.has(entry.concept.type)).map((entry) => entry.concept.name);
  }

  /** Whether a finding speaks only of medicines other than those asked about (and their kinds): zoledronic acid's band beside capecitabine. */
  function onOtherMedicinesOnly(finding: Finding, medicinesAsked: readonly string[]): boolean {
    if (medicinesAsked.length === 0) return false;
    const askedKin = new Set(medicinesAsked.flatMap((name) => [name, ...matcher.broader(name), ...matcher.narrower(name)]));
    const medicines = [...findingConcepts(finding)].filter((name) => {
      const type = matcher.get(name)?.type;
      return type !== undefined && MEDICINE_TYPES.has(type);
    });
    return medicines.length > 0 && !medicines.some((name) => askedKin.has(name));
  }

  function conceptsOf(text: string): Set<string> {
    const names = new Set<string>();
    for (const match of matcher.find(text)) {
      names.add(match.concept.name);
      matcher.broader(match.concept.name).forEach((name) => names.add(name));
    }
    return names;
  }

  return {
    matcher,
    analyzer,
    bank,
    planner,
    followUps,
    describesCase(message, facts) {
      if (PERSONAL_FACTS.some((key) => facts[key] !== undefined)) return true;
      return caseCue ? caseCue.test(normalizeText(message)) : false;
    },
    selectFindings(findings, analysis, isCase, question = '') {
      // Asked for the warning signs, the person's subtype is their circumstance: its therapy is not what is asked.
      const asked = analysis.focus.filter((entry) => !entry.background && !(entry.context && analysis.intent === 'when-to-seek-help')).map((entry) => entry.concept.name);
      const bearsOn = (names: readonly string[]) => (finding: Finding) => {
        const named = findingConcepts(finding);
        return names.some((name) => named.has(name));
      };
      // In a case, a condition a finding names about what was asked joins the focus: a stated
      // corrected calcium found to be moderate hypercalcaemia brings the hypercalcaemia findings.
      const conditions = isCase
        ? findings.filter(bearsOn(asked)).flatMap((finding) => [...findingConcepts(finding)].filter((name) => matcher.get(name)?.type === 'condition' && !backgroundNames.has(name.toLowerCase())))
        : [];
      const focus = [...new Set([...asked, ...conditions])];
      const bears = bearsOn(focus);
      const urgency = (finding: Finding) => (finding.indicator === 'critical' ? 0 : finding.indicator === 'warning' ? 1 : 2);
      const critical = (finding: Finding) => finding.indicator === 'critical';
      // Below what is critical, a finding on what the asking part of the message names first comes first:
      // "HER2+ MBC … first-line regimen … and which bone agent alongside?" leads with the HER2 regimen, not
      // the dental check; "68-year-old, ER+ HER2- … — which bone agent and what dose?" with the bone agent.
      const firstAsked = placesAsked(analysis, question);
      const place = (finding: Finding) => Math.min(Infinity, ...[...findingConcepts(finding)].map((name) => firstAsked.get(name) ?? Infinity));
      // A choice is answered by the finding that weighs the options asked about against each other
      // ("zoledronic acid at a reduced dose or denosumab: which?"), before one on a single option.
      const optionsWeighed = (finding: Finding) => (analysis.intent === 'choice' ? [...findingConcepts(finding)].filter((name) => firstAsked.has(name)).length : 0);
      // A dose asked about or argued over ("4 mg… the other says 3.3 mg. Who is right?") is answered by the finding that gives one.
      const asksDose = analysis.intent === 'dose' || (analysis.intent !== 'choice' && STATED_DOSE.test(question));
      const givesDose = (finding: Finding) => (asksDose ? Number(Object.keys(finding.result).some((key) => DOSE_RESULT.test(key))) : 0);
      // "Starting denosumab, CrCl 45. What dose?" is not led by the zoledronic acid band the clearance gives.
      const medicinesAsked = medicinesAskedIn(analysis);
      const ofMedicineAsked = (finding: Finding) => (analysis.intent === 'dose' && medicinesAsked.length > 0 ? Number(medicinesAsked.some((name) => findingConcepts(finding).has(name))) : 0);
      const ranked = [...findings].sort(
        (a, b) =>
          Number(bears(b)) - Number(bears(a)) ||
          Number(critical(b)) - Number(critical(a)) ||
          ofMedicineAsked(b) - ofMedicineAsked(a) ||
          optionsWeighed(b) - optionsWeighed(a) ||
          place(a) - place(b) ||
          givesDose(b) - givesDose(a) ||
          urgency(a) - urgency(b),
      );
      // "CrCl 42, capecitabine starting dose?" asks about capecitabine: a finding only on other medicines
      // (zoledronic acid's band for that clearance, the bone agent to choose at it) answers someone else's question,
      // unless it is critical.
      const ofOtherMedicines = (finding: Finding) => onOtherMedicinesOnly(finding, medicinesAsked);
      // (A finding on the subtype or condition the case names still belongs to the case: the first-line therapy of an
      // HR-positive case beside "which bone agent and what dose?".)
      const caseNamed = new Set(asked.filter((name) => CASE_QUALIFIER_TYPES.has(matcher.get(name)?.type ?? 'setting') && !backgroundNames.has(name.toLowerCase())));
      const ofTheCase = (finding: Finding) => [...findingConcepts(finding)].some((name) => caseNamed.has(name));
      // (…nor does "cape CrCl 28?" or "can she carry on with capecitabine?" ask what the clearance means for a bone agent.)
      const onMedicinesAsked =
        medicinesAsked.length > 0 ? ranked.filter((finding) => critical(finding) || ofTheCase(finding) || !ofOtherMedicines(finding)) : ranked;
      if (!isCase) return onMedicinesAsked.filter(bears).slice(0, MAX_FINDINGS.general);
      if (focus.length === 0) return onMedicinesAsked.slice(0, MAX_FINDINGS.case);
      return onMedicinesAsked.filter((finding) => bears(finding) || finding.indicator === 'critical').slice(0, MAX_FINDINGS.case);
    },
    findingsAnswerAsked(findings, analysis, question) {
      // A rule finds what to give, how much and what to check; it does not say what harms a treatment
      // has, what a word means, the outlook, why, or what a trial showed; a dose question is answered by findings only when one gives a dose.
      // …but "Total calcium 2.45 with albumin 25: what is the corrected calcium?" asks for a value worked out from those given.
      const first = findings[0];
      const measuresAsked = analysis.focus.filter((entry) => entry.concept.type === 'measure' && !entry.background).map((entry) => entry.concept.name);
      if (analysis.intent === 'definition' && first !== undefined && /\d/.test(question) && [...findingConcepts(first)].some((name) => measuresAsked.includes(name))) return true;
      if (NOT_ANSWERED_BY_FINDINGS.has(analysis.intent)) return false;
      if (analysis.intent === 'results' && analysis.focus.some((entry) => entry.concept.type === 'trial')) return false;
      // …or withholds the drug: "creatinine up from 0.8 to 1.4… just drop her to 3.3 mg?" is answered by "withheld".
      const decidesDose = (finding: Finding) => Object.entries(finding.result).some(([key, value]) => DOSE_RESULT.test(key) || value === 'withhold' || value === 'not recommended');
      if (analysis.intent === 'dose' && !findings.some(decidesDose)) return false;
      if (!first) return false;
      // A condition reported beside a medicine ("2 cycles in… a dry cough… on trastuzumab deruxtecan") is
      // what is asked about: a finding that does not speak of it does not lead.
      const reported = analysis.focus.filter((entry) => entry.concept.type === 'condition' && !entry.context && !entry.background).map((entry) => entry.concept.name);
      const onMedicine = analysis.focus.some((entry) => MEDICINE_TYPES.has(entry.concept.type));
      if (reported.length > 0 && onMedicine && first.indicator !== 'critical' && ![...findingConcepts(first)].some((name) => reported.includes(name))) return false;
      // "She is 10 weeks pregnant - can she still have ribociclib?" asks about the treatment in that person: a
      // finding recommending it that does not speak of her pregnancy does not lead.
      const populations = analysis.focus.filter((entry) => entry.concept.type === 'population' && !entry.background).map((entry) => entry.concept.name);
      if (populations.length > 0 && asksIfAllowed(askingPartOf(question)) && first.indicator !== 'critical' && ![...findingConcepts(first)].some((name) => populations.includes(name))) return false;
      const placed = placesAsked(analysis, question);
      // An asking part naming nothing ("what does AAOMS advise?") asks about what the message told, not
      // about the person's circumstances ("on zoledronic acid"): a finding on those does not answer it.
      // "…give or hold? dmab instead?" asks about the medicine given as well as the one that might replace it.
      const told = analysis.focus.filter((entry) => !entry.background && !entry.context).map((entry) => entry.concept.name);
      // "…she takes Adcal-D3 twice a day. Stop it?" asks about the medicine told: a finding that does not name it does not lead.
      const medicinesTold = analysis.focus.filter((entry) => !entry.background && MEDICINE_TYPES.has(entry.concept.type)).map((entry) => entry.concept.name);
      if (ASKS_WHETHER_TO_STOP.test(askingPartOf(question)) && medicinesTold.length > 0 && first.indicator !== 'critical' && ![...findingConcepts(first)].some((name) => medicinesTold.includes(name))) return false;
      const asked = placed.size > 0 ? new Set([...placed.keys(), ...(INSTEAD.test(askingPartOf(question)) ? told : [])]) : new Set(told);
      if (asked.size === 0) return true;
      // A critical finding on other medicines is shown, but does not answer a question about another ("cape CrCl 28?"),
      // unless it speaks of a condition asked about: severe low calcium beside "admit or oral calcium at home?".
      const conditionsAsked = analysis.focus.filter((entry) => !entry.background && entry.concept.type === 'condition').map((entry) => entry.concept.name);
      const concepts = findingConcepts(first);
      if (first.indicator === 'critical') return !onOtherMedicinesOnly(first, medicinesAskedIn(analysis)) || conditionsAsked.some((name) => concepts.has(name));
      // "When is vertebroplasty appropriate for a painful vertebral metastasis?" asks about vertebroplasty: a finding on
      // another treatment for the same lesion (spinal SBRT) does not answer it.
      const isTreatment = (name: string) => TREATMENT_TYPES.has(matcher.get(name)?.type ?? 'setting');
      const treatmentsAsked = [...asked].filter(isTreatment);
      const treatmentsFound = [...concepts].filter(isTreatment);
      if (treatmentsAsked.length > 0 && treatmentsFound.length > 0 && !treatmentsAsked.some((name) => concepts.has(name))) return false;
      return [...concepts].some((name) => asked.has(name));
    },
    emptyPlan(analysis) {
      return {
        lead: [],
        sections: [],
        pitfalls: [],
        coverage: analysis.focus.filter((entry) => !entry.background).map((entry) => ({ concept: entry.concept, covered: false })),
        uncovered: [],
        unaddressed: [],
        onlyByClass: [],
        professionalSource: false,
        passages: [],
      };
    },
  };
}
