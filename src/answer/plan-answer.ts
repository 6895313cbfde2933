import type { AnswerFacet, AnswerGuide, AnswerPlan, Audience, Concept, ConceptType, Intent, Passage, ScoredPassage } from '../domain/types.js';
import { MEDICINE_TYPES, SUBJECT_TYPES, askingSentences, isCircumstanceOfSigns, type FocusConcept, type QuestionAnalysis } from '../question/analyze-question.js';
import type { ConceptMatcher } from '../question/concept-matcher.js';
import { fleschKincaidGrade } from '../knowledge/readability.js';
import type { Analyzer } from '../text/analyzer.js';
import { allMatches } from '../text/all-matches.js';
import { STOP_WORDS } from '../text/stop-words.js';
import { escapeRegExp } from '../text/escape-reg-exp.js';
import { speaksOfOtherClearance } from './clearance-bands.js';
import { speaksOfNeutropeniaGrade, speaksOfOtherNeutropeniaGrade } from './neutropenia-bands.js';
import { speaksOfCaseNeurology, type NeurologicalSigns } from './neurological-signs.js';
import { givesScheduleForOtherSite, type BoneSite } from './bone-sites.js';
import { sectionKeyOf, type BankSentence, type SentenceBank } from './sentence-bank.js';
import { NOT_FIT_FOR_SURGERY } from '../rules/extract-facts.js';
import { SUBJECT_KINDS, conceptKinds, sentenceTraits } from './sentence-traits.js';
import { withoutStopsOfWhatItTreats } from '../question/stops-what-it-treats.js';

/** One section of the planned answer: a heading and the sentences under it, in reading order. */
export type PlanSection = { heading: string; sentences: BankSentence[] };

export type PlannedAnswer = {
  /** The bottom line: the sentences that answer the question most directly. */
  lead: BankSentence[];
  sections: PlanSection[];
  pitfalls: BankSentence[];
  /** Each non-background focus concept, and whether a planned sentence covers it. */
  coverage: Array<{ concept: Concept; covered: boolean }>;
  /** Facts asked for that nothing held states, worded for a "not covered" notice ("a dexamethasone dose"). */
  uncovered: string[];
  /** The person's circumstances ("while I'm taking letrozole") the answer says nothing about: held elsewhere, perhaps, but not addressed here. */
  unaddressed: string[];
  /** Medicines asked about that the answer speaks of only through their class ("letrozole" as "an aromatase inhibitor"). */
  onlyByClass: Array<{ name: string; drugClass: string }>;
  /** A patient answer had to quote text written for professionals. */
  professionalSource: boolean;
  /** The broad-question plan that shaped the answer, and its title for the reader, if one did. */
  planId?: string;
  title?: string;
  /** Every passage the plan quotes, in order of first use. */
  passages: Passage[];
  /** With `explain`, the best-scored candidate sentences, for tuning and diagnosis. */
  explanation?: Array<{ passageId: string; text: string; score: number }>;
};

/** The case's own readings that decide which band of a rule applies to it. */
type CaseReadings = Pick<PlanInput, 'caseClearance' | 'caseNeutrophilCount' | 'caseNeurologicalSigns' | 'caseBoneSite'>;

export type PlanInput = {
  question: string;
  analysis: QuestionAnalysis;
  audience: Audience;
  /** The main retrieval for the question. */
  results: readonly ScoredPassage[];
  /** Further retrieval, for facets and for focus concepts the main results miss. */
  search(query: string, limit: number): readonly ScoredPassage[];
  /** Report the best-scored candidates in the plan. */
  explain?: boolean;
  /** The answer follows an alert to get help now: advice to act later ("call today") would contradict it. */
  besideImmediateAlert?: boolean;
  /** The red-flag concepts the answer is given beside (immediate or same-day): what must not be said beside them is left out. */
  alertIds?: readonly string[];
  /** Conditions an urgent alert found reported in the message ("Adj Ca 3.42, drowsy": hypercalcaemia), by concept name. */
  reportedConditions?: readonly string[];
  /** The documents of the urgent guidance that leads the answer: the mistakes asked about are first those made in that emergency. */
  alertDocuments?: readonly string[];
  /** The case's creatinine clearance, when the message gives one: sentences for other bands speak of other patients. */
  caseClearance?: number | undefined;
  /** The case's absolute neutrophil count (×10⁹/L): sentences for other grades of neutropenia speak of other patients. */
  caseNeutrophilCount?: number | undefined;
  /** Whether the message reports or denies neurological symptoms or signs (weak legs, numbness, bladder or bowel trouble). */
  caseNeurologicalSigns?: NeurologicalSigns | undefined;
  /** Whether the question speaks only of the spine or only of other bones: a radiotherapy schedule for the other kind is for other patients. */
  caseBoneSite?: BoneSite | undefined;
  /** The person's own words, when a follow-up was rewritten into `question`. */
  message?: string | undefined;
  /** How a part of the question is read on its own ("how is neutropenic sepsis defined"), for questions asked in parts. */
  analyzePart?: (part: string) => QuestionAnalysis;
};

export type AnswerPlanner = { plan(input: PlanInput): PlannedAnswer };

// The outcomes a results question can name, and how a result states each.
const OUTCOMES: ReadonlyArray<{ asked: RegExp; stated: RegExp }> = [
  { asked: /\b(?:os|overall survival|survival|live longer)\b/i, stated: /\boverall survival\b/i },
  { asked: /\b(?:pfs|progression-free|progression free)\b/i, stated: /\bprogression-free survival\b/i },
  { asked: /\bpain (?:response|relief)\b/i, stated: /\bpain (?:response|relief)\b/i },
];
// A list of what is asked after a colon, and how its items are separated.
const LISTED_AFTER_COLON = /:\s*([^:?]+(?:,[^:?]+)+)[?.]?\s*$/;
const LIST_SEPARATOR = /,\s*(?:and\s+|or\s+)?|\s+and\s+/;
// The clauses of a question's sentence that open with a question word after a comma.
const CLAUSE_ASKING = /,\s*(?:and\s+)?(?=(?:what|how|which|when|why|who|is|are|does|do|should|can|could|will)\b)/i;
const OPENS_WITH_QUESTION_WORD = /^(?:what|how|which|when|why|who|is|are|does|do|should|can|could|will)\b/i;
// What to do is asked beside an emergency told: "what should I do?", "next steps?" (not "drop the dose or switch opioid?").
const ASKS_WHAT_TO_DO = /\bwhat (?:do|should|shall|can|must) (?:we|i|you|she|he|they) do\b|\bnext steps?\b|\bwhat now\b|\bwhat happens now\b/i;
// A table row's key as a question names it: "stage 2", "grade 3".
const STAGE_OR_GRADE = /\b(?:stage|grade) [0-4]\b/g;
// "What is it?", "what are they?": a question about what something named before is.
// A figure a told value can be set against: a number that is not an amount taken ("at least 500 mg of calcium"
// is a supplement, not a calcium level), as in "calcium below 8.0 mg/dL" or "a QTcF above 480 ms".
const AMOUNT_TAKEN = /\d+(?:\.\d+)?\s?(?:mg|mcg|µg|g|IU|units|International Units)\b(?!\/)/g;
function givesFigure(text: string): boolean {
  return /\d/.test(text.replace(AMOUNT_TAKEN, ''));
}
/** A sentence giving a trial's results or design: evidence for clinicians, not an answer for a patient. */
function reportsTrial(sentence: BankSentence): boolean {
  return sentence.answers.has('results') || TRIAL_DESIGN.test(sentence.text);
}
const MEANS_FOR_SOMEONE = /\bmeans?\s+for\s+(?:me|her|him|us|them|my|his|our|their|mum|dad|you|your)\b/i;
const WHAT_IS_IT = /\bwhat(?:'s| is| are) (?:it|they|this|that|these|those)\s*\?/i;
// "What each of my medicines is actually for", "what they are all for", "what are the tablets and the injection each
// for?": the purpose of every medicine named.
const ASKS_WHAT_EACH_IS_FOR = /\bwhat (?:each|all|every one) (?:of )?[^.?!]{0,40}?\b(?:is|are|does|do)\b[^.?!]{0,20}?\bfor\b|\bwhat (?:they|these|those) (?:are|do) (?:all |each )?for\b|\bwhat\b[^.?!]{0,60}?\b(?:each|all|both) for\b|\bwhat (?:do|does) (?:those|these|they|both)(?: two)?(?: (?:actually|really|each))? do\b/i;
// A sentence saying what a medicine does: "A CDK4/6 inhibitor is a tablet that slows…", "Hormone therapy blocks or lowers…".
const SAYS_WHAT_IT_DOES = /\b(?:is an? (?:tablet|medicine|drug|injection|drip) that|slows? (?:the )?(?:growth|cancer)|blocks? or lowers?|lowers? the hormones|helps? (?:to )?keep (?:your )?bones|protects? (?:your )?bones|switch(?:es)? off the ovaries|treats? the cancer)\b/i;
// Words that make a phrase a clause rather than a name.
const SAYS_SOMETHING = /\b(?:is|are|was|were|make|makes|making|made|has|have|had|not|isn't|aren't|don't|doesn't)\b/i;
// What a person does or is (driving, a population), rather than a treatment or test asked about.
const CIRCUMSTANCE_TYPES: ReadonlySet<ConceptType> = new Set(['setting', 'population']);
// A question asking in so many words who is given something ("do I need it?" asks something else).
const ASKS_WHO_IS_GIVEN = /\b(?:who|which patients|what patients|candidates?|eligib\w*|indicat\w*)\b/i;
// What selects the patients a treatment is for: its biomarker, the tumour subtype and its line (setting).
const SELECTS_PATIENTS: ReadonlySet<ConceptType> = new Set(['biomarker', 'subtype', 'setting']);
// Intents a sentence can be seen to answer by its words (a dose, a check, a side effect); a definition or
// a general question is answered by any sentence about the subject.
const ANSWERABLE_INTENTS: ReadonlySet<Intent> = new Set(['dose', 'duration', 'adverse-effects', 'monitoring', 'taken-with', 'prognosis']);

// Every tuning number of the plan lives here, so a change is one diff and one evaluation run.
export const PLAN_SETTINGS = {
  /** Passages below this share of the best retrieval score are not candidates. */
  minRelativeScore: 0.15,
  weights: { retrieval: 0.35, sentenceFocus: 0.25, contextFocus: 0.25, intent: 0.25, headingIntent: 0.15, headingMatch: 0.3, terms: 0.3 },
  /** A sentence about a condition, population or setting the question did not name answers another question. */
  offFocusPenalty: 0.2,
  maxOffFocusPenalty: 0.4,
  /** A sentence about another drug or procedure than the one asked about answers another question. */
  otherSubjectPenalty: 0.35,
  /** So does a sentence about another tumour subtype than the one asked about. */
  otherSubtypePenalty: 0.5,
  /** And a section on stopping a treatment, for a question that speaks of no stopping, break or duration. */
  stoppingSectionPenalty: 0.25,
  /** A sentence for the grade of neutropenia the case's count is in is the rule that applies to it. */
  caseGradeBonus: 0.3,
  /** Without focus concepts, retrieval and intent decide. */
  unfocusedWeights: { retrieval: 0.6, intent: 0.4 },
  /** Sentences sharing this share of the shorter one's terms say the same thing. */
  duplicateOverlap: 0.6,
  duplicateOverlapAlways: 0.85,
  /**
   * …and, below that, at least this many terms: two words in common ("bone medicine", "cancer") do not
   * make "A bone medicine does not treat the cancer itself" repeat "A bone medicine helps keep bones
   * strong when breast cancer has spread to them".
   */
  duplicateMinShared: 3,
  /** A sentence about a drug's class says something about the drug, less directly than one naming it. */
  classMentionCredit: 0.6,
  sectionMentionCredit: 0.8,
  /** What each sentence already taken from a section costs the next one from it. */
  sameSectionPenalty: 0.04,
  /** A heading restates the question only with this many content terms, all of them asked ("What is it?" restates nothing). */
  minTermsOfRestatingHeading: 3,
  /** Selection stops below this share of the best sentence's score. */
  minShareOfBest: 0.35,
  maxSentences: { dose: 6, definition: 4, default: 8 } as Partial<Record<Intent | 'default', number>>,
  /** A compound question (two intents, or two subjects) gets room for each part. */
  maxSentencesCompound: 12,
  /** A question about mistakes is answered by the pitfalls; this many sentences set the scene. */
  maxSentencesBesidePitfalls: 3,
  /** Patient answers aim at this reading grade; harder sentences score lower and are trimmed first. */
  patientGrade: 8,
  keptWhenTrimming: 3,
  gradePenaltyPerLevel: 0.04,
  maxGradePenalty: 0.2,
  /** A question about mistakes to avoid lists this many pitfalls. */
  maxPitfallsAsked: 8,
  /** The documents of the question's own retrieval whose pitfalls a question about mistakes reads. */
  pitfallDocumentsAsked: 4,
  maxDocuments: 8,
  // A specific answer's pitfalls may all come from its main document: they are the ones about what was asked.
  maxPitfalls: { professional: 3, patient: 2 } as Record<Audience, number>,
  maxPitfallsBroad: 3,
  /** A pitfall counts this much for a concept only its document's title names. */
  titlePitfallCredit: 0.5,
  leadSentences: 2,
  /** A pitfall leads when the question's retrieval ranks it this many times above the best other passage. */
  pitfallLeadMargin: 1.3,
  /** A clinician's answer takes a patient leaflet's sentence only when it scores this much above the rest. */
  leafletPenaltyForProfessional: 0.3,
  // Professional text for a patient: sentences within this share of the best score count as as relevant.
  readableShare: 0.75,
  /** A second bottom-line sentence must score at least this share of the first. */
  secondLeadShare: 0.85,
  extraSearchLimit: 12,
  /** The sections of the best picks that are completed, their size limit, and how close a sibling must score. */
  expandedSections: 2,
  maxExpandedSection: 7,
  expandShareOfBest: 0.5,
  /** "What are the side effects of X?": this many harms held for X get a sentence each, and the rest of the answer at least this many. */
  maxSideEffects: 5,
  minSentencesBesideSideEffects: 3,
  /** The plainest statement of a harm: names the medicine (its class counts part), in a document on it or the harm, early in a section on the harm. */
  sideEffectWeights: { naming: 0.3, classNaming: 0.7, aboutDocument: 0.2, placeInSection: 0.2, answers: 0.1, statesHarm: 0.3 },
  /** The sections of this many best passages are read whole, their other passages scored at `siblingShare` of the passage's. */
  sectionsCompleted: 3,
  siblingShare: 0.6,
  /** A concept named in at most this many sentences brings their passages, at this share of the best retrieval score. */
  rarelyNamed: { sentences: 12, retrieval: 0.5 },
  /** At most this many focus concepts (and their classes) get a retrieval of their own. */
  maxConceptRetrievals: 3,
  /** A trial's report (design, results) answers less directly than a guideline or label stating practice. */
  trialWeight: 0.75,
} as const;

/** How many terms two sets share, and what share of the smaller set that is. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): { shared: number; ofSmaller: number } {
  const smaller = a.size <= b.size ? a : b;
  const larger = smaller === a ? b : a;
  if (smaller.size === 0) return { shared: 0, ofSmaller: 0 };
  let shared = 0;
  for (const term of smaller) if (larger.has(term)) shared += 1;
  return { shared, ofSmaller: shared / smaller.size };
}

/**
 * Several retrievals as one list: each scaled to its own best score, a passage keeping its best.
 * `scaled` results already carry a share of a best score and are merged as they are.
 */
function mergeRetrievals(lists: ReadonlyArray<readonly ScoredPassage[]>, scaled: readonly ScoredPassage[] = []): ScoredPassage[] {
  const best = new Map<string, ScoredPassage>();
  const keep = (result: ScoredPassage, score: number) => {
    const seen = best.get(result.passage.id);
    if (!seen || seen.score < score) best.set(result.passage.id, { ...result, score });
  };
  for (const list of lists) {
    const top = list[0]?.score ?? 0;
    if (top <= 0) continue;
    for (const result of list) keep(result, result.score / top);
  }
  for (const result of scaled) keep(result, result.score);
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** The share of `wanted` that `found` holds. */
function share(wanted: ReadonlySet<string>, found: ReadonlySet<string>): number {
  if (wanted.size === 0) return 0;
  let shared = 0;
  for (const term of wanted) if (found.has(term)) shared += 1;
  return shared / wanted.size;
}

// A sentence telling how a trial was run ("DESTINY-Breast03 randomised 524 patients … to 5.4 mg/kg").
const TRIAL_DESIGN = /\b(?:randomi[sz]ed|enrolled)\b/i;
// A sentence saying the knowledge holds no result ("no posted results", "gives no result for…").
const NO_RESULT = /\bno (?:\w+ )?results?\b/i;
// A question whether to hold, stop, restart or go on with a treatment, and a sentence that says which.
const ASKS_ACTION = /\b(?:hold|withhold|rechallenge|re-challenge|rechallange|restart(?:ed)?|re-start(?:ed)?|resume[ds]?|stop (?:it|her|his|the)|carry on|continue[ds]?|start the (?:next )?cycle|go ahead)\b/i;
// A harm told with these asks what to do about it; asked its dose or its frequency, it does not.
const CALL_ABOUT_HARM_INTENTS: ReadonlySet<Intent> = new Set(['management', 'general', 'duration', 'when-to-seek-help']);
// Telling the reader to get help ("call your team today…"), not naming a thing ("doctors call the problem ONJ").
const CALLS_FOR_HELP = /\b(?:call|ring|phone|contact|tell)\s+(?:your|999|111|an ambulance|the (?:hospital|team|cancer team|care team|24-hour))\b/i;
const SPEAKS_OF_CURE = /\b(?:cure[sd]?|curable|incurable)\b/i;
const INVESTIGATED = /\binvestigated\b/i;
const STATES_COUNT = /\bneutrophil count (?:of|below|above)\b/i;
// ("Delayed nausea" is a kind of nausea: only a treatment "is delayed" or "delayed until".)
const STATES_ACTION = /\b(?:withheld|withhold|interrupted|restarted|resumed|resuming|suspended|suspending|stopped permanently|permanently|permanent discontinuation|discontinued|continued|(?:is|are|be|been) delayed|delayed (?:until|for|by)|started at|starts at)\b/i;
const ASKS_BEFORE_STARTING = /\b(?:(?:do|done|doing|prepare|ready|check|checked|checking)\b[^.?]*\bbefore\b(?!\s+(?:each|every|the next))|before (?:i|she|he|we|you) (?:start|starts|begin|begins)|before starting)\b/i;
const DONE_BEFORE_STARTING = /\bbefore (?:you start|starting|treatment (?:is )?start|the first|it is started|(?:a|the) bone[- ]modifying agent is started|denosumab is started|zoledronic acid is started)\b/i;
// "What painkillers…?", "which medicines…?": a question asking which of a kind of treatment.
const ASKS_WHICH_KIND = /\b(?:what|which)\s+(?:kinds? of |types? of |sorts? of |other )?(?:ones|kinds|types|painkillers?|pain ?killers?|pain (?:relief|medicines?|medications?|tablets?)|medicines?|medications?|drugs?|tablets?)\b/i;
// A sentence written for those whose disease or treatment took a given course: "For patients whose neutropenia stays…".
const SUBGROUP_BY_COURSE = /^(?:for|in) (?:patients|people|women|men|those|anyone) whose (\w+)/i;
// A question telling that a treatment given has not worked: "still raised seven days after zoledronic acid".
const NOT_RESPONDED = /\b(?:still|remains?|persistently)\s+(?:\w+\s+){0,2}(?:raised|high|elevated|up)\b[^.?!]{0,40}\b(?:after|despite)\b|\b(?:not|hasn't|has not|didn't|did not)\s+(?:responded|come down|settled|worked)\b/i;
// …answered by what is done when it has not: "refractory to, or recurs after, an intravenous bisphosphonate".
const FOR_REFRACTORY = /\brefractory\b|\brecurs? after\b|\bdoes not return to\b/i;
// "The scan shows the cancer growing on letrozole and Ibrance": the treatment named has stopped working…
const PROGRESSED_ON = /\b(?:growing|grown|grew|progress(?:ed|ing)|progression|spread(?:ing)? further|getting bigger|stopped working)\b[^.?!]{0,20}\b(?:on|despite|while on|through)\b/i;
// "What comes after those if they stop working?" asks what is given next, and so does "if my PD-L1 comes back low,
// what then? Is there nothing else?".
const ASKS_WHAT_COMES_AFTER =
  /\bwhat (?:comes|happens|is given|treatment comes) (?:after|next)\b|\bwhat(?:'s| is) next\b|\b(?:if|when|once)\b[^.?!]{0,40}\b(?:stops?|stopped) working\b|\bwhat then\b|\b(?:is there|there's) nothing else\b|\bwhat else (?:is there|can|could)\b/i;
// …so the bottom line is what comes after it, not the first treatment again.
const AFTER_PROGRESSION = /^later(?: on)?, (?:a medicine\b|chemotherapy\b|a drip\b|another\b|other\b)|\bgrowing\b|\bstops? working\b|\bprogress(?:ion|ed|es)\b|\bnext treatment\b|\bsecond[- ]line\b|\bafter (?:a |an )?(?:CDK4\/6|first-line|endocrine)/i;
// Kidney function told as worsening during treatment ("her eGFR has fallen from 55 to 38", "creatinine has gone up"):
// the dose table is for the baseline clearance; what the label says of a decline on treatment answers it.
const KIDNEY_WORSENED = /\b(?:egfr|gfr|crcl|creatinine clearance|clearance|kidney function|renal function)\b[^.?!]{0,30}\b(?:fallen|fell|dropped|drops|dropping|declined|declining|drifted|drifting|slipped|slipping|worsened|worse|deteriorat\w*|gone down|come down|down from)\b|\bcreatinine\b[^.?!]{0,30}\b(?:risen|rose|rising|gone up|went up|up from|increased|doubled)\b/i;
// A harm told as happening for the first time, and a rule written for one that persists or returns.
const FIRST_TIME = /\b(?:first time|first episode|first occurrence|first bout|never had (?:it|this) before|hasn'?t happened before)\b/i;
const ASKS_RESTART_DOSE = /\b(?:restart|resume|restarted|resumed)\b[^.?!]{0,40}\b(?:or|drop|reduce|reduced|lower|same)\b/i;
const SAYS_RESTART_DOSE = /\b(?:same dose|next lower dose|lower dose|reduced dose|dose reduction|no dose reduction)\b/i;
// A harm told as lasting ("for 3 days", "despite loperamide"), after a restart, and the rule for one that does not settle.
const TOLD_AS_LASTING = /\bfor (?:\d{1,2}|two|three|four|five|a few|several) days\b|\bdespite\b|\bnot settl\w*|\bstill\b/i;
const AFTER_RESUMING = /\bafter (?:resuming|restarting|re-starting|starting again)\b|\bsecond time\b|\bsince (?:resuming|restarting)\b/i;
const SAYS_NOT_SETTLING = /\bdoes not settle\b[^.]*\bwithin 24 hours\b/i;
const COMES_BACK = /\b(?:comes back|came back|recurs?|recurrent|recurrence|persists|persistent|again)\b/i;
// A dose written for people without kidney disease ("for patients with no renal or hepatic comorbidities"), and
// what is written for those with it.
const RENAL_IMPAIRMENT = 'renal impairment';
const WITHOUT_KIDNEY_DISEASE = /\b(?:no|without) (?:renal|kidney)\b/i;
const SPEAKS_OF_KIDNEYS = /\b(?:renal|kidneys?)\b/i;
const FOR_DETERIORATION = /\bwithh(?:e|o)ld\w*\b[^.]*\bdeteriorat|\bdeteriorat\w*\b[^.]*\b(?:withh(?:e|o)ld|resum)\w*/i;
const NOT_FOR_SURGERY = /\bnot (?:candidates?|suitable|fit) for (?:initial )?(?:surgical|surgery|an operation)/i;
// How a harm named is watched for or managed, asked in the words after it ("what ILD monitoring is needed?") or before it
// ("how do you manage the diarrhoea?"): the harm is then asked about, not reported.
const HARM_CARE_AFTER = /^\s*(?:monitoring|management|screening|surveillance|prevention|(?:is|are) (?:monitored|managed|prevented|screened for|treated))\b/i;
const HARM_CARE_BEFORE = /\b(?:monitor(?:ed|ing)?|manag(?:e|ed|ing)|prevent(?:ed|ing)?|screen(?:ed|ing)? for|watch(?:ed|ing)? for|check(?:ed|ing)? for)\s+(?:for\s+)?(?:the\s+)?$/i;

/** Whether the question asks how a harm it names is watched for or managed ("what ILD monitoring…", "how to manage the diarrhoea"). */
function careOfHarmAsked(question: string, entry: { start: number; end: number }): boolean {
  return HARM_CARE_AFTER.test(question.slice(entry.end)) || HARM_CARE_BEFORE.test(question.slice(0, entry.start));
}

// A question whether one thing does the job by itself, and a sentence saying what it does alone.
const ALONE = /\b(?:on (?:its|their|her|his) own|by itself|by themselves|alone)\b/i;
// "How much calcium should I take with denosumab?", "how much vitamin D do I need?": the words between
// "how much" and the verb name what the amount is asked of.
const ASKS_AMOUNT_OF = /\bhow much ((?:[a-z]+ ){1,3}?)(?:should|do|does|must|can|will|would|to)\b[^?.]*?\b(?:take|need|have|give)\b/i;
// …or the words just before it, when "how much" names nothing: "you said calcium - how much should she take?".
const ASKS_AMOUNT_OF_WHAT_WAS_SAID = /([^.?!]{0,60}?)\s*[-–—,:]\s*how much (?:should|do|does|must|can|will|would)\b[^?.]*?\b(?:take|need|have|give)\b/i;
// "Your team will tell you how much of each pain medicine to take": the amount is the team's, for each person.
const TEAM_SETS_AMOUNT = /\byour (?:care |cancer )?team will tell you how much\b/i;
// "It kill the cancer?", "does zometa treat the cancer?", "is the drip her chemo?": whether a medicine acts on the cancer itself.
const ASKS_IF_TREATS_CANCER = /\b(?:kill|kills|killing|treat|treats|cure|cures|fight|fights|shrink|shrinks|attack|attacks|get rid of|gets rid of|clear|clears)\s+(?:the\s+|my\s+|her\s+|his\s+)?(?:cancer|tumou?rs?)\b|\b(?:is|was)\s+(?:her|my|his|the|a)\s+(?:chemo|chemotherapy)\b|\b(?:kind|type|sort|form)\s+of\s+(?:chemo|chemotherapy)\b/i;
const SAYS_IF_TREATS_CANCER = /\b(?:treat|treats|kill|kills)\s+(?:the\s+)?cancer\b/i;
// A measure told with its value: "QTcF is 465 ms", "CrCl of 45", "calcium 3.1".
const VALUE_FOLLOWS = /^\s*(?:is|was|of|at|=|:)?\s*(?:now\s+)?(?:about\s+|around\s+|~\s*)?\d/i;
// Symptoms told with a harm that is graded by them: "a new dry cough and breathlessness", "symptomatic".
const SYMPTOMS_TOLD = /\b(?:symptomatic|cough|coughing|breathless|breathlessness|short of breath|shortness of breath|fever)\b/i;
// …or whether one would do: "does she really need lots of sessions or would one do?".
const ASKS_HOW_MANY_SESSIONS = /\bhow many (?:[a-z]+ ){0,2}(?:sessions|treatments|fractions|visits|trips|appointments|times)\b|\b(?:lots of|many|several) (?:sessions|treatments|fractions)\b|\bwould (?:one|a single one|just one) (?:do|be enough)\b/i;
const COUNTS_SESSIONS = /\b\d+\b[^.]*\b(?:sessions?|fractions?|smaller doses)\b/i;
// "What should I give to prevent rebound?": the bottom line says what is advised, not what happens.
const ASKS_WHAT_TO_GIVE = /\bwhat (?:should|do|can|would) (?:i|we|you|they) (?:give|prescribe|use|offer|start|switch to)\b|\bwhat to (?:give|prescribe|use)\b/i;
const ADVISES_AGAINST = /\b(?:not to|should not|must not|not be|avoid\w*)\b/i;
const ADVISES = /\b(?:advis\w*|recommend\w*|consider\w*|switch\w*|offer\w*|should be given|is given|are given|option)\b/i;
const GRADE = /\b(?:(?:grade|gr)\.?\s*|g)([1-4])\b/i;
// A harm told to have come back: "g3 neut again after restart", "it has recurred".
const HAPPENED_AGAIN = /\b(?:again|recurr?(?:ed|ent|ing|s)?|came back|come back|comes back|returned|second time)\b/i;
// A rule for a harm that comes back: "if grade 3 comes back, it is resumed at the next lower dose".
const SAYS_IF_IT_COMES_BACK = /\b(?:comes back|recurs|recurrent|returns|again)\b/i;
// A break from a treatment, a dose skipped or put off, a treatment that ends, or the advice given with one: what a
// stopping section answers.
const SPEAKS_OF_A_BREAK = /\b(?:skip\w*|breaks?|pause\w*|holiday|miss(?:ed|ing)?|late|delay\w*|put off|give up|come off|how long|forever|for life|advice|advise\w*|counsel\w*|hold|withh[eo]ld\w*|interrupt\w*)\b/i;
// A section heading about stopping a treatment ("Why not stop denosumab on your own?", "Stopping denosumab").
const ABOUT_STOPPING = /\bstop(?:s|ped|ping)?\b/i;
// Stopping a treatment, asked about or spoken of.
const STOPPING = /\b(?:stop|stops|stopping|stopped|come off|coming off|discontinu\w*)\b/i;
// Pain "getting worse" after radiotherapy ("what if it actually gets worse over the next few days?").
const WORSE_AFTER = /\b(?:gets?|getting|got|gone|goes|went|is|are|it's|feels?) (?:\w+ )?worse\b/i;
const RADIOTHERAPY_NAMED = /\bradiotherapy|\bradiation\b|\bsingle fraction\b/i;
// "What can help his pain?", "what would ease it?".
const ASKS_WHAT_HELPS = /\bwhat (?:can|could|will|would|else can|else could) (?:help|ease|relieve)\b/i;
// "…can also ease the pain", "Feeling sick… are common with talazoparib as well", "Tamoxifen often causes hot flushes too."
const ADDS_TO_ANOTHER = /\bcan also\b|\bas well\b|\btoo[.,]/i;
// "Any trouble mixing those with palbociclib?", "does it interact with my statin?", "who do I ask about mixing my tablets?"
const ASKS_ABOUT_MIXING = /\bmix(?:ing|ed)?\b|\binteract\w*|\bclash(?:es)?\b/i;
// "Any interaction issue? CYP3A4?", "ok to carry on with the palbo?" beside another medicine, "safe together?",
// "can I take phenytoin with capecitabine?", "Can I take St John's wort for my low mood while on palbociclib?", "I take phenytoin, is capecitabine ok?", "on warfarin, starting capecitabine. Anything I need to know?".
const ASKS_ABOUT_TAKING_TOGETHER =
  /\b(?:interact\w*|cyp3a\w*|together|combin\w*|mix\w*|alongside|(?:ok|okay|safe|fine)\s+(?:to\s+\w+(?:\s+\w+)?\s+)?with|take\s+(?:[\w'’-]+\s+){1,3}(?:with|on|while)|take\b[^.?!]{0,40}\b(?:while|whilst)\s+(?:on|taking|having|i'm on|i am on)|(?:taken|given|used)\s+(?:together\s+)?with|(?:is|are)\s+(?:\w+\s+){1,2}(?:ok|okay|safe|fine)|anything (?:i|we|she|he) (?:need|needs|should) to know|anything to (?:know|watch))\b/i;
// A sentence saying two medicines do not go together.
const NOT_TOGETHER = /\bnot (?:a listed partner|be combined|combined|recommended|given|used) with\b|\bnot a listed partner\b|\bshould not be (?:combined|given|taken|used)\b|\bdo not (?:take|have)\b|\bcontraindicat/i;
// "Some other medicines and herbal remedies can change how palbociclib… work."
const SAYS_OTHER_MEDICINES_CHANGE_IT = /\b(?:other medicines|herbal remedies)\b[^.]*\bchange how\b/i;
// A dose in milligrams, stated in a question or a sentence.
const MILLIGRAMS = /\b(\d+(?:\.\d+)?)\s?mg\b/gi;
// The day of a treatment cycle a question names ("on day 1 of the new cycle", "D15").
const CYCLE_DAY = /\b(?:day|d)\s?(1|8|15|22)\b(?!\s*(?:hours?|weeks?|months?))/i;
// "Doctors call the problem osteonecrosis of the jaw": a sentence that names what it points back to.
const NAMES_IT = /\b(?:call|calls|name)\b/i;
// A sentence saying how long a treatment goes on ("for at least 5 months after the last dose", "the optimal
// duration has not been established", "until progression"); a cycle's "21 days" is not how long.
const STATES_DURATION = /\b(?:until|duration|indefinitely|lifelong|as long as|for as long|(?<![\d.])\d+(?:[–-]\d+)? (?:years?|months?)|not (?:been )?(?:established|defined))\b/i;
// …and a trial's survival figures ("median progression-free survival was 7.3 months") or enrolment are not either.
const STATES_SURVIVAL = /\b(?:median|survival|hazard ratio)\b/i;
// A question that asks for a schedule.
const INTERVAL_QUESTION = /\bhow often\b|\bfrequen|\binterval\b|\bschedule\b|\bhow many times\b/i;
// A question that asks how a dose is lowered: the reduction steps answer it.
const REDUCTION_QUESTION = /\bdose[- ]reduc|\breduce (?:the |her |his |my )?dose\b|\blower (?:the |her |his |my )?dose\b|\bdose reduction|\breduction steps?\b|\bdose reduce\b/i;

/** What a dose question asks for beyond the dose: how often, or how it is lowered. */
/** What a dose question asks; `onDose` is the words telling a dose the person is already on ("on MR morphine 60 mg bd"). */
type DoseAsk = { interval: boolean; reduction: boolean; site: boolean; adjustment: boolean; infusionTime: boolean; onDose?: string };

// "On modified-release morphine 60 mg twice daily. What breakthrough dose?": a dose already taken.
const ON_A_DOSE = /\bon\s+(?:[a-z][a-z-]*\s+){1,3}\d+(?:\.\d+)?\s*(?:mg|micrograms?|mcg)\b/i;
// A starting dose is for someone starting the medicine, not for someone already on a dose of it.
const STARTING_DOSE = /\bstarting dose\b|\bduring titration\b|\binitial dose\b/i;
/**
 * Whether to stop a medicine ("should I stop my Xgeva?", "tell her to stop it?", "stop?"), or whether to go on
 * with it ("should she still be on the Adcal-D3?", "should I keep taking it?", "do I keep taking the tablets or stop?").
 */
export const ASKS_WHETHER_TO_STOP =
  /\bstop (?:it|them|my|her|his|the|taking)\b|\b(?:should|do|can|shall|must|could) (?:i|we|she|he|they) (?:just )?stop\b|\bstop\?|\b(?:should|can|must|do|does) (?:i|we|she|he|they) (?:still )?(?:be on|stay on|keep taking|keep on|carry on (?:with|taking)|continue(?: with| taking)?)\b|\bor stop\b/i;
// A sentence advising to stop or pause a medicine: "…should be stopped", "an interruption of denosumab may be considered".
const ADVISES_STOPPING = /\b(?:should|must|may|can) be (?:stopped|discontinued|interrupted|withheld|paused)\b|\b(?:interruption|discontinuation) of\b|^Stop\b/i;
// "Can she still have it?", "is it safe…?", "ok to give…?": whether a treatment may be given.
const ALLOWED_ASKED = /\b(?:can|could|should|may) (?:she|he|i|we|they|you|it|this|that|[a-z]+ acid|[a-z]+mab|[a-z]+ib) (?:still )?(?:have|take|use|be given|be used|be taken|continue|carry on|stay on|give|breastfeed|breast feed|breast-feed)\b|\b(?:can|could|should|may) [a-z-]+(?: [a-z-]+)? (?:still )?(?:be given|be used|be taken|be continued)\b|\b(?:safe|ok|okay|allowed)\b|\b(?:get|getting|become|fall) pregnant\b/i;
// (…not which one or how: "What first-line systemic therapy should she have?")
const ASKS_WHICH_OR_HOW = /\b(?:what|which|how)\b[^.?!]*\b(?:can|could|should|may)\b/i;
export function asksIfAllowed(question: string): boolean {
  return ALLOWED_ASKED.test(question) && !ASKS_WHICH_OR_HOW.test(question);
}
// "Should I still take them?", "can she still have it?".
const STILL_TAKING = /\b(?:should|can|must|do|does) (?:i|we|she|he|they) still (?:take|have)\b/i;
// "…an absolute contraindication to the supplement", "…tablets are not for people whose blood calcium is too high".
const RULED_OUT = /\bcontraindicat\w*|\bnot for (?:people|patients|anyone) (?:whose|with|who)\b/i;
// A recovery told to have taken over a week: "took 10 days to recover", "recovered after 2 weeks", "over a week to recover".
const RECOVERY_TIME = /\b(?:took|taken|taking|after|in)\s+(\d{1,2}|two|three)\s+(days?|weeks?)\s+to\s+(?:recover|come back|come up|get back)|\brecover\w*\s+(?:after|in|only after|over)\s+(\d{1,2}|two|three)\s+(days?|weeks?)|\b(?:more than|over|longer than)\s+(?:a|one|1)\s+week\s+to\s+recover/i;
const WORD_NUMBERS: Record<string, number> = { two: 2, three: 3 };
function recoveryTookOverAWeek(question: string): boolean {
  const match = RECOVERY_TIME.exec(question);
  if (!match) return false;
  const count = match[1] ?? match[3];
  const unit = match[2] ?? match[4];
  // "Over a week to recover" says so in words.
  if (count === undefined || unit === undefined) return true;
  const value = WORD_NUMBERS[count.toLowerCase()] ?? Number(count);
  return unit.toLowerCase().startsWith('week') ? value > 1 : value > 7;
}
const SAYS_SLOW_RECOVERY = /\btakes more than 1 week\b|\bmore than (?:a|one|1) week\b/i;
// Two products said to be one medicine: "Xgeva contains the same active ingredient as Prolia", "both contain denosumab".
const SAYS_SAME_MEDICINE = /\bsame active ingredient\b|\bboth contain\b/i;
// A sentence saying a medicine is stopped, paused or held.
const STOPS_OR_PAUSES = /\b(?:stop(?:s|ped|ping)?|paus\w*|interrupt\w*|withh[eo]ld\w*|discontinu\w*|held|hold)\b/i;
const STOPS_FOR_GOOD = /\bstopped permanently\b|\bpermanently (?:stopped|discontinued)\b|\bpermanent discontinuation\b/i;
// "How likely is it that Xgeva will damage my jaw?", "what are the chances of…", "how common is…": asks how often it happens.
const ASKS_HOW_LIKELY = /\b(?:how likely|how common|how rare|how often do(?:es)? (?:people|patients|it happen)|what (?:are|is) the (?:chances?|odds|risk) of|what(?:'s| is) the chance|how many people (?:get|have|develop)|what percentage|incidence of)\b/i;
// A sentence that gives how often: "about 1 to 9 in 100", "3 in 100", "2.8%" (not a "95% CI").
const GIVES_FREQUENCY = /\b\d+(?:\.\d+)?\s?%(?!\s?(?:CI|confidence))|\b\d+\s(?:to\s\d+\s)?(?:in|out of)\s(?:every\s)?\d+\b/;
const ASKS_IF_WORTH = /\b(?:any point|worth (?:it|giving|continuing|carrying on)|is it worth|(?:can|should|do) we (?:just )?stop)\b/i;
const WEIGHS_BENEFIT = /\bindividual decision\b|\bweighs?\b[^.]*\bagainst\b/i;
// …and "when should it of worked by?".
const ASKS_TIME_TO_WORK = /\bhow (?:long|soon|quickly) (?:does|will|do|would|should|can|before|until|till|\S+ \S+ to)\b[^.?!]{0,50}\b(?:to work|take effect|to help|kicks? in|start working|work|help|begin|ease|relieve)\b|\bwhen (?:should|will|would|does) (?:it|this|the \w+) (?:of |have |'ve )?(?:worked|work|start (?:working|to work|to help)|kick in|help)\b/i;
// …and a sentence that answers it: "the median time to pain response was 4 weeks", "does not ease bone pain straight away".
const GIVES_TIME_TO_WORK = /\btime to (?:pain )?response\b|\b(?:ease|relieve|work|help)\w* [^.]{0,30}\bstraight away\b|\bwithin (?:about )?\d+ (?:days|weeks)\b/i;
// "Is one session as good as several?" asks for a comparison ("as well as my Xgeva" is not one), answered by a
// sentence that compares: "one single treatment eases bone pain as well as a longer course", "give equivalent pain relief".
const ASKS_IF_AS_GOOD = /\bas (?:good|effective|strong|useful) as\b|\bas (?:good|effective|strong|useful)\s*(?:\?|$)|\b(?:work|works|working|do|does) (?:just )?as well as\b|\b(?:better|worse) than\b/i;
const COMPARES = /\bas (?:good|effective|well) as\b|\bequivalent\b|\bsimilar\b|\bthe same (?:pain relief|relief|benefit|effect)\b|\b(?:better|worse) than\b/i;
// "What did the head-to-head trial show?" by a result it reports (an effect with its size), the primary one
// before those its report calls secondary: not by a sentence saying it is the main evidence.
// …and "what did the trial measure?" by its primary endpoint, asked first.
const ASKS_WHAT_MEASURED = /\bwhat did (?:the |that |this |it )?(?:\w+ )?(?:trial |study )?measure\b|\bprimary (?:endpoint|outcome)\b/i;
const STATES_RESULT = /\b(?:superior|inferior|non-inferior|improved|reduced|prolonged|delayed|lowered)\b[^.]*(?:\bhazard ratio\b|\bHR\b|%|\bmonths\b)|\bmedian\b[^.]*\b(?:months|weeks|days)\b[^.]*\b(?:versus|vs|compared with)\b|\bhazard ratio (?:of )?\d/i;
// "How is the SINS calculated?", "how do you work out corrected calcium?", and what says so: what it adds up or equals.
const ASKS_HOW_CALCULATED = /\bhow (?:is|are|do (?:you|i|we)|does one|should (?:i|we|you)) (?:[\w-]+ ){0,4}?(?:calculated|calculate|scored|score|worked out|work out|computed|compute|added up)\b/i;
const SAYS_HOW_CALCULATED = /\b(?:adds?|sum of|equals|calculated (?:with|by|from|using)|formula)\b/i;
// "What SINS score means she needs a surgical opinion?", "at what calcium level…", and a sentence giving the cut-off.
const ASKS_THRESHOLD =
  /\bwhat (?:[\w-]+ ){0,2}(?:score|level|number|value|threshold|cut-?off|count|reading)s?\b[^?.]{0,40}\b(?:means?|needs?|warrants?|requires?|counts?|triggers?)\b|\bat what (?:[\w-]+ ){0,2}(?:score|level|value|count|reading)\b/i;
const GIVES_THRESHOLD = /\b\d+(?:\.\d+)?\s*(?:or more|or above|or higher|or less|or below|and above|and over)\b|\b(?:above|below|at least|more than|less than)\s+\d/i;
// "Who should I call at night?", "what number do I ring?", and the sentence naming the line to call.
const ASKS_WHO_TO_CALL = /\bwho (?:should|do|can|would|shall) (?:i|we|she|he|they) (?:call|ring|phone|contact)\b|\bwho to (?:call|ring|phone|contact)\b|\b(?:what|which) (?:phone )?number (?:do|should|can) (?:i|we)\b/i;
const SAYS_WHO_TO_CALL = /\b24-hour (?:phone )?line\b|\bnumber to call\b|\bwho to call\b/i;
// "How much morphine is too much?" by the sign of too much that the leaflet tells.
const ASKS_TOO_MUCH = /\btoo much\b|\boverdos/i;
const SAYS_TOO_MUCH = /\btoo much (?:of|morphine|opioid)\b|\boverdos/i;
const ASKS_IF_FAILED =
  /\b(?:has|did|is) (?:it|this|that|the (?:treatment|radiotherapy|injection|drip)) (?:failed|fail|not working|stopped working|not work)\b|\bhas (?:it|the \w+) not worked\b|\b(?:didn't|did not|hasn't|has not) (?:it |that |this )?work(?:ed)?\b/i;
// A pain flare, told as what happens after a treatment: "pain in the treated bone can get worse for a few days after radiotherapy".
const SAYS_PAIN_FLARE = /\bpain flare\b|\bpain (?:in the treated bone )?can get worse for a few days\b/i;
const SAYS_NOT_FAILED = /^Do not think\b[^.]*\bhas failed\b/;
const SAYS_NOT_TO_STOP = /^Do not stop\b/;
const GIVES_STARTING_DOSE = /\bstarting dose\b|\binitial dose\b|\bstarts at\b/i;
const ASKS_TO_START = /\b(?:start|starting|begin|beginning|initial)\b/i;
// A dose asked for someone already on a regular medicine ("she is on 30 mg modified-release morphine twice a day"),
// and the sentences written for them ("for a patient already taking regular oral morphine").
const TOLD_ALREADY_ON_REGULAR = /\b(?:already (?:on|taking)|regular|modified[\s-]release|mst|slow[\s-]release|twice a day|twice daily|bd|every 12 hours)\b/i;
const FOR_THOSE_ALREADY_ON = /\balready (?:taking|on) (?:a )?regular\b/i;
// A dose asked to be given again, and the sentences that say when it may be.
const ASKS_TO_REPEAT = /\b(?:repeat|re-?dose|redose|give (?:it|another|a second) (?:dose )?again|another dose|second dose|retreat)\b/i;
const STATES_WHEN_REPEATED = /\b(?:retreatment|repeated|repeating|repeat)\b[^.]*\b(?:at least|after|within|interval)\b|\bat least \d+ days\b/i;
// A dose missed or brought back up, and whether to take another ("she was sick half an hour after this morning's
// ribociclib. Should she take another tablet?"), and the sentences that say what is done then.
const ASKS_MISSED_DOSE =
  /\b(?:missed|forg[eo]t(?:s|ten|ting)?(?: to take)?|skipped|vomited|threw up|thrown up|was sick|been sick|being sick)\b[^.?!]{0,60}\b(?:dose|doses|tablet|tablets|pill|pills|capsule|capsules|it)\b|\b(?:take|have|give) (?:another|an extra|a second|one more) (?:dose|tablet|pill|capsule|one)\b|\bmake (?:it|the dose) up\b/i;
const SAYS_MISSED_DOSE = /\bmissed dose\b|\bmiss a dose\b|\bdose vomited\b|\bvomited after\b|\bsick soon after taking\b|\bnot made up\b/i;

// "Does it need a dose change on dialysis?" is answered by whether the dose is adjusted, not by the dose.
// "Will they lower the dose?" asks whether the dose changes, like "a dose change?"; "how do you reduce the dose?" asks the steps.
const ADJUSTMENT_QUESTION = /\bdose (?:change|changes|adjustment|adjusted)\b|\badjust(?:ed|ing)? (?:the |her |his |my )?dose\b|\bchange (?:the |her |his |my )?dose\b|\b(?:will|would|do|does|should) (?:they |you |we |i |she |he )?(?:need to )?(?:lower|reduce|cut) (?:the |her |his |my )?dose\b/i;
const STATES_ADJUSTMENT = /\b(?:dose adjustments?|no dose|dose changes?|adjusted|dose reductions?|reduced dose)\b/i;
// "Where do they put it?", "what route?": where on the body, or by what route, a medicine is given.
// "Where?", or an injection told in a place ("the nurse gives my Xgeva injection in my tummy - is that normal?").
const SITE_QUESTION = /\bwhere\b|\broute\b|\b(?:injections?|jabs?)\s+in(?:to)?\s+(?:my|her|his|the)\s+(?:tummy|arm|thigh|stomach|belly|leg)\b/i;
// "How long does the Zometa drip take?" asks how long each infusion runs, answered in minutes or hours.
const INFUSION_TIME_QUESTION = /\bhow long (?:does|will|do|is|would) (?:\S+ ){0,4}(?:drip|drips|infusion|infusions|injection|injections|jab|it|each one) (?:take|last|run)s?\b|\binfusion time\b|\btake each time\b/i;
const STATES_TIME_TAKEN = /\b\d+(?:\.\d+)?\s*(?:minutes?|mins?|hours?|hrs?)\b/i;
const BODY_SITE = /\b(?:upper arm|arm|thigh|tummy|abdomen|stomach|belly|vein|under the skin|buttock|route|routes|subcutaneous|intramuscular|transdermal)\b/i;
// …and the part of the body itself, which answers "where do they put it?" better than the route does.
const BODY_PART = /\b(?:upper arm|arm|thigh|tummy|abdomen|stomach|belly|buttock)\b/i;

function doseAskOf(question: string): DoseAsk {
  return {
    interval: INTERVAL_QUESTION.test(question),
    reduction: REDUCTION_QUESTION.test(question),
    site: SITE_QUESTION.test(question),
    adjustment: ADJUSTMENT_QUESTION.test(question),
    infusionTime: INFUSION_TIME_QUESTION.test(question),
    ...(ON_A_DOSE.test(question) ? { onDose: ON_A_DOSE.exec(question)![0] } : {}),
  };
}

/** The passage's place in its section, from 1: passage ids end with it. */
function sectionPosition(sentence: BankSentence): number {
  return Number(/-(\d+)$/.exec(sentence.passage.id)?.[1] ?? 1);
}

const sentenceKey = (sentence: BankSentence) => sentence.key;

function isPatientText(sentence: BankSentence): boolean {
  return sentence.document.audience !== 'professional';
}

/** The sentences a plan quotes (bottom line and sections) from text written for patients. */
/**
 * The parts of a question asked in parts: the items listed after a colon ("…: steroids, imaging timing, and
 * fractionation"), else its questions and the clauses that open with a question word ("…defined, what is…, and how…").
 */
function partsAsked(question: string): string[] {
  const listed = LISTED_AFTER_COLON.exec(question);
  // (Only one sentence's clauses: a message telling several things before it asks is no question in parts.)
  const parts = listed
    ? listed[1]!.split(LIST_SEPARATOR)
    : (question.split(/(?<=[.?!])\s+/).at(-1) ?? '').split(CLAUSE_ASKING).filter((part) => OPENS_WITH_QUESTION_WORD.test(part.trim()));
  const kept = parts.map((part) => part.trim()).filter((part) => part.length > 2);
  return kept.length > 1 ? kept : [];
}

export function patientSentencesOf(plan: PlannedAnswer): BankSentence[] {
  return [...plan.lead, ...plan.sections.flatMap((section) => section.sentences)].filter(isPatientText);
}

/** "a", "a and b", "a, b and c". */
function joinNames(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function quotable(sentence: BankSentence): boolean {
  return !sentence.question && !sentence.pointer;
}

/**
 * Whether a sentence answers a dose question for this drug: a dose bound to the drug or one of its members,
 * and not its starting dose when the person is already on a dose of it.
 */
function givesDose(sentence: BankSentence, drug: string, matcher: ConceptMatcher, asks?: DoseAsk): boolean {
  if (asks?.onDose && STARTING_DOSE.test(sentence.text) && matcher.find(asks.onDose).some((match) => matcher.narrower(drug).has(match.concept.name))) return false;
  for (const name of matcher.narrower(drug)) if (sentence.doses.has(name) || (asks?.reduction && sentence.reductionSteps.has(name))) return true;
  return false;
}

/**
 * Plans an answer from sentences, not passages (query-focused extractive summarisation): sentences are
 * scored by retrieval, by the focus concepts they name and by whether they answer the question's
 * intent; a greedy selection drops near-duplicates (Maximal Marginal Relevance) and then covers every
 * focus concept it can. Tables are quoted whole or not at all; questions and pointers never.
 */
export function createAnswerPlanner(deps: { guide: AnswerGuide; bank: SentenceBank; matcher: ConceptMatcher; analyzer: Analyzer }): AnswerPlanner {
  const { bank, matcher, guide, analyzer } = deps;
  const settings = PLAN_SETTINGS;
  const kinds = conceptKinds(matcher, guide);
  const { isUmbrella, isSubtype } = kinds;
  const traits = sentenceTraits(bank, kinds);
  const refersBack = (sentence: BankSentence) => traits.of(sentence).refersBack;
  /** A leaflet's words to its reader ("call your cancer team's 24-hour line today"): not advice to a clinician. */
  const speaksToPatient = (sentence: BankSentence) => traits.of(sentence).speaksToPatient;
  /** Whether a sentence is written for the reader: patient text for a patient, text that does not speak to a patient for a clinician. */
  const writtenFor = (sentence: BankSentence, audience: Audience) => (audience === 'professional' ? !speaksToPatient(sentence) : isPatientText(sentence));

  function mentions(sentence: BankSentence, concept: string, withContext: boolean): boolean {
    return sentence.concepts.has(concept) || (withContext && sentence.context.has(concept));
  }

  /**
   * 1 when the sentence (or, with context, its section) names the concept or one within it; part
   * credit when it names a class the concept is within: what holds for bone-modifying agents holds
   * for denosumab, if less directly.
   */
  function namesAHarm(sentence: BankSentence): boolean {
    for (const name of sentence.concepts) if (matcher.get(name)?.sideEffect) return true;
    return false;
  }

  function namesATrial(sentence: BankSentence): boolean {
    for (const name of sentence.named) if (matcher.get(name)?.type === 'trial') return true;
    return false;
  }

  function mentionCredit(sentence: BankSentence, concept: string, withContext: boolean): number {
    if (sentence.concepts.has(concept) || (withContext && (sentence.headingContext.has(concept) || sentence.titleContext.has(concept)))) return 1;
    // A concept other sentences of the section name is what the section is about, if less surely.
    if (withContext && sentence.context.has(concept)) return settings.sectionMentionCredit;
    // Every sentence of a trial's report is about that trial, named or not ("Denosumab was superior…").
    if (sentence.document.type === 'trial' && sentence.titleContext.has(concept) && matcher.get(concept)?.type === 'trial') return settings.sectionMentionCredit;
    // The class itself must be named: a sentence on zoledronic acid says nothing of denosumab.
    for (const name of kinds.classesOf(concept)) if (sentence.named.has(name) || (withContext && sentence.contextNamed.has(name))) return settings.classMentionCredit;
    return 0;
  }

  /** A sentence naming the drug (or one of its members) with a schedule. */
  function givesSchedule(sentence: BankSentence, drug: string): boolean {
    if (!sentence.interval) return false;
    for (const name of matcher.narrower(drug)) if (sentence.concepts.has(name)) return true;
    return false;
  }

  /**
   * Near-duplicates: nearly the same words, or much the same words about the same treatments and
   * the same figures. Parallel sentences giving different figures (progression-free then overall
   * survival of one trial) each say something the other does not, and so do the items of a list a facet
   * quotes by its section (`listItems`: "Back or neck pain that is new… can be an early sign", "Back pain that
   * is worse at night… can be an early sign").
   */
  function isDuplicate(a: BankSentence, b: BankSentence, listItems = false): boolean {
    const { shared, ofSmaller } = traits.sharedTerms(a, b);
    if (ofSmaller >= settings.duplicateOverlapAlways) return true;
    if (listItems && a.passage.id !== b.passage.id && a.passage.docId === b.passage.docId && a.passage.section === b.passage.section) return false;
    return ofSmaller >= settings.duplicateOverlap && shared >= settings.duplicateMinShared && sameSubjects(a, b) && traits.of(a).figures === traits.of(b).figures;
  }

  /** Whether two sentences are about the same treatments: parallel sentences on different drugs are not duplicates. */
  function sameSubjects(a: BankSentence, b: BankSentence): boolean {
    const left = traits.of(a).subjects;
    const right = traits.of(b).subjects;
    return left.length === right.length && left.every((name) => right.includes(name));
  }

  /**
   * Whether the sentence is about another treatment than the one asked about: the question names a
   * drug or procedure, and the sentence names only others (zoledronic acid's dose table answers
   * nothing about denosumab).
   */
  function aboutOtherSubject(sentence: BankSentence, related: ReadonlySet<string> | undefined, classes?: ReadonlySet<string>): boolean {
    if (!related) return false;
    const subjects = traits.of(sentence).subjects;
    let namesOther = false;
    for (const name of subjects) {
      if (!related.has(name)) namesOther = true;
      else if (!classes?.has(name)) return false;
    }
    // Naming only the class of what was asked beside another treatment is about that treatment: "SBRT
    // for patients with no indication for surgery" says nothing of when to fix a bone.
    return namesOther;
  }

  /**
   * The classes the asked procedures are within, and nothing narrower: surgery for prophylactic fixation.
   * (A drug's class beside another treatment is given with it: corticosteroids with radiotherapy.)
   */
  function procedureClassesOf(entries: readonly FocusConcept[]): Set<string> {
    const classes = new Set<string>();
    for (const entry of entries) if (entry.concept.type === 'procedure') for (const name of kinds.classesOf(entry.concept.name)) classes.add(name);
    for (const entry of entries) for (const name of matcher.narrower(entry.concept.name)) classes.delete(name);
    return classes;
  }

  /**
   * Whether the sentence is about another tumour subtype than the one asked about: the question names
   * a subtype, and the sentence (or its section) names only others. HER2-positive first-line therapy
   * answers nothing about triple-negative disease.
   */
  function aboutOtherSubtype(sentence: BankSentence, related: ReadonlySet<string> | undefined): boolean {
    if (!related) return false;
    // The sentence and its section say which subtype it is about; failing that, its document's topics.
    const named = traits.of(sentence).subtypes;
    return named.length > 0 && !named.some((name) => related.has(name));
  }

  /** Every concept related to the given focus entries: themselves, what is within them and what they are within. */
  function relatedTo(entries: readonly FocusConcept[], more: ReadonlyArray<readonly string[]> = []): Set<string> {
    const related = new Set<string>();
    for (const entry of entries) for (const name of relatedToConcept(entry.concept)) related.add(name);
    for (const names of more) for (const name of names) related.add(name);
    return related;
  }

  // What a concept relates to depends on the vocabulary and the knowledge alone: worked out once per concept.
  const relatedByConcept = new Map<string, readonly string[]>();
  function relatedToConcept(concept: Concept): readonly string[] {
    let related = relatedByConcept.get(concept.name);
    if (!related) {
      const names = new Set(matcher.narrower(concept.name));
      // Not the umbrella of a subtype: every subtype is a "type of breast cancer", so it relates them all.
      for (const name of matcher.broader(concept.name)) if (!isUmbrella(name)) names.add(name);
      // What a trial is about (its arms, its endpoints) is what the knowledge names with it.
      if (concept.type === 'trial') for (const name of bank.namedAlongside(concept.name)) names.add(name);
      // What a procedure is done for is its subject too: the fracture risk a fixation prevents.
      for (const name of concept.for ?? []) names.add(name);
      related = [...names];
      relatedByConcept.set(concept.name, related);
    }
    return related;
  }

  /** How many conditions, populations or settings the sentence (or its section) names that the question did not. */
  function offFocusCount(sentence: BankSentence, named: ReadonlySet<string>): number {
    let count = 0;
    for (const name of traits.of(sentence).qualifiers) if (!named.has(name)) count += 1;
    return count;
  }

  /**
   * How well a sentence answers what is asked: 1 for the main intent, half for another intent of a
   * compound question. A dose question is answered best by a dose with its interval, then a dose.
   */
  function intentScorer(analysis: QuestionAnalysis, asks: DoseAsk, audience: Audience, question: string): (sentence: BankSentence) => number {
    // What the question asks is read once; the returned score is asked of every candidate.
    const asksDose = analysis.intents.includes('dose');
    // A dose counts only when it is a dose of a drug the question names (when it names any).
    const drugs = analysis.focus.filter((entry) => MEDICINE_TYPES.has(entry.concept.type)).map((entry) => entry.concept.name);
    const defined = analysis.intent === 'definition' && !MEANS_FOR_SOMEONE.test(question) ? analysis.focus.map((entry) => entry.concept.name) : [];
    const { intents } = analysis;
    return (sentence) => {
      if (asksDose && sentence.answers.has('dose')) {
        const interval = sentence.interval;
        // "How often?" is answered by the interval; "where?" by the place; "what dose?" by the dose, best with its interval.
        if (asks.infusionTime) return STATES_TIME_TAKEN.test(sentence.text) ? 1 : 0.5;
        if (asks.interval) return interval ? 1 : 0.5;
        if (asks.site) return BODY_PART.test(sentence.text) ? 1 : BODY_SITE.test(sentence.text) ? 0.9 : 0.5;
        if (asks.adjustment) return STATES_ADJUSTMENT.test(sentence.text) ? 1 : 0.5;
        // A patient is told how often a medicine is taken, not its milligrams: "take calcium and vitamin D every day".
        // …or that the team sets the amount, where a leaflet gives none (strong pain medicines are dosed for each person).
        const dosed =
          drugs.length === 0
            ? sentence.quantity
            : drugs.some((name) => givesDose(sentence, name, matcher, asks) || (audience === 'patient' && givesSchedule(sentence, name))) ||
              (audience === 'patient' && isPatientText(sentence) && TEAM_SETS_AMOUNT.test(sentence.text));
        return dosed ? (interval ? 1 : 0.8) : 0.4;
      }
      // A definition is best answered by the sentence that defines what the question names.
      for (const name of defined) if (sentence.defines.has(name)) return 1.3;
      for (const intent of intents) if (sentence.answers.has(intent)) return 1;
      return 0;
    };
  }

  /**
   * What a sentence costs for its reader: a patient prefers plain sentences (each grade above the target
   * costs a little), a clinician clinical ones (a leaflet's sentence costs a fixed amount).
   */
  function audiencePenalty(sentence: BankSentence, audience: Audience): number {
    // A clinician is answered in clinical words: a leaflet's sentence only where nothing else says it.
    if (audience === 'professional') return isPatientText(sentence) ? settings.leafletPenaltyForProfessional : 0;
    if (sentence.grade <= settings.patientGrade) return 0;
    return Math.min(settings.maxGradePenalty, settings.gradePenaltyPerLevel * (sentence.grade - settings.patientGrade));
  }

  /** The rarity-weighted share of the question's terms that a sentence (or its heading) holds. */
  function weightedShare(questionTerms: ReadonlyArray<{ term: string; weight: number }>, total: number, terms: ReadonlySet<string>, heading: ReadonlySet<string>): number {
    if (total === 0) return 0;
    let found = 0;
    for (const { term, weight } of questionTerms) if (terms.has(term) || heading.has(term)) found += weight;
    return found / total;
  }

  /** Candidate sentences with their scores, best first. */
  function scoreCandidates(
    results: readonly ScoredPassage[],
    focus: readonly FocusConcept[],
    analysis: QuestionAnalysis,
    audience: Audience,
    question: string,
    intentScore: (sentence: BankSentence) => number,
    sideEffects: readonly string[],
    reportedConditions: readonly string[],
    caseReadings: CaseReadings,
  ): Array<{ sentence: BankSentence; score: number }> {
    const best = results[0]?.score ?? 0;
    const names = focus.map((entry) => entry.concept.name);
    const namesTrial = analysis.focus.some((entry) => entry.concept.type === 'trial');
    // Computed once per question, used for every candidate sentence. The side effects asked for are asked about.
    const namedByQuestion = relatedTo(analysis.focus, [sideEffects, harmsGivingReasons(analysis)]);
    // Asked what a medicine can do to you, a sentence naming one of its harms describes that harm, whatever
    // else it names ("flu-like aches and a high temperature" after a zoledronic acid drip); asked whether one
    // thing is safe ("safe to skip my Xgeva shots?"), its harms are not the answer.
    const harmsAsked = analysis.asksSideEffects ? new Set(harmsOfMedicines(focus)) : undefined;
    // …and so does one naming a harm under a heading asking what harms follow ("What side effects can happen?" in the
    // radiotherapy leaflet: "medicine to prevent sickness"), whatever harm it names.
    const describesHarm = (sentence: BankSentence) => {
      if (harmsAsked === undefined) return false;
      for (const name of sentence.concepts) if (harmsAsked.has(name) || (sentence.headingAsks.has('adverse-effects') && matcher.get(name)?.sideEffect)) return true;
      return false;
    };
    const askedSubjects = analysis.focus.filter((entry) => SUBJECT_KINDS.has(entry.concept.type));
    // What is taken with a medicine is another medicine: naming it is the answer, not another subject.
    const relatedSubjects = askedSubjects.length > 0 && analysis.intent !== 'taken-with' ? relatedTo(askedSubjects) : undefined;
    const askedClasses = procedureClassesOf(askedSubjects);
    const askedSubtypes = analysis.focus.filter((entry) => entry.concept.type === 'subtype');
    const relatedSubtypes = askedSubtypes.length > 0 ? relatedTo(askedSubtypes) : undefined;
    // A dose table for one condition answers nothing about another: the renal dose table of zoledronic
    // acid in bone metastases is not the dosing of hypercalcaemia, nor what follows Prolia in osteoporosis.
    const askedConditions = focus.filter((entry) => entry.concept.type === 'condition').map((entry) => entry.concept.name);
    // Nor does one for another condition than an emergency the message reports: the renal dose table of
    // bone metastases is not how to dose zoledronic acid for the high calcium of a drowsy patient.
    const tableFor = (sentence: BankSentence, conditions: readonly string[]) => !conditions.some((name) => mentionCredit(sentence, name, true) > 0);
    // Whatever is asked: a dose quoted for the wrong condition is a wrong dose.
    const tableForOtherCondition = (sentence: BankSentence) =>
      (askedConditions.length > 0 || reportedConditions.length > 0) &&
      bank.wholeUnitOf(sentence.passage) !== undefined &&
      (analysis.intent === 'dose' || unitOf(sentence).some((member) => member.doses.size > 0)) &&
      ((askedConditions.length > 0 && tableFor(sentence, askedConditions)) || (reportedConditions.length > 0 && tableFor(sentence, reportedConditions)));
    // Nor is another medicine's dose table an answer to a dose asked of one: zoledronic acid's bands by
    // creatinine clearance are not the capecitabine starting dose at that clearance.
    const tableForOtherMedicine = (sentence: BankSentence) =>
      analysis.intent === 'dose' &&
      bank.wholeUnitOf(sentence.passage) !== undefined &&
      unitOf(sentence).some((member) => member.doses.size > 0) &&
      aboutOtherSubject(sentence, relatedSubjects, askedClasses);
    // "My friend says denosumab rots your jaw, is that true?" is not asking about stopping it.
    const speaksOfStopping = analysis.intent === 'duration' || STOPPING.test(withoutStopsOfWhatItTreats(question)) || SPEAKS_OF_A_BREAK.test(question);
    const questionTerms = questionTermsOf(question);
    const weightedTerms = [...questionTerms].map((term) => ({ term, weight: bank.rarity(term) }));
    const totalWeight = weightedTerms.reduce((total, { weight }) => total + weight, 0);
    const scored: Array<{ sentence: BankSentence; score: number }> = [];
    for (const result of results) {
      if (best > 0 && result.score < best * settings.minRelativeScore) continue;
      if (result.passage.pitfall) continue;
      const retrieval = best > 0 ? result.score / best : 0;
      for (const sentence of bank.sentencesOf(result.passage.id)) {
        if (!quotable(sentence) || tableForOtherCondition(sentence) || tableForOtherMedicine(sentence) || forOtherCase(sentence, caseReadings)) continue;
        if (audience === 'professional' && speaksToPatient(sentence)) continue;
        // When to act on a sign is never a trial's figures ("on capecitabine, temp 37.9: what should I do?" is not HER2CLIMB).
        if (analysis.intent === 'when-to-seek-help' && reportsTrial(sentence) && namesATrial(sentence)) continue;
        const intent = intentScore(sentence);
        let score: number;
        if (names.length === 0) {
          score = settings.unfocusedWeights.retrieval * retrieval + settings.unfocusedWeights.intent * intent;
        } else {
          let sentenceCredit = 0;
          let contextCredit = 0;
          for (const name of names) {
            sentenceCredit += mentionCredit(sentence, name, false);
            contextCredit += mentionCredit(sentence, name, true);
          }
          const sentenceFocus = sentenceCredit / names.length;
          const contextFocus = contextCredit / names.length;
          // A section whose heading restates the question answers it, every sentence of it…
          const headingMatch = share(sentence.headingTerms, questionTerms);
          // …even when it never names what it is about: "How long do people live with it?" in a leaflet on
          // cancer in the bones answers "how long do people live with breast cancer in the bones?".
          // (…a leaflet that speaks of what is asked elsewhere: "What side effects can happen?" in one on bone medicines says nothing of palbociclib.)
          const headingIsTheQuestion =
            headingMatch === 1 && sentence.headingTerms.size >= settings.minTermsOfRestatingHeading && names.every((name) => conceptsOfDocument(sentence.document.id).has(name));
          if (contextFocus === 0 && !headingIsTheQuestion) continue;
          const weights = settings.weights;
          const headingIntent = sentence.headingAsks.has(analysis.intent) ? 1 : 0;
          // The question's own words, rare ones weighing most, catch what no concept names ("calcium managed").
          const termMatch = weightedShare(weightedTerms, totalWeight, sentence.terms, sentence.headingTerms);
          score =
            weights.terms * termMatch +
            weights.headingMatch * headingMatch +
            weights.retrieval * retrieval +
            weights.sentenceFocus * sentenceFocus +
            weights.contextFocus * contextFocus +
            weights.intent * intent +
            weights.headingIntent * headingIntent -
            (describesHarm(sentence) ? 0 : Math.min(settings.maxOffFocusPenalty, settings.offFocusPenalty * offFocusCount(sentence, namedByQuestion))) -
            (aboutOtherSubject(sentence, relatedSubjects, askedClasses) ? settings.otherSubjectPenalty : 0) -
            (aboutOtherSubtype(sentence, relatedSubtypes) ? settings.otherSubtypePenalty : 0) -
            (!speaksOfStopping && ABOUT_STOPPING.test(sentence.passage.section) ? settings.stoppingSectionPenalty : 0);
        }
        if (sentence.document.type === 'trial' && !namesTrial) score *= settings.trialWeight;
        if (caseReadings.caseNeutrophilCount !== undefined && speaksOfNeutropeniaGrade(sentence.text, caseReadings.caseNeutrophilCount)) score += settings.caseGradeBonus;
        if (caseReadings.caseNeurologicalSigns !== undefined && speaksOfCaseNeurology(sentence.text, caseReadings.caseNeurologicalSigns)) score += settings.caseGradeBonus;
        scored.push({ sentence, score: score - audiencePenalty(sentence, audience) });
      }
    }
    return scored.sort((a, b) => b.score - a.score);
  }

  /**
   * A sentence for another band of kidney function than the case's ("above 60 mL/min" beside a clearance
   * of 45), for another grade of neutropenia ("grade 1 or 2 needs no change" beside a count of 0.7), or a
   * radiotherapy schedule for the spine beside a rib; a table's row is not, since a table is quoted whole or not at all.
   */
  function forOtherCase(sentence: BankSentence, readings: CaseReadings): boolean {
    const { caseClearance: clearance, caseNeutrophilCount: neutrophils, caseBoneSite: site } = readings;
    if (clearance === undefined && neutrophils === undefined && site === undefined) return false;
    if (bank.wholeUnitOf(sentence.passage) !== undefined) return false;
    return (
      (clearance !== undefined && speaksOfOtherClearance(sentence.text, clearance)) ||
      (neutrophils !== undefined && speaksOfOtherNeutropeniaGrade(sentence.text, neutrophils)) ||
      (site !== undefined && givesScheduleForOtherSite(sentence.text, site))
    );
  }

  /**
   * A mistake to avoid that the question's own retrieval ranks well above everything else answers it
   * directly: "Can I have Prolia as well as my Xgeva?" is answered by "Do not take Prolia if you already
   * have Xgeva, because both contain denosumab".
   */
  function pitfallMatchingQuestion(input: PlanInput): BankSentence | undefined {
    const [best] = input.results;
    if (!best?.passage.pitfall) return undefined;
    const next = input.results.find((result) => !result.passage.pitfall)?.score ?? 0;
    if (best.score < next * settings.pitfallLeadMargin) return undefined;
    // …about a medicine asked about: "when can she restart the palbo?" is not answered by how zoledronic acid is restarted.
    const medicinesAsked = input.analysis.focus.map((entry) => entry.concept.name).filter(kinds.isMedicine);
    const ofAnotherMedicine = (sentence: BankSentence) => medicinesAsked.length > 0 && traits.of(sentence).drugs.length > 0 && !namesOrClassOf(sentence, medicinesAsked);
    // …and about the trial asked about, when one is: "the results of MONALEESA-2" are not answered by a pitfall on CALGB 70604's.
    const trialsAsked = input.analysis.focus.filter((entry) => entry.concept.type === 'trial').map((entry) => entry.concept.name);
    const ofAnotherTrial = (sentence: BankSentence) => trialsAsked.length > 0 && !trialsAsked.some((name) => mentionCredit(sentence, name, false) > 0);
    return bank.sentencesOf(best.passage.id).find((sentence) => quotable(sentence) && !ofAnotherMedicine(sentence) && !ofAnotherTrial(sentence) && writtenFor(sentence, input.audience));
  }

  /** Whether a follow-up's concept came from the turns before, not from the message itself. */
  function carriedFromEarlier(input: PlanInput, name: string): boolean {
    return input.message !== undefined && input.message !== input.question && !matcher.find(input.message).some((match) => match.concept.name === name);
  }

  /** Whether a sentence names one of the concepts, or a class one of them belongs to ("your bone medicine" for Xgeva). */
  const namesOrClassOf = (sentence: BankSentence, names: readonly string[]) =>
    names.some((name) => mentionCredit(sentence, name, false) > 0 || [...matcher.broader(name)].some((broader) => sentence.concepts.has(broader)));

  /** The leaflets' sentences saying to stop or pause a medicine and call the team, found once at start-up. */
  const leafletStopAndCallSentences = bank.all.filter(
    (sentence) => isPatientText(sentence) && quotable(sentence) && !sentence.passage.pitfall && CALLS_FOR_HELP.test(sentence.text) && STOPS_OR_PAUSES.test(sentence.text),
  );
  // The leaflet sentences that say which line to call, whatever is wrong ("Get help now means calling your cancer team's
  // 24-hour phone line…"), not only for one harm ("If you have diarrhoea and feel dizzy… call your team's 24-hour line").
  const callLineSentences = bank.all.filter(
    (sentence) =>
      isPatientText(sentence) &&
      quotable(sentence) &&
      !sentence.passage.pitfall &&
      SAYS_WHO_TO_CALL.test(sentence.text) &&
      ![...sentence.concepts].some((name) => matcher.get(name)?.type === 'condition'),
  );
  /** The leaflets' mistakes to avoid that say one thing ("Do not stop…"), found once at start-up. */
  const leafletPitfallsSaying = (pattern: RegExp) => bank.all.filter((sentence) => sentence.passage.pitfall && quotable(sentence) && isPatientText(sentence) && pattern.test(sentence.text));
  /** How many of the question's terms a sentence holds. */
  const termsShared = (sentence: BankSentence, terms: ReadonlySet<string>) => [...terms].filter((term) => sentence.terms.has(term)).length;
  /** The sentence scoring highest, the first of equals. */
  const highest = (sentences: readonly BankSentence[], score: (sentence: BankSentence) => number) =>
    sentences.reduce<BankSentence | undefined>((best, sentence) => (best === undefined || score(sentence) > score(best) ? sentence : best), undefined);

  // "Has it failed?" after pain got worse: the leaflets' "Do not think a pain flare… means the treatment has failed".
  const notFailedSentences = leafletPitfallsSaying(SAYS_NOT_FAILED);
  function notFailedAlready(input: PlanInput): BankSentence | undefined {
    if (input.audience !== 'patient' || !ASKS_IF_FAILED.test(input.question)) return undefined;
    const terms = questionTermsOf(input.question);
    const best = highest(notFailedSentences, (sentence) => termsShared(sentence, terms));
    // Only one about what the question is about: its words beyond "failed".
    return best !== undefined && termsShared(best, terms) > 1 ? best : undefined;
  }

  const notToStopSentences = leafletPitfallsSaying(SAYS_NOT_TO_STOP);

  /**
   * "My neutrophils are 0.9 - do I stop the palbociclib?": a patient asking whether to stop a medicine is first
   * told the leaflet's "Do not stop hormone tablets or targeted tablets without talking to your team", from a
   * leaflet the answer quotes about that medicine.
   */
  function notStoppingAlone(input: PlanInput, cited: readonly string[], quoted: readonly BankSentence[]): BankSentence | undefined {
    if (input.audience !== 'patient') return undefined;
    const medicines = medicinesAskedToStop(input);
    if (medicines.length === 0) return undefined;
    const others = input.analysis.focus.filter((entry) => !MEDICINE_TYPES.has(entry.concept.type)).map((entry) => entry.concept.name);
    // "My calcium came back high, should I keep taking my calcium tablets?": what rules the medicine out, for what
    // the question tells, is the answer, and "do not stop it" would contradict it.
    const rulesOut = (sentence: BankSentence) => RULED_OUT.test(sentence.text) && medicines.some((name) => mentionCredit(sentence, name, false) > 0) && others.some((name) => mentionCredit(sentence, name, true) > 0);
    if (quoted.some(rulesOut)) return undefined;
    const aboutMedicine = (documentId: string) => quoted.some((sentence) => sentence.document.id === documentId && isPatientText(sentence) && medicines.some((name) => mentionCredit(sentence, name, true) > 0));
    const quotedAbout = new Set(cited.filter(aboutMedicine));
    // Said of the medicine, of its class ("your bone medicine" for Xgeva), or in a leaflet quoted about it.
    const namesMedicine = (sentence: BankSentence) => namesOrClassOf(sentence, medicines);
    // A leaflet's "Do not stop denosumab…" is no answer about the calcium tablets it also speaks of.
    const ofAnotherMedicine = (sentence: BankSentence) => traits.of(sentence).drugs.length > 0;
    const saying = notToStopSentences.filter((sentence) => namesMedicine(sentence) || (quotedAbout.has(sentence.document.id) && !ofAnotherMedicine(sentence)));
    // The one naming most of what else is asked ("before the dentist" by "…on your own before dental work"), then sharing most of its words.
    const terms = questionTermsOf(input.question);
    return highest(saying, (sentence) => others.filter((name) => mentionCredit(sentence, name, true) > 0).length * terms.size + termsShared(sentence, terms));
  }

  /**
   * The medicines a question asks whether to stop: those the stop names ("stop the palbociclib?"), else the last one
   * named before it ("I have the denosumab injection. Do I need the calcium with that? Can I just stop them?" asks
   * about the calcium), else every medicine asked about.
   */
  function medicinesAskedToStop(input: PlanInput): string[] {
    const question = input.question.normalize('NFKC');
    const stop = ASKS_WHETHER_TO_STOP.exec(question);
    if (!stop) return [];
    const medicines = input.analysis.focus.filter((entry) => MEDICINE_TYPES.has(entry.concept.type) && !entry.background);
    const sentenceEnd = question.slice(stop.index).search(/[.?!](?:\s|$)/);
    const stopSentenceEnd = sentenceEnd < 0 ? question.length : stop.index + sentenceEnd;
    const named = medicines.filter((entry) => entry.start >= stop.index && entry.start < stopSentenceEnd);
    const before = medicines.filter((entry) => entry.end <= stop.index).at(-1);
    return (named.length > 0 ? named : before ? [before] : medicines).map((entry) => entry.concept.name);
  }

  /** The first two sentences the outlook's own words find that tell the outlook, in the reader's words, new to the answer. */
  function outlookSentences(input: PlanInput, isNew: (sentence: BankSentence) => boolean): BankSentence[] {
    const expansion = guide.intents.find((entry) => entry.intent === 'prognosis')?.expansion ?? '';
    const found: BankSentence[] = [];
    for (const result of input.search(`${expansion} how long people live`, settings.extraSearchLimit)) {
      for (const sentence of bank.sentencesOf(result.passage.id)) {
        if (!quotable(sentence) || !sentence.answers.has('prognosis') || sentence.document.type === 'trial' || !isNew(sentence) || !writtenFor(sentence, input.audience)) continue;
        found.push(sentence);
        if (found.length === 2) return found;
      }
    }
    return found;
  }

  // What each document names anywhere, with what those concepts are within: worked out once, when first asked.
  const documentConcepts = new Map<string, Set<string>>();
  function conceptsOfDocument(documentId: string): ReadonlySet<string> {
    if (documentConcepts.size === 0) {
      for (const sentence of bank.all) {
        const named = documentConcepts.get(sentence.document.id) ?? new Set<string>();
        for (const name of sentence.context) named.add(name);
        documentConcepts.set(sentence.document.id, named);
      }
    }
    return documentConcepts.get(documentId) ?? new Set();
  }

  // The sentences saying two products are one medicine, found once, each with the products it names (its
  // capitalised words after the first: "Xgeva" and "Prolia").
  const sameMedicineSentences = bank.all
    .filter((sentence) => quotable(sentence) && !sentence.passage.pitfall && SAYS_SAME_MEDICINE.test(sentence.text))
    .map((sentence) => ({ sentence, products: [...new Set((sentence.text.match(/(?<=\s)[A-Z][a-z]+\b/g) ?? []).map((name) => name.toLowerCase()))] }));

  /** The sentences of a whole table when the sentence sits in one, else the sentence alone. */
  function unitOf(sentence: BankSentence): BankSentence[] {
    const unit = bank.wholeUnitOf(sentence.passage);
    return unit ? unit.flatMap((passage) => bank.sentencesOf(passage.id).filter(quotable)) : [sentence];
  }

  function createSelection() {
    const chosen: BankSentence[] = [];
    const keys = new Set<string>();
    const documents = new Set<string>();
    return {
      chosen,
      documents,
      has: (sentence: BankSentence) => keys.has(sentenceKey(sentence)),
      duplicates: (sentence: BankSentence, listItems = false) => chosen.some((other) => isDuplicate(other, sentence, listItems)),
      add(sentence: BankSentence): BankSentence[] {
        const unit = unitOf(sentence).filter((member) => !keys.has(sentenceKey(member)));
        for (const member of unit) {
          keys.add(sentenceKey(member));
          documents.add(member.document.id);
          chosen.push(member);
        }
        return unit;
      },
    };
  }

  function maxSentencesFor(analysis: QuestionAnalysis): number {
    // A question about mistakes is answered by the pitfalls: the rest only sets the scene.
    if (analysis.asksPitfalls) return settings.maxSentencesBesidePitfalls;
    const subjects = analysis.focus.filter((entry) => !entry.background && SUBJECT_TYPES.has(entry.concept.type));
    // A measure beside a treatment says what the treatment's answer depends on ("zoledronic acid dose at a
    // creatinine clearance of 45", "ribociclib ECG schedule"): one question, not two.
    const asked = subjects.some((entry) => entry.concept.type !== 'measure') ? subjects.filter((entry) => entry.concept.type !== 'measure') : subjects;
    // "Why do I need a dentist?" asks one thing, the reason, whatever other cues it holds ("do I need").
    const compoundIntents = analysis.intent !== 'reason' && analysis.intents.length > 1;
    if (compoundIntents || asked.length > 1) return settings.maxSentencesCompound;
    return settings.maxSentences[analysis.intent] ?? settings.maxSentences.default ?? 6;
  }

  /**
   * The sections holding the best sentences are completed: their other sentences join the answer
   * when they score close to the section's best, so a section that answers the question is quoted
   * together rather than as one line torn out of it.
   */
  function expandBestSections(
    selection: ReturnType<typeof createSelection>,
    picked: readonly BankSentence[],
    scored: ReadonlyArray<{ sentence: BankSentence; score: number }>,
    bestScore: number,
  ): void {
    const sections = [...new Set(picked.slice(0, settings.expandedSections).map((sentence) => sectionKeyOf(sentence.passage)))];
    for (const key of sections) {
      const members = scored.filter(({ sentence }) => sectionKeyOf(sentence.passage) === key);
      if (members.length > settings.maxExpandedSection) continue;
      for (const { sentence, score } of members) {
        if (score < bestScore * settings.expandShareOfBest || selection.has(sentence) || selection.duplicates(sentence)) continue;
        selection.add(sentence);
      }
    }
  }

  /**
   * The retrieved passages, and beside the best few the rest of their sections, scored a little below
   * them: a section answers as its sources wrote it, and "How can bone metastases affect me?" lists
   * pain, weak bones, pressure on the spinal cord and high calcium in passages that never say "cause".
   */
  function withSectionSiblings(results: ScoredPassage[]): ScoredPassage[] {
    const seen = new Set(results.map((result) => result.passage.id));
    const siblings: ScoredPassage[] = [];
    for (const result of results.slice(0, settings.sectionsCompleted)) {
      for (const passage of bank.passagesOfSection(sectionKeyOf(result.passage))) {
        if (seen.has(passage.id)) continue;
        seen.add(passage.id);
        siblings.push({ ...result, passage, score: result.score * settings.siblingShare });
      }
    }
    return siblings.length === 0 ? results : [...results, ...siblings].sort((a, b) => b.score - a.score);
  }

  /** A question asking only the outlook ("how long do people live with it?"), not a trial's survival results. */
  function asksOutlookOnly(analysis: QuestionAnalysis): boolean {
    return analysis.intent === 'prognosis' && analysis.intents.length === 1 && !analysis.focus.some((entry) => entry.concept.type === 'trial');
  }

  /** The sections of the candidates that tell the outlook, if any does; with no treatment asked, not by a treatment's benefit. */
  function sectionsTellingOutlook(candidates: ReadonlyArray<{ sentence: BankSentence }>, subjectAsked: boolean): ReadonlySet<string> | undefined {
    const telling = new Set<string>();
    for (const { sentence } of candidates) {
      if (sentence.answers.has('prognosis') && (subjectAsked || traits.of(sentence).subjects.length === 0)) telling.add(sectionKeyOf(sentence.passage));
    }
    return telling.size > 0 ? telling : undefined;
  }

  /** Drops, in place, the sentences of sections where none answers the intent, when any sentence does. */
  function keepSectionsTelling(intent: Intent, sentences: BankSentence[]): void {
    const telling = new Set(sentences.filter((sentence) => sentence.answers.has(intent)).map((sentence) => sectionKeyOf(sentence.passage)));
    if (telling.size === 0) return;
    const kept = sentences.filter((sentence) => telling.has(sectionKeyOf(sentence.passage)));
    sentences.splice(0, sentences.length, ...kept);
  }

  /** Sections in order of their best sentence; sentences within a section in reading order. */
  function toSections(sentences: readonly BankSentence[]): PlanSection[] {
    const groups = new Map<string, BankSentence[]>();
    for (const sentence of sentences) {
      const key = sectionKeyOf(sentence.passage);
      groups.set(key, [...(groups.get(key) ?? []), sentence]);
    }
    return [...groups.values()].map((group) => ({
      heading: group[0]!.passage.section || group[0]!.document.title,
      sentences: [...group].sort((a, b) => a.order - b.order || a.index - b.index),
    }));
  }

  /** Pitfalls stated by the documents the answer cites, those naming what the question asks about first. */
  /** `quoted`: the answer's own sentences, which a pitfall must not repeat (two leaflets may say the same). */
  function choosePitfalls(input: PlanInput, cited: readonly string[], concepts: readonly string[], limit: number, onePerDocument = true, quoted: readonly BankSentence[] = []): BankSentence[] {
    const questionTerms = questionTermsOf(input.question);
    const scored: Array<{ sentence: BankSentence; score: number }> = [];
    for (const docId of cited) {
      for (const passage of bank.pitfallsOf(docId)) {
        for (const sentence of bank.sentencesOf(passage.id)) {
          if (!quotable(sentence) || forOtherCase(sentence, input)) continue;
          if (input.audience === 'patient' ? !isPatientText(sentence) : speaksToPatient(sentence)) continue;
          // A pitfall that names no concept ("do not drive yourself to hospital") is about what its document's title names.
          const named = concepts.filter((name) => sentence.concepts.has(name)).length;
          const hits = named > 0 ? named : concepts.filter((name) => sentence.titleContext.has(name)).length * settings.titlePitfallCredit;
          if (concepts.length > 0 && hits === 0) continue;
          scored.push({ sentence, score: hits + overlap(questionTerms, sentence.terms).ofSmaller });
        }
      }
    }
    const picked: BankSentence[] = [];
    const documents = new Set<string>();
    for (const { sentence } of scored.sort((a, b) => b.score - a.score)) {
      if (picked.length >= limit) break;
      // One pitfall per document keeps the list about the whole answer.
      // A pitfall that shares the answer's words still says what to avoid; only one saying the same thing again goes.
      if ((onePerDocument && documents.has(sentence.document.id)) || picked.some((other) => isDuplicate(other, sentence)) || quoted.some((other) => traits.sharedTerms(other, sentence).ofSmaller >= settings.duplicateOverlapAlways)) continue;
      documents.add(sentence.document.id);
      picked.push(sentence);
    }
    return picked;
  }

  const diseaseNamed = (subtype: string) => (/\b(?:cancer|disease)$/.test(subtype) ? subtype : `${subtype} disease`);

  /**
   * A treatment asked about with a tumour subtype the knowledge never gives it for, although it gives
   * it for other subtypes: pembrolizumab (triple-negative disease) asked about for HER2-positive disease.
   */
  function treatmentForAnotherSubtype(focus: readonly FocusConcept[]): { treatment: FocusConcept; subtype: FocusConcept } | undefined {
    const subtypes = focus.filter((entry) => entry.concept.type === 'subtype');
    if (subtypes.length !== 1) return undefined;
    const subtype = subtypes[0]!;
    const treatment = focus.find((entry) => {
      if (!MEDICINE_TYPES.has(entry.concept.type)) return false;
      const alongside = bank.namedAlongside(entry.concept.name);
      const givenForASubtype = [...alongside].some(isSubtype);
      return givenForASubtype && !alongside.has(subtype.concept.name);
    });
    return treatment ? { treatment, subtype } : undefined;
  }

  /**
   * The pitfalls a question about mistakes asks for: those of the documents it retrieves and cites,
   * including the documents on each member of a class it names (the pitfalls of denosumab are
   * pitfalls of bone-modifying agents).
   */
  function askedPitfalls(input: PlanInput, cited: readonly string[], concepts: readonly string[]): BankSentence[] {
    const members = concepts.flatMap((name) => [...matcher.narrower(name)]);
    const memberDocuments = [...new Set(members)]
      .filter((name) => !concepts.includes(name))
      .flatMap((name) => input.search(`${name} pitfalls mistakes`, settings.extraSearchLimit).slice(0, 2).map((result) => result.document.id));
    const documents = [...new Set([...cited, ...input.results.map((result) => result.document.id)])].slice(0, settings.pitfallDocumentsAsked);
    // "38.3 °C on chemotherapy… and the common pitfalls?": first the mistakes made in the emergency told (waiting for the
    // neutrophil count), whatever they name, then those of what the question names.
    const ofEmergency = (input.alertDocuments ?? []).length > 0 ? choosePitfalls(input, input.alertDocuments ?? [], [], settings.maxPitfallsAsked, false) : [];
    // A sentence naming a member names its class too (the bank adds broader concepts), so the class is enough here.
    const named = choosePitfalls(input, [...new Set([...documents, ...memberDocuments])], concepts, settings.maxPitfallsAsked, false, ofEmergency);
    return [...ofEmergency, ...named].slice(0, settings.maxPitfallsAsked);
  }

  /**
   * The passages naming a concept that few sentences name, whatever words they use for it: search finds
   * "loperamide" by that word, a leaflet calls it "the anti-diarrhoea medicine".
   */
  function passagesNamingRarely(concept: string): ScoredPassage[] {
    const naming = bank.sentencesNaming(concept);
    if (naming.length > settings.rarelyNamed.sentences) return [];
    const passages = new Map<string, ScoredPassage>();
    for (const { passage, document } of naming) passages.set(passage.id, { passage, document, score: settings.rarelyNamed.retrieval });
    return [...passages.values()];
  }

  function planSpecific(input: PlanInput): PlannedAnswer {
    const { analysis, audience } = input;
    const notBackground = analysis.focus.filter((entry) => !entry.background);
    // Beside an emergency told with what to do asked, the medicines taken are circumstances: "on capecitabine,
    // 38.3 °C - what should I do?" asks about the fever, not about capecitabine's diarrhoea and DPD testing.
    const toldBesideEmergency = (input.alertDocuments ?? []).length > 0 && (analysis.intent === 'when-to-seek-help' || (analysis.intent === 'management' && ASKS_WHAT_TO_DO.test(input.question))) ? notBackground.filter((entry) => !MEDICINE_TYPES.has(entry.concept.type)) : [];
    const focus = toldBesideEmergency.length > 0 ? notBackground.map((entry) => (MEDICINE_TYPES.has(entry.concept.type) ? { ...entry, context: true } : entry)) : notBackground;
    // The treatment is answered as the knowledge gives it, and the pairing asked about is said to be not covered.
    const unpaired = treatmentForAnotherSubtype(focus);
    if (unpaired) {
      const withoutSubtype = { ...analysis, focus: analysis.focus.filter((entry) => entry !== unpaired.subtype) };
      const plan = planSpecific({ ...input, analysis: withoutSubtype });
      return {
        ...plan,
        coverage: [...plan.coverage, { concept: unpaired.subtype.concept, covered: false }],
        uncovered: [...plan.uncovered, `${unpaired.treatment.concept.name} for ${diseaseNamed(unpaired.subtype.concept.name)}`],
      };
    }
    // The person's circumstances ("previously had a taxane") are not searched or scored for: they
    // would bring passages about themselves, not about what was asked. A question whose only other
    // words are a setting ("can I fly while I am on denosumab?") is about the circumstance too.
    const asked = focus.filter((entry) => !entry.context);
    // (Beside an emergency, what it is told as is the subject, whatever words told it.)
    const subjects = toldBesideEmergency.length > 0 ? toldBesideEmergency : asked.some((entry) => SUBJECT_TYPES.has(entry.concept.type)) ? asked : focus;
    const outlookFocus = analysis.intent === 'prognosis' ? analysis.focus.filter((entry) => entry.background) : [];
    const scoringFocus = subjects.length > 0 ? [...subjects, ...outlookFocus] : analysis.focus;
    // Each focus concept gets a retrieval of its own, with the words that answer the intent, so a
    // passage that states "denosumab 120 mg every 4 weeks" is found for "denosumab dose?" although it
    // never says "dose". Scores are normalised per retrieval before they are merged.
    const expansion = guide.intents.find((entry) => entry.intent === analysis.intent)?.expansion ?? '';
    // A drug's class is searched too: what a guideline says of bone-modifying agents holds for denosumab;
    // but every subject asked about is searched before any class ("SBRT to all sites" keeps its oligometastatic search).
    // The outlook is told of the disease as a whole too ("many people live for years with breast cancer in the
    // bones"): a prognosis question searches and scores the background it names after what it asks about.
    const nameOf = (entry: FocusConcept) => entry.concept.name;
    const searched = [...new Set([...subjects.map(nameOf), ...subjects.flatMap((entry) => entry.concept.within), ...outlookFocus.map(nameOf)])].slice(0, settings.maxConceptRetrievals);
    // "Why tell my dentist about Xgeva?": the reason is a harm of the medicine that the other thing asked
    // about is spoken of with (jaw osteonecrosis beside dental care), so that harm is searched for too.
    const reasons = reasonHarms(analysis, subjects);
    // "Where do they put it?" asks where on the body: the places a medicine is given are searched for with it.
    const where = analysis.intent === 'dose' && SITE_QUESTION.test(input.question) ? ' injection goes into upper arm thigh tummy vein' : '';
    // "How many times will he have to go in?" asks for the count of sessions: sessions are searched for with it.
    const howMany = ASKS_HOW_MANY_SESSIONS.test(input.question) ? ' sessions fractions' : '';
    // "Her eGFR has fallen from 55 to 38": what is done when kidney function declines on treatment is searched for with it.
    const declining = KIDNEY_WORSENED.test(input.question) ? ' withheld if kidney function has deteriorated' : '';
    // "Will the Xgeva take the pain away on its own?": what is said of it alone is searched for with it, lest other
    // passages on the same pain crowd it out of the retrieval.
    const alone = ALONE.test(input.question) ? ' alone on its own' : '';
    const retrievals = [input.results, ...[...searched, ...reasons].map((name) => input.search(`${name} ${expansion}${where}${howMany}${declining}${alone}`, settings.extraSearchLimit))];
    // "Is my mum dying?" names nothing and shares no word with how the outlook is told: the outlook's own words are searched.
    if (searched.length === 0 && analysis.intent === 'prognosis') retrievals.push(input.search(`${expansion} how long people live`, settings.extraSearchLimit));
    const sideEffects = sideEffectsAsked(analysis, asked);
    const named = searched.flatMap(passagesNamingRarely);
    const asks = doseAskOf(input.question);
    const intentScore = intentScorer(analysis, asks, audience, input.question);
    const candidates = scoreCandidates(
      withSectionSiblings(mergeRetrievals(retrievals, named)),
      scoringFocus,
      analysis,
      audience,
      input.question,
      intentScore,
      sideEffects,
      input.reportedConditions ?? [],
      input,
    );
    const patientFirst = audience === 'patient';
    // A harm told beside a medicine ("diarrhoea 6-7x/day on capecitabine") is not answered with what is held of that
    // harm on another medicine alone (abemaciclib's diarrhoea rules): such sentences are not quoted. So with a missed
    // dose: a CDK4/6 inhibitor's rule says nothing of a late Xgeva.
    const harmsTold = focus.filter((entry) => entry.concept.sideEffect && !entry.context && !entry.background).map((entry) => entry.concept.name);
    const perMedicineTold = focus.filter((entry) => entry.concept.perMedicine && !entry.context && !entry.background).map((entry) => entry.concept.name);
    const medicinesNamed = focus.filter((entry) => !entry.context && !entry.background && MEDICINE_TYPES.has(entry.concept.type));
    const kinOfMedicines = medicinesNamed.length > 0 ? relatedTo(medicinesNamed) : undefined;
    const ofOtherMedicinesOnly = (sentence: BankSentence, kin: ReadonlySet<string>) => {
      const drugs = traits.of(sentence).drugs;
      return drugs.length > 0 && !drugs.some((name) => kin.has(name));
    };
    const harmOfAnotherMedicine = (sentence: BankSentence) => kinOfMedicines !== undefined && harmsTold.some((name) => mentionCredit(sentence, name, true) >= 1) && ofOtherMedicinesOnly(sentence, kinOfMedicines);
    // (…a missed dose also in a section that speaks of one: "Ribociclib can affect the liver" under the CDK4/6 inhibitors'
    // missed-dose advice; and with no medicine named, "she missed her infusion" is answered by no medicine's rule.)
    const missedDoseOfAnotherMedicine = (sentence: BankSentence) => perMedicineTold.some((name) => mentionCredit(sentence, name, true) > 0) && ofOtherMedicinesOnly(sentence, kinOfMedicines ?? new Set());
    // Beside an emergency, what is held of it on another medicine only is not this person's: palbociclib's rule for a
    // fever with neutropenia says nothing to someone on capecitabine.
    const takenBesideEmergency = toldBesideEmergency.length > 0 ? focus.filter((entry) => MEDICINE_TYPES.has(entry.concept.type)) : [];
    const kinTaken = takenBesideEmergency.length > 0 ? relatedTo(takenBesideEmergency) : undefined;
    const ofAnotherMedicineTaken = (sentence: BankSentence) => kinTaken !== undefined && ofOtherMedicinesOnly(sentence, kinTaken);
    const scoredForAnswer =
      harmsTold.length + perMedicineTold.length > 0 || kinTaken !== undefined
        ? candidates.filter(({ sentence }) => !harmOfAnotherMedicine(sentence) && !missedDoseOfAnotherMedicine(sentence) && !ofAnotherMedicineTaken(sentence))
        : candidates;
    // "What is the prognosis, and what affects it?" is answered from the sections that tell the outlook, chosen
    // before anything is picked: a decalcification sentence that "did not affect ER" must not take the room of
    // the outlook by subtype. A medicine's survival benefit is no outlook of the disease unless a medicine is asked.
    const outlookSections = asksOutlookOnly(analysis) ? sectionsTellingOutlook(scoredForAnswer, medicinesNamed.length > 0) : undefined;
    const answering = outlookSections ? scoredForAnswer.filter(({ sentence }) => outlookSections.has(sectionKeyOf(sentence.passage))) : scoredForAnswer;
    const primary = patientFirst ? answering.filter(({ sentence }) => isPatientText(sentence)) : answering;

    const selection = createSelection();
    // "What are the side effects of denosumab?" has one answer per harm held for it: each harm's best
    // sentence comes first, and the general selection fills what room is left.
    const sideEffectSentences = addSideEffects(input, sideEffects, asked[0]?.concept.name ?? '', primary, selection);
    const limit = sideEffects.length > 0 ? Math.max(settings.minSentencesBesideSideEffects, maxSentencesFor(analysis) - sideEffectSentences) : maxSentencesFor(analysis);
    const bestScore = primary[0]?.score ?? 0;
    // Greedy selection, best first, skipping near-duplicates of what is already taken (Maximal
    // Marginal Relevance). A table counts as one pick: it is one fact, however many rows it has.
    const picked: BankSentence[] = [];
    // The side effects of one medicine are not those of the others its section speaks of.
    const otherMedicines = sideEffects.length > 0 ? relatedTo(asked) : undefined;
    for (const { sentence, score } of primary) {
      if (picked.length >= limit || score < bestScore * settings.minShareOfBest) break;
      if (selection.has(sentence) || selection.duplicates(sentence) || aboutOtherSubject(sentence, otherMedicines)) continue;
      if (!selection.documents.has(sentence.document.id) && selection.documents.size >= settings.maxDocuments) continue;
      selection.add(sentence);
      picked.push(sentence);
    }

    // The best section answers the question as its sources wrote it: the rest of it comes along.
    expandBestSections(selection, picked, primary, bestScore);

    // Coverage: every focus concept gets the best sentence that names it, if any sentence does.
    const coverage: PlannedAnswer['coverage'] = [];
    const uncovered: string[] = [];
    // Populations asked of a medicine with nothing held on the two together ("zoledronic acid in pregnancy").
    const unpairedPopulations: string[] = [];
    const unaddressed: string[] = [];
    const onlyByClass: PlannedAnswer['onlyByClass'] = [];
    // A population asked about beside a medicine ("which opioid when eGFR is below 30?") is covered only by a
    // sentence naming both: denosumab's advice for poor kidneys says nothing of opioids in kidney failure.
    const medicinesAsked = focus.filter((entry) => !entry.context && !entry.background && MEDICINE_TYPES.has(entry.concept.type));
    // …the medicine or its own kinds, not a class it shares with another: NSAIDs in renal impairment say nothing of opioids there.
    const medicinesOrKinds = medicinesAsked.length > 0 ? new Set(medicinesAsked.flatMap((entry) => [...matcher.narrower(entry.concept.name)])) : undefined;
    const medicinesOrClasses = medicinesAsked.length > 0 ? relatedTo(medicinesAsked) : undefined;
    const namesMedicineAsked = (sentence: BankSentence) => {
      if (medicinesOrKinds) for (const name of medicinesOrKinds) if (mentions(sentence, name, true)) return true;
      return false;
    };
    // "…will hold adcal. Also she missed her last xgeva": the missed dose is of the medicine told in its own sentence.
    const medicinesBeside = (entry: FocusConcept) => {
      const between = (medicine: FocusConcept) => input.question.slice(Math.min(medicine.end, entry.end), Math.max(medicine.start, entry.start));
      const beside = medicinesAsked.filter((medicine) => !/[.!?](?:\s|$)/.test(between(medicine)));
      return joinNames((beside.length > 0 ? beside : medicinesAsked).map((medicine) => medicine.concept.name));
    };
    for (const entry of focus) {
      const name = entry.concept.name;
      // A sentence covers a concept it names, or one its section is about (heading or title).
      const covers = (sentence: BankSentence) => mentions(sentence, name, true);
      // The person's circumstance ("previously had a taxane") is not asked about: no sentence is added just to name it.
      if (!entry.context && !selection.chosen.some(covers)) {
        const pick =
          // (A clinician's answer does not name a medicine from a leaflet's list of names: the guidelines' own words cover it or nothing does.)
          primary.find(({ sentence }) => covers(sentence) && !selection.duplicates(sentence) && (patientFirst || !isPatientText(sentence))) ??
          // …never a trial's figures, unless results are asked for: a daughter asking "does palliative care mean she's
          // dying?" is not told a subgroup's median survival from a trial of another kind of breast cancer.
          (patientFirst
            ? readableForPatient(candidates.filter(({ sentence }) => covers(sentence) && !missedDoseOfAnotherMedicine(sentence) && !selection.duplicates(sentence) && (analysis.intent === 'results' || !reportsTrial(sentence))))
            : undefined);
        if (pick) selection.add(pick.sentence);
      }
      // A circumstance the retrieved text speaks of is covered even when no chosen sentence names it:
      // "does not cover denosumab" would be false beside a dental answer for someone on denosumab.
      let covered = selection.chosen.some(covers) || (entry.context && candidates.some(({ sentence }) => covers(sentence)));
      const isDrug = MEDICINE_TYPES.has(entry.concept.type);
      // A dose question about a drug is answered only by a sentence that gives that drug's dose. When
      // the dose is all it asks, no stated dose leaves the drug uncovered; a question that also asks
      // something else ("how is morphine used, including rescue doses?") keeps the rest of its answer.
      // A side effect asked about beside it ("…breakthrough dose, and how do I manage the constipation?") is a part of its own.
      const asksAHarmToo = focus.some((other) => other !== entry && !other.context && !other.background && other.concept.sideEffect === true);
      const onlyDose = !asksAHarmToo && analysis.intents.every((intent) => intent === 'dose' || intent === 'management' || intent === 'definition');
      // The person's circumstance ("on letrozole") is not what the dose question asks about.
      if (entry.context) {
        // The warning signs hold for every subtype: not saying the person's subtype is no gap.
        const signsForAnySubtype = isCircumstanceOfSigns(entry) && analysis.intent === 'when-to-seek-help';
        if (!covered && !signsForAnySubtype) unaddressed.push(entry.surface);
      } else if (analysis.intent === 'dose' && isDrug && !covered) {
        uncovered.push(`a dose of ${entry.concept.name}`);
      } else if (covered && analysis.intent === 'dose' && isDrug) {
        // "How often?" is answered by the drug's schedule, and a patient by how it is given: neither needs the milligrams.
        const dosed = (sentence: BankSentence) => givesDose(sentence, name, matcher, asks);
        // "When do we change the dose?" is answered by when the dose changes, which may give no milligrams.
        const adjusts = (sentence: BankSentence) => asks.adjustment && mentions(sentence, name, false) && STATES_ADJUSTMENT.test(sentence.text);
        const answers = asks.interval || patientFirst ? (sentence: BankSentence) => dosed(sentence) || givesSchedule(sentence, name) || adjusts(sentence) : (sentence: BankSentence) => dosed(sentence) || adjusts(sentence);
        // "The ribociclib dose if clarithromycin cannot be avoided?" asks no dose of clarithromycin: a sentence dosing
        // another medicine asked beside it covers it as the circumstance that dose is given in.
        const otherMedicines = focus.filter((other) => other !== entry && !other.context && !other.background && MEDICINE_TYPES.has(other.concept.type)).map((other) => other.concept.name);
        const dosedBeside = (sentence: BankSentence) => mentions(sentence, name, false) && otherMedicines.some((other) => givesDose(sentence, other, matcher, asks));
        if (!selection.chosen.some(answers) && !selection.chosen.some(dosedBeside)) {
          const fits = (sentence: BankSentence) => answers(sentence) || dosedBeside(sentence);
          // (Someone already on it regularly is given the dose written for them, not the one used while starting it.)
          const forRegular = TOLD_ALREADY_ON_REGULAR.test(input.question) ? candidates.find(({ sentence }) => fits(sentence) && FOR_THOSE_ALREADY_ON.test(sentence.text)) : undefined;
          const pick = forRegular ?? candidates.find(({ sentence }) => fits(sentence));
          if (pick) {
            selection.add(pick.sentence);
          } else {
            covered = !onlyDose;
            uncovered.push(`a dose of ${entry.concept.name}`);
          }
        }
      } else if (!covered) {
        // What the answer says of the medicine's class is said of it too, but not of it by name:
        // "does not cover letrozole" beside the aromatase inhibitor evidence would mislead.
        const drugClass = isDrug || entry.concept.type === 'procedure' ? [...matcher.broader(name)].find((broader) => selection.chosen.some((sentence) => mentions(sentence, broader, false))) : undefined;
        if (drugClass) onlyByClass.push({ name: entry.surface, drugClass });
        // The user's words name the part, unless they are a clause ("morphine makes me constipated").
        // Where the person is beside an emergency ("comes to the emergency department with…") is no part left unanswered,
        // nor is what the rewrite of a follow-up carried from earlier turns ("…what morphine dose for fracture?"): the person did not ask it now.
        // …nor is where someone would go or wait, asked when to get help ("wait until the surgery opens?").
        else if (entry.concept.perMedicine && medicinesAsked.length > 0) uncovered.push(`a ${name} of ${medicinesBeside(entry)}`);
        else if (!(entry.concept.type === 'setting' && (input.besideImmediateAlert || analysis.intent === 'when-to-seek-help')) && !carriedFromEarlier(input, name)) uncovered.push(SAYS_SOMETHING.test(entry.surface) ? entry.concept.name : entry.surface);
      }
      if (covered && medicinesOrKinds && entry.concept.type === 'population' && !entry.context && !entry.background) {
        const together = (sentence: BankSentence) => mentions(sentence, name, true) && namesMedicineAsked(sentence);
        if (!selection.chosen.some(together)) {
          const adds = ({ sentence }: { sentence: BankSentence }) => together(sentence) && !selection.duplicates(sentence);
          const pick = primary.find(adds) ?? candidates.find(adds);
          if (pick) selection.add(pick.sentence);
          else {
            covered = false;
            unpairedPopulations.push(name);
            uncovered.push(`${joinNames(medicinesAsked.map((medicine) => medicine.concept.name))} in ${name}`);
          }
        }
      }
      // A harm told beside one medicine ("the runs since the pertuzumab started") is not answered by what is held of
      // that harm on another (diarrhoea on abemaciclib): with no sentence naming both, the answer says so. So with a
      // missed dose: the leaflet's "do not miss injections while you travel" says nothing of what to do about a late one.
      const perMedicine = entry.concept.perMedicine === true || (entry.concept.sideEffect === true && entry.concept.type === 'condition');
      if (covered && medicinesOrClasses && perMedicine && !entry.context && !entry.background) {
        // …said of the medicine or of its class ("opioid-induced constipation" for morphine).
        // A missed dose is answered only by a sentence that names the medicine itself, not by one of its leaflet's asides.
        // …but not by a sentence naming only other medicines, whatever class they share: hyperglycaemia on alpelisib
        // and fulvestrant says nothing of blood sugar on letrozole. Whether any such sentence is held is asked of the
        // whole knowledge, not only of what was retrieved: hypocalcaemia on zoledronic acid is held.
        const together = (sentence: BankSentence) =>
          mentions(sentence, name, false) && [...medicinesOrClasses].some((medicine) => mentions(sentence, medicine, !entry.concept.perMedicine)) && !ofOtherMedicinesOnly(sentence, medicinesOrClasses);
        if (!selection.chosen.some(together) && !candidates.some(({ sentence }) => together(sentence)) && !bank.all.some((sentence) => quotable(sentence) && together(sentence))) {
          covered = false;
          uncovered.push(entry.concept.perMedicine ? `a ${name} of ${medicinesBeside(entry)}` : `${name} on ${joinNames(medicinesAsked.map((medicine) => medicine.concept.name))}`);
        }
      }
      coverage.push({ concept: entry.concept, covered });
    }
    // "What side effects should I look out for on sacituzumab?" when no harm of it is held: the answer says so.
    const soleMedicine = medicinesAsked.length === 1 ? medicinesAsked[0]!.concept.name : undefined;
    if (analysis.asksSideEffects && soleMedicine !== undefined && bank.sideEffectsOf(soleMedicine).length === 0) uncovered.push(`the side effects of ${soleMedicine}`);
    if (patientFirst && selection.chosen.length === 0 && candidates.length > 0) {
      // No patient text answers at all: the professional text is better than nothing, and the answer says so.
      for (const { sentence } of candidates.slice(0, 3)) if (!selection.duplicates(sentence)) selection.add(sentence);
    }
    // Patient text that names the subject without answering what is asked ("why monthly blood tests on
    // palbociclib?" answered by "palbociclib is a CDK4/6 inhibitor"): the easiest professional sentence
    // that answers it about the subject is added, and the answer says where it comes from.
    // …and not about another medicine of the class asked about: elacestrant's side effects are not letrozole's.
    const askedMedicines = new Set(analysis.focus.filter((entry) => MEDICINE_TYPES.has(entry.concept.type)).map((entry) => entry.concept.name));
    const namesOtherMedicine = (sentence: BankSentence) => traits.of(sentence).drugs.some((name) => !askedMedicines.has(name));
    const answersAbout = (entries: readonly FocusConcept[]) => (sentence: BankSentence) =>
      sentence.answers.has(analysis.intent) && entries.some((entry) => mentions(sentence, entry.concept.name, false)) && !(askedMedicines.size > 0 && namesOtherMedicine(sentence));
    const answersAsked = answersAbout(asked);
    if (patientFirst && ANSWERABLE_INTENTS.has(analysis.intent) && asked.length > 0 && !selection.chosen.some(answersAsked)) {
      const pick = readableForPatient(candidates.filter(({ sentence }) => answersAsked(sentence) && !selection.duplicates(sentence)));
      // The outlook is told of the disease as a whole too: with nothing on the subtype asked about, what is said of the background named.
      // …or, with no background named ("how long do people live? on ribociclib"), what the outlook's own words find.
      const outlook = !pick && analysis.intent === 'prognosis' ? readableForPatient(candidates.filter(({ sentence }) => answersAbout(outlookFocus)(sentence) && !selection.duplicates(sentence))) : undefined;
      const chosen = pick?.sentence ?? outlook?.sentence;
      if (chosen) selection.add(chosen);
      else if (analysis.intent === 'prognosis') for (const sentence of outlookSentences(input, (sentence) => !selection.has(sentence) && !selection.duplicates(sentence))) selection.add(sentence);
    }
    // "…and then what, is that when it's chemo? How long do people like me actually live?": the outlook asked
    // beside another question is answered too, by what the knowledge says of the outlook itself, which names
    // no medicine asked about and so is not among the candidates ("…can help people live longer" said of a
    // medicine is no outlook).
    const outlookBeside = analysis.intent !== 'prognosis' && analysis.intents.includes('prognosis') ? outlookSentences(input, (sentence) => !selection.has(sentence) && !selection.duplicates(sentence)) : [];
    for (const sentence of outlookBeside) selection.add(sentence);
    // A question asked in parts ("How is neutropenic sepsis defined, what is the initial assessment, and what happens to
    // the palbociclib?"; "MSCC from the first call: steroids, imaging timing, nursing precautions…"): a part naming
    // something of its own that nothing chosen names is answered by the best sentence scored for the question that does.
    // (…and answers what the part asks: "defined" by a sentence saying what it is.)
    for (const part of input.analyzePart ? partsAsked(input.question) : []) {
      const read = input.analyzePart!(part);
      const named = read.focus.filter((entry) => !entry.background).map((entry) => entry.concept.name);
      if (named.length === 0) continue;
      const answersPart = (sentence: BankSentence) => named.every((name) => mentions(sentence, name, false)) && (read.intent === 'general' || sentence.answers.has(read.intent));
      if (selection.chosen.some(answersPart)) continue;
      // (…from a document the answer already cites: a part is answered beside the rest, not by another topic's text.)
      const pick = candidates.find(({ sentence }) => answersPart(sentence) && selection.documents.has(sentence.document.id) && isPatientText(sentence) === patientFirst && !selection.duplicates(sentence));
      if (pick) selection.add(pick.sentence);
    }

    // Each sentence's score by its place in the bank.
    const scores = new Map(candidates.map(({ sentence, score }) => [sentence.id, score]));
    const ordered = orderByScore(selection.chosen, scores);
    // "Can zoledronic acid be given in pregnancy?" with nothing held on the two together: beside the notice saying
    // so, what is held of pregnancy is the answer; the medicine's dose table would pad it. (A dose asked in renal
    // impairment keeps the usual doses and the advice to seek specialist help.)
    // (…of a medicine of the same kind, or of none: denosumab's fetal harm beside zoledronic acid, not elacestrant's trial in postmenopausal women.)
    const kinsAsked = new Set(medicinesAsked.flatMap((entry) => [entry.concept.name, ...matcher.broader(entry.concept.name)]));
    const ofKindAsked = (name: string) => kinsAsked.has(name) || [...matcher.broader(name)].some((broader) => kinsAsked.has(broader));
    const ofUnpairedPopulation = (sentence: BankSentence) => unpairedPopulations.some((name) => mentions(sentence, name, true)) && traits.of(sentence).drugs.every(ofKindAsked);
    const asksUnpaired = unpairedPopulations.length > 0 && asksIfAllowed(input.question);
    const aboutUnpaired = asksUnpaired ? ordered.filter(ofUnpairedPopulation) : [];
    // (…and with nothing held of the population for medicines of its kind, capecitabine's warfarin and diarrhoea advice
    // answer nothing that was asked: the notice is the answer.)
    if (asksUnpaired) ordered.splice(0, ordered.length, ...aboutUnpaired);
    // "How long do people live with it?" is answered by the outlook and the sections that tell it: what the
    // disease is, which nobody asked, is padding once the outlook is told. (Survival asked of a trial is its result.)
    if (asksOutlookOnly(analysis)) keepSectionsTelling('prognosis', ordered);
    const cited = [...new Set(ordered.map((sentence) => sentence.document.id))];
    const pitfallConcepts = (focus.length > 0 ? focus : analysis.focus).map((entry) => entry.concept.name);
    const pitfalls = (analysis.asksPitfalls ? askedPitfalls(input, cited, pitfallConcepts) : choosePitfalls(input, cited, pitfallConcepts, settings.maxPitfalls[audience], false, ordered)).filter(
      (sentence) => !asksUnpaired || ofUnpairedPopulation(sentence),
    );
    // The reader reads the pitfalls too: a patient answer is graded with them. A hard pitfall goes
    // before any answer sentence does (unless pitfalls are what was asked); the best sentences stay
    // whatever their grade, because they are the answer.
    if (audience === 'patient') {
      if (!analysis.asksPitfalls) dropHardPitfalls(pitfalls, ordered);
      // (The outlook asked beside is part of the answer, however it reads.)
      trimForReading(ordered, focus, new Set([...ordered.slice(0, settings.keptWhenTrimming), ...outlookBeside]), pitfalls);
    }
    withAntecedents(ordered);
    // "How long is it continued?" when nothing quoted says how long for what is asked: the answer says so,
    // rather than leave the reader to notice that the first-line recommendation gives no duration.
    // A sentence saying it of the medicine's class ("the optimal duration of bone-modifying agent therapy has
    // not been established") is brought in first, professional text for a patient if nothing else says it.
    const subjectsAsked = asked.filter((entry) => SUBJECT_KINDS.has(entry.concept.type)).map((entry) => entry.concept.name);
    const statesDuration = (sentence: BankSentence) =>
      STATES_DURATION.test(sentence.text) && !STATES_SURVIVAL.test(sentence.text) && !TRIAL_DESIGN.test(sentence.text) && subjectsAsked.some((name) => mentionCredit(sentence, name, true) > 0);
    // "How long does it take to work?" asks how soon it helps, not how long it is continued.
    if (analysis.intent === 'duration' && subjectsAsked.length > 0 && !ASKS_TIME_TO_WORK.test(input.question) && !ordered.some(statesDuration)) {
      const saying = candidates.find(({ sentence }) => statesDuration(sentence))?.sentence;
      if (saying) ordered.unshift(saying);
      // ("Should she stop it?" asks whether to stop now, not how long it is given: no notice says that part is not held.)
      else if (!ASKS_WHETHER_TO_STOP.test(input.question)) uncovered.push(`how long ${joinNames(subjectsAsked)} ${subjectsAsked.length > 1 ? 'are' : 'is'} continued`);
    }
    // A harm of a medicine asked about is on its subject: "denosumab needs no dose change for the kidneys,
    // but low calcium is more likely" answers a dose question although it names low calcium.
    const namedByQuestion = relatedTo(analysis.focus, [sideEffects, harmsOfMedicines(focus)]);
    // A harm the person reports beside the medicine they take ("bone showing in my mouth … been on Zometa")
    // is what the bottom line is about, not how the medicine is given.
    // (A harm whose monitoring or management is asked for is asked about, not reported: "is T-DXd indicated, and what ILD
    // monitoring is needed?" is led by who is given it.)
    const reportedHarms = focus.some((entry) => MEDICINE_TYPES.has(entry.concept.type))
      ? focus.filter((entry) => entry.concept.sideEffect && !entry.context && !careOfHarmAsked(input.question, entry)).map((entry) => entry.concept.name)
      : [];
    // …and when nothing quoted names it, the sentence that names it with the medicine is brought in to say so
    // ("pale and tired… could that be the olaparib?": anaemia on PARP inhibitors), professional text if need be.
    // …each harm told ("dozy all day, hasn't opened his bowels for four days" on morphine: the drowsiness and the constipation).
    const medicinesTold = focus.filter((entry) => MEDICINE_TYPES.has(entry.concept.type)).map((entry) => entry.concept.name);
    const ofMedicineTold = (sentence: BankSentence, harm: string) => sentence.concepts.has(harm) && medicinesTold.some((name) => mentionCredit(sentence, name, false) > 0);
    for (const harm of reportedHarms) {
      if (ordered.some((sentence) => ofMedicineTold(sentence, harm))) continue;
      const naming = candidates.find(({ sentence }) => ofMedicineTold(sentence, harm));
      if (!naming) continue;
      // It leads when nothing else said names a harm told; else it follows what leads.
      const namesAHarm = ordered.some((sentence) => reportedHarms.some((name) => sentence.concepts.has(name)));
      ordered.splice(namesAHarm ? Math.min(1, ordered.length) : 0, 0, naming.sentence);
    }
    // "Which patients should get pembrolizumab?" (or "pembrolizumab in TNBC?") is answered by the biomarker, subtype and
    // line of treatment that select them: named beside the medicine asked about, those are the answer, not another subject.
    const medicinesAskedNames = analysis.focus.filter((entry) => MEDICINE_TYPES.has(entry.concept.type)).map((entry) => entry.concept.name);
    const asksWhoGetsIt = analysis.intent === 'who' || analysis.intent === 'general';
    // (Asked in so many words: "do I need a denosumab injection every 4 weeks?" asks how often, not who gets it.)
    const asksWhoIsGiven = analysis.intent === 'who' && medicinesAskedNames.length > 0 && ASKS_WHO_IS_GIVEN.test(input.question);
    const selectingFor = (sentence: BankSentence): ReadonlySet<string> => {
      if (!asksWhoGetsIt || !medicinesAskedNames.some((name) => mentionCredit(sentence, name, false) > 0)) return namedByQuestion;
      const selecting = traits.of(sentence).qualifiers.filter((name) => SELECTS_PATIENTS.has(matcher.get(name)?.type ?? ('' as ConceptType)));
      return selecting.length === 0 ? namedByQuestion : new Set([...namedByQuestion, ...selecting]);
    };
    // (…nor by what is done about a harm it causes: "for grade 1 interstitial lung disease, it is interrupted".)
    const namesHarmNotAsked = (sentence: BankSentence) => [...sentence.concepts].some((name) => matcher.get(name)?.sideEffect === true && !analysis.focus.some((entry) => entry.concept.name === name));
    const leadAsk: LeadAsk = {
      scoreOf: (sentence) => scores.get(sentence.id) ?? 0,
      // A dose question's bottom line is a dose of what it asks about, when one was taken; "what do I take
      // with it?" says what is taken; a question asking for a medicine's side effects, one of them.
      answersIntent: (sentence) =>
        (analysis.intent !== 'dose' || intentScore(sentence) >= 0.8) &&
        (analysis.intent !== 'taken-with' || sentence.answers.has('taken-with')) &&
        (analysis.intent !== 'results' || sentence.answers.has('results')) &&
        // "Who should get pembrolizumab?" by a sentence saying who is given a medicine, not by what the disease is
        // (…nor by a harm it can cause, advice on preventing it though there be).
        (!asksWhoIsGiven || (sentence.answers.has('who') && !sentence.statesHarm && !namesHarmNotAsked(sentence))) &&
        // "How long do people live with it?" is answered by what the knowledge says of the outlook, not by what the disease is.
        (analysis.intent !== 'prognosis' || sentence.answers.has('prognosis')) &&
        (sideEffects.length === 0 || sideEffects.some((name) => sentence.concepts.has(name))) &&
        (reportedHarms.length === 0 || reportedHarms.some((name) => sentence.concepts.has(name))),
      // What the knowledge lacks is the bottom line of a choice it cannot make, of nothing else. A harm
      // of the medicine asked about is on focus whatever disease its section is about, and so is a sentence
      // naming the harm the person reports, whatever else it names ("flu-like aches and a high temperature").
      // …and so is a starting dose, for someone already on a dose ("on MR morphine 60 mg bd, what breakthrough dose?").
      offFocus: (sentence) =>
        (sideEffects.length === 0 && !reportedHarms.some((name) => sentence.concepts.has(name)) && offFocusCount(sentence, selectingFor(sentence)) > 0) ||
        (sentence.statesLimitation && analysis.intent !== 'choice') ||
        (asks.onDose !== undefined && STARTING_DOSE.test(sentence.text)),
      intent: analysis.intent,
      question: input.question,
      asked: asked.map((entry) => entry.concept.name),
      message: input.message,
      medicineWords: new Set(asked.filter((entry) => MEDICINE_TYPES.has(entry.concept.type)).flatMap((entry) => [...questionTermsOf(entry.surface)])),
      scored: candidates.map(({ sentence }) => sentence).filter((sentence) => audience === 'professional' || isPatientText(sentence)),
      audience,
      told: focus.filter((entry) => entry.context && !MEDICINE_TYPES.has(entry.concept.type)).map((entry) => entry.concept.name),
      medicinesTold: focus.filter((entry) => entry.context && MEDICINE_TYPES.has(entry.concept.type)).map((entry) => entry.concept.name),
      toldValues: analysis.focus.filter((entry) => entry.concept.type === 'measure' && VALUE_FOLLOWS.test(input.question.slice(entry.end, entry.end + 24))).map((entry) => entry.concept.name),
      neutrophilCount: input.caseNeutrophilCount,
      neurologicalSigns: input.caseNeurologicalSigns,
    };
    const lead = chooseLead(ordered, leadAsk);
    // A mistake to avoid can answer a circumstance asked about: "Do not drive yourself to hospital if your
    // legs feel weak" answers "can I drive myself to the hospital?", and so it is the bottom line. A
    // medicine's dose it does not give.
    // A missed dose asked of one medicine is not answered by a pitfall that does not name it ("do not miss injections while you travel").
    const namesMedicineFor = (entry: FocusConcept, sentence: BankSentence) => !entry.concept.perMedicine || !medicinesOrKinds || [...medicinesOrKinds].some((medicine) => mentions(sentence, medicine, false));
    // …of the medicine asked about, not another's ("an eGFR in place of creatinine clearance misapplies the zoledronic acid table" for a morphine dose).
    const drugsInFocus = new Set(focus.filter((entry) => kinds.isDrug(entry.concept.name)).map((entry) => entry.concept.name));
    const ofMedicineAsked = (sentence: BankSentence) => {
      const drugs = traits.of(sentence).drugs;
      return drugsInFocus.size === 0 || drugs.length === 0 || drugs.some((name) => drugsInFocus.has(name));
    };
    const answeredByPitfall = new Set(
      focus
        .filter((entry) => !entry.context && CIRCUMSTANCE_TYPES.has(entry.concept.type) && pitfalls.some((sentence) => mentions(sentence, entry.concept.name, false) && namesMedicineFor(entry, sentence)))
        .map((entry) => entry.concept.name),
    );
    // Only a circumstance nothing else in the answer speaks of: the renal pitfalls do not lead a renal dose answer.
    const answeredOnlyByPitfall = [...answeredByPitfall].filter((name) => coverage.some((item) => item.concept.name === name && !item.covered));
    const answeringPitfall = notStoppingAlone(input, cited, ordered) ?? notFailedAlready(input) ?? pitfalls.find((sentence) => answeredOnlyByPitfall.some((name) => mentions(sentence, name, false)) && ofMedicineAsked(sentence)) ?? pitfallMatchingQuestion(input);
    // A circumstance the question names ("if I end up in A&E…") that the bottom line is silent on is answered
    // by the sentence that speaks of it, beside the bottom line: "tell the staff you are having cancer treatment".
    const circumstances = focus.filter((entry) => !entry.context && CIRCUMSTANCE_TYPES.has(entry.concept.type)).map((entry) => entry.concept.name);
    // A result is stated for the trial's own population: "de novo" unsaid in EA2108's result needs no other sentence first.
    const silentOn = analysis.intent === 'results' ? [] : circumstances.filter((name) => !lead.some((sentence) => mentions(sentence, name, false)));
    const speaking = ordered.find(
      (sentence) =>
        !lead.includes(sentence) &&
        !bank.wholeUnitOf(sentence.passage) &&
        leadAsk.answersIntent(sentence) &&
        !leadAsk.offFocus(sentence) &&
        ofMedicineAsked(sentence) &&
        silentOn.some((name) => mentions(sentence, name, false)) &&
        // A patient's bottom line is not joined by a clinicians' sentence.
        (audience !== 'patient' || isPatientText(sentence)),
    );
    // (What each medicine named is for fills the bottom line: the person's circumstance does not push one out.)
    const joining = answeringPitfall ?? (ASKS_WHAT_EACH_IS_FOR.test(input.question) ? undefined : speaking);
    // It follows a bottom line that answers as asked ("what if her legs feel weak?": get help now, then do not drive).
    const leadAnswers = joining === answeringPitfall && lead[0] !== undefined && analysis.intent === 'when-to-seek-help' && leadAsk.answersIntent(lead[0]);
    // …and so does a bottom line giving the figure for a measure told with its value ("QTcF is 465 ms"), not one that only
    // speaks of it ("Your team may pause palbociclib… if your white blood cells are low" for "neutrophils are 0.9").
    // …or one ruling the medicine out for it ("not for people whose blood calcium is too high").
    const answersValueTold = leadAsk.toldValues.length > 0 && lead[0] !== undefined && (givesFigure(lead[0].text) || RULED_OUT.test(lead[0].text));
    const joined = joining ? (leadAnswers || answersValueTold ? [...lead, joining] : [joining, ...lead]).slice(0, settings.leadSentences) : lead;
    // A patient reads the leaflet's words first when the bottom line also quotes professional text, if they answer as well.
    const leafletFirst = (sentence: BankSentence) => isPatientText(sentence) && leadAsk.answersIntent(sentence);
    const quotesProfessionalText = joined.some((sentence) => !isPatientText(sentence));
    const leading = audience === 'patient' && quotesProfessionalText ? [...joined.filter(leafletFirst), ...joined.filter((sentence) => !leafletFirst(sentence))] : joined;
    // A sentence pointing back at one the bottom line quotes follows it there ("…worse for a few days after radiotherapy
    // before it gets better. Doctors call this short rise in pain a pain flare."), not alone further down.
    const pointingAt = (sentence: BankSentence) => ordered.filter((other) => !leading.includes(other) && refersBack(other) && sentenceBefore(other) === sentence);
    const bottomLine = leading.flatMap((sentence) => [sentence, ...pointingAt(sentence)]);
    const rest = ordered.filter((sentence) => !bottomLine.includes(sentence));
    return {
      lead: bottomLine,
      sections: toSections(rest),
      pitfalls: pitfalls.filter((sentence) => sentence !== answeringPitfall),
      coverage: coverage.map((item) => (item.covered || !answeredByPitfall.has(item.concept.name) ? item : { ...item, covered: true })),
      uncovered: uncovered.filter((surface) => !focus.some((entry) => entry.surface === surface && answeredByPitfall.has(entry.concept.name))),
      unaddressed,
      onlyByClass,
      // Every quoted sentence is counted, not those added for the purpose: trimming may have dropped them.
      professionalSource: patientFirst && ordered.some((sentence) => !isPatientText(sentence)),
      passages: passagesOf([...bottomLine, ...rest, ...pitfalls]),
      ...(input.explain ? { explanation: candidates.slice(0, 15).map(({ sentence, score }) => ({ passageId: sentence.passage.id, text: sentence.text, score: Math.round(score * 1000) / 1000 })) } : {}),
    };
  }

  /**
   * "Why do I need a dentist before Zometa?": the reason for a precaution is the harm it guards against,
   * so a why-question's answer may speak of the harms held for the medicines it names.
   */
  function harmsGivingReasons(analysis: QuestionAnalysis): readonly string[] {
    return analysis.intent === 'reason' ? harmsOfMedicines(analysis.focus) : [];
  }

  /** The harms held for the medicines among these focus concepts. */
  function harmsOfMedicines(entries: readonly FocusConcept[]): string[] {
    return entries.filter((entry) => MEDICINE_TYPES.has(entry.concept.type)).flatMap((entry) => bank.sideEffectsOf(entry.concept.name));
  }

  /** The harms of the medicines a why-question names that its other subjects are spoken of with. */
  function reasonHarms(analysis: QuestionAnalysis, subjects: readonly FocusConcept[]): string[] {
    const harms = harmsGivingReasons(analysis);
    const others = subjects.filter((entry) => !MEDICINE_TYPES.has(entry.concept.type)).map((entry) => bank.namedAlongside(entry.concept.name));
    return harms.filter((harm) => others.some((alongside) => alongside.has(harm)));
  }

  /** The side effects asked for: those held for the one medicine a question asks about, when it asks for its side effects and names none. */
  function sideEffectsAsked(analysis: QuestionAnalysis, asked: readonly FocusConcept[]): readonly string[] {
    // One medicine asked about, whatever its setting ("…with T-DXd for HER2+ MBC in later-line?").
    const medicines = asked.filter((entry) => MEDICINE_TYPES.has(entry.concept.type));
    const only = medicines.length === 1 ? medicines[0]! : undefined;
    if (!analysis.asksSideEffects || !only) return [];
    return bank.sideEffectsOf(only.concept.name).slice(0, settings.maxSideEffects);
  }

  /**
   * For each side effect asked for (most often named with the medicine first), the sentence that best
   * states it for the reader. Returns how many sentences were added.
   */
  function addSideEffects(
    input: PlanInput,
    sideEffects: readonly string[],
    medicine: string,
    candidates: ReadonlyArray<{ sentence: BankSentence; score: number }>,
    selection: ReturnType<typeof createSelection>,
  ): number {
    const family = bank.familyOf(medicine);
    const weights = settings.sideEffectWeights;
    // A sentence is about the medicine when it names it (or its class), or names no medicine in a section that does.
    const aboutMedicine = (sentence: BankSentence) => {
      const medicines = traits.of(sentence).medicines;
      return medicines.length > 0 ? medicines.some((name) => family.has(name)) : [...sentence.contextNamed].some((name) => family.has(name));
    };
    let added = 0;
    for (const effect of sideEffects) {
      if (selection.chosen.some((sentence) => sentence.concepts.has(effect))) continue;
      const scored: Array<{ sentence: BankSentence; score: number }> = [];
      for (const sentence of bank.sentencesNaming(effect)) {
        if (sentence.passage.pitfall || !quotable(sentence) || !aboutMedicine(sentence)) continue;
        // A sentence naming the medicine itself says it more plainly than one naming its class, and
        // far more than one whose section names it; a document about the medicine or the harm says
        // more than one that mentions them; a section about the harm states it first and details it after.
        const naming = sentence.named.has(medicine) ? 1 : [...sentence.named].some((name) => family.has(name)) ? weights.classNaming : 0;
        const aboutDocument = [...sentence.titleContext].some((name) => family.has(name) || name === effect) ? 1 : 0;
        const placeInSection = sentence.headingContext.has(effect) ? 1 / (sectionPosition(sentence) + sentence.index) : 0;
        const answers = sentence.answers.has('adverse-effects') ? 1 : 0;
        const states = sentence.statesHarm ? 1 : 0;
        const score =
          weights.naming * naming + weights.aboutDocument * aboutDocument + weights.placeInSection * placeInSection + weights.answers * answers + weights.statesHarm * states - audiencePenalty(sentence, input.audience);
        scored.push({ sentence, score: sentence.document.type === 'trial' ? score * settings.trialWeight : score });
      }
      scored.sort((a, b) => b.score - a.score);
      // Nothing taken names this harm, so nothing taken repeats it: parallel sentences on two harms ("can
      // harm the jaw bone", "can cause an unusual break in the thigh bone") are not duplicates.
      const usable = ({ sentence }: { sentence: BankSentence }) => !selection.has(sentence) && writtenFor(sentence, input.audience);
      // The question's own best sentence on the harm (for a patient, the easiest of the nearly best), if
      // it has one; else the plainest statement of it. A patient hears of the harms their leaflets
      // describe; the others are for their care team to explain.
      // A sentence saying the harm happens ("can cause severe hypocalcaemia") lists it, from the question's
      // candidates or else from all held; one on correcting calcium before the first dose is about its
      // prevention, quoted only when nothing held says the harm happens. A professional gets
      // professional text when any is held.
      const onHarm = candidates.filter((candidate) => candidate.sentence.concepts.has(effect) && aboutMedicine(candidate.sentence) && usable(candidate));
      const choose = (ranked: ReadonlyArray<{ sentence: BankSentence; score: number }>) => (input.audience === 'patient' ? readableForPatient(ranked) : ranked[0]);
      const inTurn = (accept: (sentence: BankSentence) => boolean) =>
        choose(onHarm.filter(({ sentence }) => sentence.statesHarm && accept(sentence))) ??
        scored.find((entry) => entry.sentence.statesHarm && usable(entry) && accept(entry.sentence)) ??
        choose(onHarm.filter(({ sentence }) => accept(sentence))) ??
        scored.find((entry) => usable(entry) && accept(entry.sentence));
      const pick = (input.audience === 'professional' ? inTurn((sentence) => !isPatientText(sentence)) : undefined) ?? inTurn(() => true);
      if (pick) added += selection.add(pick.sentence).length;
    }
    return added;
  }

  /**
   * Professional text a patient must be given when no patient text covers a concept: of the sentences
   * nearly as relevant as the best, the easiest to read ("start loperamide at the first loose stools"
   * rather than "dose changes for grade 2 diarrhoea").
   */
  function readableForPatient<T extends { sentence: BankSentence; score: number }>(ranked: readonly T[]): T | undefined {
    const best = ranked[0];
    if (!best) return undefined;
    const close = ranked.filter(({ score }) => score >= best.score * settings.readableShare);
    return close.reduce((easiest, candidate) => (candidate.sentence.grade < easiest.sentence.grade ? candidate : easiest), best);
  }

  /**
   * A patient answer above the target grade loses, least relevant first, sentences above the target,
   * keeping at least two and every sentence that alone covers a focus concept.
   */
  function trimForReading(ordered: BankSentence[], focus: readonly FocusConcept[], kept: ReadonlySet<BankSentence> = new Set(), alongside: readonly BankSentence[] = []): void {
    const grade = () => fleschKincaidGrade([...ordered, ...alongside].map((sentence) => sentence.text));
    while (ordered.length > 2 && grade() > settings.patientGrade) {
      const soleCoverers = new Set(
        focus.flatMap((entry) => {
          const coverers = ordered.filter((sentence) => mentions(sentence, entry.concept.name, true));
          return coverers.length === 1 ? coverers : [];
        }),
      );
      // The least relevant of the sentences above the target goes first (the list runs best first).
      const removable = ordered.filter(
        (sentence) => !kept.has(sentence) && !soleCoverers.has(sentence) && !bank.wholeUnitOf(sentence.passage) && sentence.grade > settings.patientGrade,
      );
      const weakest = removable.at(-1);
      if (!weakest) return;
      ordered.splice(ordered.indexOf(weakest), 1);
    }
  }

  /** Pitfalls above the target grade, last first, while the answer with them reads above the target. */
  function dropHardPitfalls(pitfalls: BankSentence[], answer: readonly BankSentence[]): void {
    const grade = () => fleschKincaidGrade([...answer, ...pitfalls].map((sentence) => sentence.text));
    while (pitfalls.length > 0 && grade() > settings.patientGrade) {
      const hardest = pitfalls.findLastIndex((sentence) => sentence.grade > settings.patientGrade);
      if (hardest < 0) return;
      pitfalls.splice(hardest, 1);
    }
  }

  function orderByScore(chosen: readonly BankSentence[], scores: ReadonlyMap<number, number>): BankSentence[] {
    // A table keeps its reading order: its members share the score of the best of them. Each sentence's
    // is worked out once, not again for every comparison of the sort.
    const unitScores = new Map<BankSentence, number>();
    for (const sentence of chosen) {
      const unit = bank.wholeUnitOf(sentence.passage);
      const members = unit ? unit.flatMap((passage) => bank.sentencesOf(passage.id)) : [sentence];
      unitScores.set(sentence, Math.max(...members.map((member) => scores.get(member.id) ?? 0)));
    }
    return [...chosen].sort((a, b) => unitScores.get(b)! - unitScores.get(a)!);
  }

  /** What the bottom line is chosen by: scores, and what the question asks. */
  type LeadAsk = {
    scoreOf: (sentence: BankSentence) => number;
    answersIntent: (sentence: BankSentence) => boolean;
    offFocus: (sentence: BankSentence) => boolean;
    intent: Intent;
    question: string;
    /** The concepts the question asks about (what a definition defines, what a choice chooses between). */
    asked: readonly string[];
    /** The person's own words, when a follow-up was rewritten. */
    message?: string | undefined;
    /**
     * The words naming the medicines asked about: "why tell my dentist about Xgeva?" asks why about the
     * dentist, so "Why not stop denosumab…?" does not match it by naming denosumab.
     */
    medicineWords: ReadonlySet<string>;
    /** Every sentence scored for the question, best first (what some questions are answered by may lie outside the sections chosen). */
    scored: readonly BankSentence[];
    audience: Audience;
    /** What the person told of themselves beside the question ("she's drowsy"): it says which of two courses applies. */
    told: readonly string[];
    /** The medicines the person told they take beside the question ("she also takes St John's wort"). */
    medicinesTold: readonly string[];
    /** Measures the question tells with a value ("her baseline QTcF is 465 ms"): the threshold for it decides. */
    toldValues: readonly string[];
    /** The case's absolute neutrophil count (×10⁹/L), when told. */
    neutrophilCount: number | undefined;
    /** Whether the case reports or denies neurological symptoms or signs, when it says. */
    neurologicalSigns: NeurologicalSigns | undefined;
  };

  /**
   * The bottom line: the best sentence outside a table, and a second from another document; only a
   * result leads a results question, a dose to give a dose question, the section saying why a why-question.
   */
  function chooseLead(ordered: readonly BankSentence[], ask: LeadAsk): BankSentence[] {
    const { scoreOf, answersIntent, offFocus, intent, question } = ask;
    // The bottom line answers the question asked: not a table row, and not a sentence about a
    // condition or population the question did not name (hypercalcaemia dosing for a renal question),
    // unless nothing else was found.
    // …except the row of a table the question names by its stage or grade ("Stage 1 MRONJ… what does AAOMS advise?").
    const rowsNamed = new Set(allMatches(question.toLowerCase(), STAGE_OR_GRADE).map((match) => match[0]));
    const namedRow = (sentence: BankSentence) => rowsNamed.size > 0 && allMatches(sentence.text.toLowerCase(), STAGE_OR_GRADE).some((match) => rowsNamed.has(match[0]));
    const rows = ordered.filter((sentence) => (!bank.wholeUnitOf(sentence.passage) || namedRow(sentence)) && !refersBack(sentence));
    // "She takes Adcal-D3 calcium tablets because she has the Xgeva injection… Should she keep taking the calcium
    // tablets?": the bottom line is about what the asking sentence names, when the message also tells other things.
    // …and so is a follow-up about what the person's own words name ("and the laxative to go with it?").
    const rewritten = ask.message !== undefined && ask.message !== question;
    const askingText = askingSentences(question) ?? (rewritten ? ask.message : undefined);
    const namedThere = new Set(askingText === undefined ? [] : matcher.find(askingText).map((match) => match.concept.name));
    const namedWhereAsked = ask.asked.filter((name) => namedThere.has(name));
    // A sentence naming what the person's own words name is on focus, whatever else it names
    // ("Opioid-induced constipation… prescribe a laxative" for "and the laxative to go with it?").
    // …and so is one naming what the asking sentence asks about when the message also tells other things ("What about
    // driving? They've just started me on morphine": "Drowsiness… can affect your driving").
    const askedApart = namedWhereAsked.length > 0 && namedWhereAsked.length < ask.asked.length;
    // (…or its section names it: "Check your temperature and call… if you have shivers" under "Other signs of infection".)
    // (…but, asked a dose, not one about another condition: "and in renal impairment?" after the zoledronic acid dose for bone metastases
    // is not answered by the dosing of hypercalcaemia in renal impairment.)
    const namesConditionNotAsked = (sentence: BankSentence) => traits.of(sentence).qualifiers.some((name) => matcher.get(name)?.type === 'condition' && !ask.asked.includes(name));
    const focused = rows.filter(
      (sentence) => !offFocus(sentence) || ((rewritten || askedApart) && namedWhereAsked.some((name) => mentionCredit(sentence, name, true) >= 1) && !(intent === 'dose' && namesConditionNotAsked(sentence))),
    );
    // A trial's result is stated for its population ("in premenopausal women"): a results question is
    // led by its best-scored result, whoever the trial enrolled, of something it asks about.
    const namesAsked = (sentence: BankSentence) => ask.asked.length === 0 || ask.asked.some((name) => mentionCredit(sentence, name, false) > 0);
    // …or the class of what is asked about ("a bone medicine" for denosumab).
    const namesAskedOrClass = (sentence: BankSentence) => ask.asked.length === 0 || namesOrClassOf(sentence, ask.asked);
    // …or by the knowledge saying it holds no result, when that scores best ("…gives no result for denosumab every 12 weeks").
    const saysNoResult = (sentence: BankSentence) => sentence.statesLimitation && NO_RESULT.test(sentence.text);
    const resultsAsked = intent === 'results' ? rows.filter((sentence) => namesAsked(sentence) && (answersIntent(sentence) || saysNoResult(sentence))) : [];
    // A trial asked about by name is answered by its own results ("did EA2108 show any OS difference?").
    const trialsAsked = ask.asked.filter((name) => matcher.get(name)?.type === 'trial');
    const namesTrialAsked = (sentence: BankSentence) => trialsAsked.some((name) => mentionCredit(sentence, name, false) > 0);
    const ofTrialAsked = resultsAsked.filter(namesTrialAsked);
    const results = ofTrialAsked.length > 0 ? ofTrialAsked : resultsAsked;
    // "…evidence for OS benefit?" is answered by a survival result, not by the trial's pain response.
    const outcomes = OUTCOMES.filter(({ asked }) => asked.test(question));
    const ofOutcome = results.filter((sentence) => outcomes.some(({ stated }) => stated.test(sentence.text)));
    const answering = intent === 'results' ? (ofOutcome.length > 0 ? ofOutcome : results) : focused.filter(answersIntent);
    // A dose to give is stated as practice; a trial's design gives the doses its arms were given.
    // A compound question ("a dose change on dialysis, and the main safety concern?") is led by its dose part.
    const givesPracticeDose = (sentence: BankSentence) => !TRIAL_DESIGN.test(sentence.text) && sentence.answers.has('dose');
    const givenAsPractice = intent === 'dose' ? answering.filter(givesPracticeDose) : [];
    // …the dose given beside every medicine asked, when one is ("ribociclib is lowered to 400 mg" with clarithromycin, not its usual 600 mg).
    const medicinesInDose = ask.asked.filter(kinds.isMedicine);
    // (That sentence may name other medicines of the interaction too: "…such as clarithromycin, itraconazole or ketoconazole".)
    const givenBesideAll =
      intent === 'dose' && medicinesInDose.length > 1 ? rows.filter((sentence) => givesPracticeDose(sentence) && medicinesInDose.every((name) => mentionCredit(sentence, name, false) > 0)) : [];
    const practice = givenBesideAll.length > 0 ? givenBesideAll : givenAsPractice;
    // "Can T-DXd be restarted?", "do we hold it?": the bottom line says what is done with the treatment.
    const acting = ASKS_ACTION.test(question) ? ofGradeAsked((practice.length > 0 ? practice : answering.length > 0 ? answering : focused).filter((sentence) => STATES_ACTION.test(sentence.text)), question) : [];
    // A why-question is answered by the section that says why, the one whose heading shares the
    // question's rarest words first: "why see a dentist when my teeth are fine?" by "Why do teeth matter
    // with a bone medicine?", not "Why do I need a bone medicine?". One sharing none of them answers
    // another why: "Why take calcium and vitamin D?" does not say why a blood test comes before every drip.
    const saysWhy = intent === 'reason' ? byHeadingMatch(rows.filter((sentence) => sentence.headingAsks.has('reason')), question, ask.medicineWords) : [];
    // So is a question about side effects by a section that names them as the question does ("What side
    // effects can happen?" for "what side effects can radiotherapy cause?"), not by what the treatment is for.
    // …a sentence of it naming a harm first ("…often cause hot flushes, joint pain…", not "HRT… may stop the hormone tablets working").
    // (A question naming its harms, "constipated and sleepy", is led by what it names, as the plan scored it.)
    const harmSections = intent === 'adverse-effects' ? harmSectionsAsked(focused, question, ask.medicineWords) : [];
    const namesNoHarm = ask.asked.every((name) => !matcher.get(name)?.sideEffect);
    const namingAHarm = namesNoHarm ? harmSections.filter(namesAHarm) : [];
    const namesHarms = namingAHarm.length > 0 ? namingAHarm : harmSections;
    // What a medicine is, when nothing defines it by name, is what its class is ("palbociclib… what is it?": a CDK4/6
    // inhibitor), when only medicines are asked about ("what counts as a fever on palbociclib?" asks about the fever).
    const onlyMedicines = ask.asked.length > 0 && ask.asked.every(kinds.isMedicine) && WHAT_IS_IT.test(question);
    const definable = onlyMedicines ? [...ask.asked, ...ask.asked.flatMap((name) => [...matcher.broader(name)])] : ask.asked;
    // "What does triple negative mean for me now it's spread?" asks what follows for the person, not what it is.
    const definition = intent === 'definition' && !MEANS_FOR_SOMEONE.test(question) ? definingLead(ordered, definable) : [];
    // "Which is better?" when the knowledge cannot say is answered by its saying so ("no one bone medicine
    // is clearly better for everyone"), when a sentence says so of everything asked about (or their class).
    const undecided = intent === 'choice' ? limitationsNamingAll(rows, ask.asked) : [];
    // "What is each of my medicines actually for? I take anastrozole, abemaciclib, the zoledronic acid drip and Adcal":
    // what each one does, one sentence each in the order named, from what is said of it or of its class.
    const eachPurpose = ASKS_WHAT_EACH_IS_FOR.test(question) ? purposeOfEach(ask.asked.filter(kinds.isMedicine), ask.audience) : [];
    if (eachPurpose.length > 1) return eachPurpose;
    // …unless what is asked is whether it treats the cancer ("is that killing the cancer or what is it doing?").
    const asksIfTreatsCancer = ASKS_IF_TREATS_CANCER.test(question);
    if (definition.length > 0 && !asksIfTreatsCancer) return definition;
    // Three kinds of question are answered by a sentence saying one thing, wherever the plan scored it (it may
    // lie outside the sections chosen), when it can open an answer alone (no table row, no pointing back):
    const saying = (asked: boolean, says: (sentence: BankSentence) => boolean) =>
      asked ? ask.scored.filter((sentence) => !bank.wholeUnitOf(sentence.passage) && !refersBack(sentence) && says(sentence)) : [];
    // "Will the Xgeva take the pain away on its own?" by what the knowledge says of it alone;
    const alone = saying(ALONE.test(question), (sentence) => namesAsked(sentence) && ALONE.test(sentence.text));
    // "How many sessions will she need?" by a sentence counting them, not by a schedule in days;
    const counting = saying(ASKS_HOW_MANY_SESSIONS.test(question), (sentence) => (ask.audience === 'patient' || !offFocus(sentence)) && namesAsked(sentence) && COUNTS_SESSIONS.test(sentence.text));
    // "What painkillers can I take?" by a sentence naming several of the kind asked about (paracetamol, ibuprofen, morphine),
    // named in its own words (morphine does not count twice as morphine and an opioid);
    const membersOfKindsAsked = ASKS_WHICH_KIND.test(question)
      ? ask.asked.filter((name) => matcher.get(name)?.type === 'drug-class').map((name) => [...matcher.narrower(name)].filter((member) => member !== name))
      : [];
    const listing = saying(membersOfKindsAsked.some((members) => members.length > 1), (sentence) => membersOfKindsAsked.some((members) => members.filter((member) => sentence.named.has(member)).length > 1));
    // "What can help his pain?" by a sentence naming several of the treatments that help ("paracetamol, …ibuprofen, and… morphine");
    const helping = saying(ASKS_WHAT_HELPS.test(question), (sentence) => namesAsked(sentence) && traits.of(sentence).drugs.length > 1);
    // "It kill the cancer?" by whether it treats the cancer ("A bone medicine does not treat the cancer itself");
    const treatsCancerScored = saying(asksIfTreatsCancer, (sentence) => namesAskedOrClass(sentence) && SAYS_IF_TREATS_CANCER.test(sentence.text));
    // …wherever the knowledge says it of the medicine or its class ("is the zoledronic drip her chemo?" retrieves no such sentence).
    const treatsCancer =
      treatsCancerScored.length > 0 || !asksIfTreatsCancer
        ? treatsCancerScored
        : ask.asked
            .filter(kinds.isMedicine)
            .flatMap((medicine) => firstSayingOf(medicine, ask.audience, SAYS_IF_TREATS_CANCER) ?? [])
            .slice(0, 1);
    // "So the tablets won't cure it?" by whether it can be cured.
    const curing = saying(intent === 'prognosis' && SPEAKS_OF_CURE.test(question), (sentence) => SPEAKS_OF_CURE.test(sentence.text));
    // "Her fasting glucose is 262 mg/dL… OK to go ahead?" by the figure for the measure told, of what is asked about;
    const figureForValue = saying(ask.toldValues.length > 0, (sentence) => namesAsked(sentence) && ask.toldValues.some((name) => sentence.concepts.has(name)) && givesFigure(sentence.text));
    // "Neutrophils 0.7 on ribociclib" by what is done at that grade of neutropenia, on the cycle day told;
    const count = ask.neutrophilCount;
    // the rule that states the count it is for first ("grade 4 neutropenia (an absolute neutrophil count below 500/mm³)").
    const ofCaseGrade = ofGradeAsked(saying(count !== undefined, (sentence) => count !== undefined && namesAsked(sentence) && speaksOfNeutropeniaGrade(sentence.text, count) && STATES_ACTION.test(sentence.text)), question);
    // "How much calcium should I take with it?" by a sentence giving an amount of what the amount is asked of;
    const amountOf = ASKS_AMOUNT_OF.exec(question)?.[1] ?? ASKS_AMOUNT_OF_WHAT_WAS_SAID.exec(question)?.[1];
    const namedForAmount = amountOf ? matcher.find(amountOf).map((match) => match.concept.name) : [];
    const amount = saying(namedForAmount.length > 0, (sentence) => sentence.quantity && namedForAmount.some((name) => mentionCredit(sentence, name, false) > 0));
    // "Adjusted calcium 3.1, she takes Adcal-D3. Stop it?" by what makes the medicine contraindicated;
    const medicinesAsked = ask.asked.filter(kinds.isMedicine);
    // The conditions told or asked about: what rules a medicine out, or what it is stopped for.
    const conditionsAsked = [...ask.asked, ...ask.told].filter((name) => matcher.get(name)?.type === 'condition');
    // …and "my calcium is high - should I still take them?" by what rules the medicine out in the condition told.
    const stillTakingWith = STILL_TAKING.test(question) && conditionsAsked.length > 0;
    const contraindicating = saying((ASKS_WHETHER_TO_STOP.test(question) || stillTakingWith) && medicinesAsked.length > 0, (sentence) =>
      RULED_OUT.test(sentence.text) && medicinesAsked.some((name) => mentionCredit(sentence, name, false) > 0) && (ASKS_WHETHER_TO_STOP.test(question) || conditionsAsked.some((name) => sentence.concepts.has(name))),
    );
    // "Lucent line in the femoral shaft on denosumab. Should the denosumab stop?" by what is done with the medicine
    // for the condition told or asked about, not by the general advice against stopping it.
    // "On trastuzumab deruxtecan… a dry cough for a week. Can the infusion go ahead?" by what is done for that harm of it.
    const harmsTold = ask.asked.filter((name) => matcher.get(name)?.sideEffect);
    const actingOnHarm = saying(ASKS_ACTION.test(question) && medicinesAsked.length > 0 && harmsTold.length > 0, (sentence) =>
      namesOrClassOf(sentence, medicinesAsked) && harmsTold.some((name) => sentence.concepts.has(name)) && (STATES_ACTION.test(sentence.text) || INVESTIGATED.test(sentence.text)),
    );
    // "Xgeva from oncology and Prolia from her GP. OK to continue both?" by their being the same medicine, wherever
    // the knowledge says so (what the question goes on about may have kept it from the sentences scored).
    const lowerQuestion = question.toLowerCase();
    const sameMedicine = sameMedicineSentences.filter(
      ({ sentence, products }) => products.filter((name) => lowerQuestion.includes(name)).length > 1 && writtenFor(sentence, ask.audience),
    ).map(({ sentence }) => sentence);
    // Of some sentences, those that keep to a condition, or all of them when none does.
    const preferring = (sentences: BankSentence[], keep: (sentence: BankSentence) => boolean) => {
      const kept = sentences.filter(keep);
      return kept.length > 0 ? kept : sentences;
    };
    // (…one advising to stop it first: "the bisphosphonate should be stopped", not "the risk… may fall after a bisphosphonate is stopped".)
    const stoppingFor = preferring(
      saying(ASKS_WHETHER_TO_STOP.test(question) && medicinesAsked.length > 0 && conditionsAsked.length > 0, (sentence) =>
        namesOrClassOf(sentence, medicinesAsked) && conditionsAsked.some((name) => mentionCredit(sentence, name, false) > 0) && STOPS_OR_PAUSES.test(sentence.text),
      ),
      (sentence) => ADVISES_STOPPING.test(sentence.text),
    );
    // "Any trouble mixing those with palbociclib?" by what is said of other medicines changing how it works;
    const mixing = saying(ASKS_ABOUT_MIXING.test(question), (sentence) => namesAsked(sentence) && SAYS_OTHER_MEDICINES_CHANGE_IT.test(sentence.text));
    // "She takes St John's wort… ok to carry on with the palbo?" by what is said of the medicines named together.
    // …the one naming most of them by name first ("…strong CYP3A inhibitors such as clarithromycin" before a class).
    // (…a kind of medicines named as such counts too: "palbociclib and strong CYP3A inducers?")
    const ofMedicines = (name: string) => kinds.isDrug(name) || (matcher.get(name)?.type === 'setting' && [...matcher.narrower(name)].some((member) => member !== name && kinds.isDrug(member)));
    const drugsNamed = [...new Set([...ask.asked, ...ask.medicinesTold])].filter(ofMedicines);
    const namedTogether = (sentence: BankSentence) => drugsNamed.reduce((sum, name) => sum + mentionCredit(sentence, name, false), 0);
    // …a sentence saying they do not go together first ("tamoxifen is not a listed partner for ribociclib"), before a trial
    // that gave them together.
    const together = preferring(
      saying(drugsNamed.length > 1 && intent !== 'dose' && intent !== 'choice' && intent !== 'results' && ASKS_ABOUT_TAKING_TOGETHER.test(question), (sentence) =>
        drugsNamed.filter((name) => mentionCredit(sentence, name, false) > 0).length > 1,
      ).sort((a, b) => namedTogether(b) - namedTogether(a)),
      (sentence) => NOT_TOGETHER.test(sentence.text),
    );
    // "How likely is the jaw problem?" by a sentence saying how often it happens, of what is asked about;
    // the condition named by the sentence itself, a medicine also by its class or section ("69.3% were walking at 8 weeks
    // in SCORAD", under cord compression, says nothing of how common it is).
    // (A frequency is of a condition: a measure, setting or population asked beside it says what it is among.)
    // …the one naming most of the medicines asked by name first (zoledronic acid's own figure before one for all bone medicines).
    const conditionsForFrequency = ask.asked.filter((name) => matcher.get(name)?.type === 'condition');
    const medicinesForFrequency = ask.asked.filter(kinds.isMedicine);
    const ofAskedForFrequency = (sentence: BankSentence) =>
      conditionsForFrequency.every((name) => mentionCredit(sentence, name, false) >= 1) &&
      medicinesForFrequency.every((name) => mentionCredit(sentence, name, true) > 0 || namesOrClassOf(sentence, [name]));
    const namedMedicines = (sentence: BankSentence) => medicinesForFrequency.filter((name) => sentence.named.has(name)).length;
    const howOften = saying(ASKS_HOW_LIKELY.test(question) && conditionsForFrequency.length > 0, (sentence) => ofAskedForFrequency(sentence) && GIVES_FREQUENCY.test(sentence.text)).sort(
      (a, b) => namedMedicines(b) - namedMedicines(a),
    );
    // "How is the SINS score calculated?" by what it adds up; "what score means she needs a surgical opinion?" by
    // the cut-off, in a sentence naming everything asked (not a trial's result in the surgery group).
    const calculating = saying(ASKS_HOW_CALCULATED.test(question), (sentence) => namesAsked(sentence) && SAYS_HOW_CALCULATED.test(sentence.text));
    const threshold = saying(ASKS_THRESHOLD.test(question), (sentence) => ask.asked.every((name) => mentionCredit(sentence, name, false) >= 1) && traits.of(sentence).drugs.every((name) => ask.asked.includes(name)) && GIVES_THRESHOLD.test(sentence.text));
    // "Is there any point giving it or can we stop?" by the sentence weighing its benefits against its burdens;
    const weighs = saying(ASKS_IF_WORTH.test(question), (sentence) => namesAskedOrClass(sentence) && WEIGHS_BENEFIT.test(sentence.text));
    // "I start the drip next week. What must I do before?" by what is done before starting;
    const preparing = saying(ASKS_BEFORE_STARTING.test(question), (sentence) => namesAsked(sentence) && DONE_BEFORE_STARTING.test(sentence.text));
    // "And if she is not fit for surgery?" by what is done for those who are not candidates for it.
    const withoutSurgery = saying(NOT_FIT_FOR_SURGERY.test(question.toLowerCase()), (sentence) => NOT_FOR_SURGERY.test(sentence.text));
    // "Her eGFR has fallen from 55 to 38 on zoledronic acid": by what is done when kidney function declines on it.
    // (…of the medicine asked, when one is: "eGFR dropped to 25 - can she add naproxen?" is not answered by zoledronic acid's rule.)
    const onDecline = saying(KIDNEY_WORSENED.test(question), (sentence) => namesAsked(sentence) && FOR_DETERIORATION.test(sentence.text) && (medicinesAsked.length === 0 || namesOrClassOf(sentence, medicinesAsked)));
    // (Another product of the same drug, Prolia beside Xgeva, may be what the advice is written for: not only focused sentences.)
    const advising = ASKS_WHAT_TO_GIVE.test(question) ? rows.filter((sentence) => namesAsked(sentence) && ADVISES.test(sentence.text) && !ADVISES_AGAINST.test(sentence.text) && !sentence.statesLimitation) : [];
    const forCaseGrade = preferring(ofCaseGrade, (sentence) => STATES_COUNT.test(sentence.text));
    // "The pain is worse since the radiotherapy. Did it not work?" by the pain flare that can follow it.
    // …and so is "what if it actually gets worse over the next few days?" after radiotherapy.
    const flare = saying(ASKS_IF_FAILED.test(question) || (WORSE_AFTER.test(question) && RADIOTHERAPY_NAMED.test(question)), (sentence) => namesAsked(sentence) && SAYS_PAIN_FLARE.test(sentence.text) && (ask.audience === 'professional' || isPatientText(sentence)));
    // The next few leads are quoted from the documents of the asker's audience only.
    const inAudienceText = (sentence: BankSentence) => isPatientText(sentence) === (ask.audience === 'patient');
    // "Is one session as good as several?" by a sentence that compares them; "how much morphine is too much?" by its sign.
    const comparing = saying(ASKS_IF_AS_GOOD.test(question), (sentence) => namesAsked(sentence) && COMPARES.test(sentence.text) && inAudienceText(sentence));
    const tooMuch = saying(ASKS_TOO_MUCH.test(question), (sentence) => SAYS_TOO_MUCH.test(sentence.text) && inAudienceText(sentence));
    // A named trial's results by a result it reports, and what it measured by its primary endpoint; only of a trial
    // named (another trial's endpoint names the same medicines, and some trial's result is no answer to "SBRT 24Gy/2
    // vs 20Gy/5 results").
    const measured = saying(intent === 'results' && ASKS_WHAT_MEASURED.test(question), (sentence) => namesTrialAsked(sentence) && /\bprimary (?:endpoint|outcome)\b/i.test(sentence.text));
    const reportedResult = preferring(
      saying(intent === 'results', (sentence) => namesTrialAsked(sentence) && STATES_RESULT.test(sentence.text)),
      (sentence) => !/\bsecondary\b/i.test(sentence.passage.section),
    );
    // "How soon will radiotherapy help my bone pain?" by how long relief took in the knowledge (a figure first), not by what it does.
    const timeToWork = preferring(
      saying(ASKS_TIME_TO_WORK.test(question), (sentence) => namesAsked(sentence) && GIVES_TIME_TO_WORK.test(sentence.text) && inAudienceText(sentence)),
      (sentence) => /\d/.test(sentence.text),
    );
    // "Repeat count took 10 days to recover to 1.3. What dose?" by what is done when recovery takes over a week.
    const slowRecovery = saying(recoveryTookOverAWeek(question), (sentence) => namesAsked(sentence) && SAYS_SLOW_RECOVERY.test(sentence.text));
    // "Was sick after this morning's ribociclib. Take another?" by what is done with a dose missed or vomited.
    const missedDose = saying(ASKS_MISSED_DOSE.test(question), (sentence) => namesAsked(sentence) && SAYS_MISSED_DOSE.test(sentence.text));
    // "No leg weakness… should I start dexamethasone 16 mg?" by the advice for people without neurological signs, of the medicine asked about.
    const signs = ask.neurologicalSigns;
    const forCaseNeurology = saying(signs !== undefined && medicinesAsked.length > 0, (sentence) => signs !== undefined && speaksOfCaseNeurology(sentence.text, signs) && namesOrClassOf(sentence, medicinesAsked));
    // "Drop the dose or switch opioid?" by the sentence that speaks to each of the two courses asked between.
    const courses = intent === 'management' || intent === 'general' ? coursesAsked(question) : [];
    const weighingAll = saying(courses.length === 2, (sentence) => courses.every((terms) => terms.some((term) => sentence.terms.has(term))));
    const namesTold = preferring(weighingAll, (sentence) => ask.told.some((name) => sentence.concepts.has(name)));
    // …the one that says the most of both, where they differ ("reducing the opioid dose… or switching opioid").
    const spokenOf = (sentence: BankSentence) => courses.flat().filter((term) => sentence.terms.has(term)).length;
    const most = Math.max(0, ...namesTold.map(spokenOf));
    const weighing = namesTold.filter((sentence) => spokenOf(sentence) === most);
    // "My hands are red and sore on capecitabine, should I stop it?": a person telling a harm they have is first told
    // when to stop the medicine and call their team, where the leaflet section on that harm says so (of the medicine
    // they take, when they name one). Other harms keep their own answer: a laxative for constipation on morphine.
    const medicinesTaken = [...new Set([...medicinesAsked, ...ask.medicinesTold])];
    // "Who should I call at night?" by the line to call, wherever the leaflets say it (the signs asked about before may have kept it from the sentences scored).
    const whoToCall = ASKS_WHO_TO_CALL.test(question) && ask.audience === 'patient' ? callLineSentences.slice(0, 1) : [];
    const callingAbout =
      ask.audience === 'patient' && harmsTold.length > 0 && CALL_ABOUT_HARM_INTENTS.has(intent)
        ? leafletStopAndCallSentences.filter(
            (sentence) =>
              (harmsTold.some((name) => sentence.headingContext.has(name) || sentence.concepts.has(name)) || conditionsAsked.some((name) => sentence.concepts.has(name))) &&
              (medicinesTaken.length === 0
                ? traits.of(sentence).drugs.length === 0
                : namesOrClassOf(sentence, medicinesTaken) || medicinesTaken.some((name) => sentence.context.has(name) || [...matcher.broader(name)].some((broader) => sentence.context.has(broader)))),
          ).slice(0, 1)
        : [];
    // "She is 10 weeks pregnant - can she still have ribociclib?" by what is said of the medicine in that population
    // ("Ribociclib and palbociclib can cause fetal harm"), not by the treatment the conversation was about.
    const populationsAsked = [...ask.asked, ...ask.told].filter((name) => matcher.get(name)?.type === 'population');
    // (Such a sentence may be an item of a list quoted whole: "Which treatments can harm a pregnancy?")
    // (…for a patient, from the clinicians' text the answer quotes when no leaflet says it: the answer then says where it comes from.)
    const ofPopulation =
      asksIfAllowed(question) && populationsAsked.length > 0 && medicinesAsked.length > 0
        ? [...new Set([...ordered, ...ask.scored])].filter((sentence) => !refersBack(sentence) && populationsAsked.some((name) => mentionCredit(sentence, name, true) >= 1) && namesOrClassOf(sentence, medicinesAsked))
        : [];
    const inPopulation = preferring(ofPopulation, inAudienceText);
    const chosen = whoToCall.length > 0 ? whoToCall : callingAbout.length > 0 ? callingAbout : inPopulation.length > 0 ? inPopulation : sameMedicine.length > 0 ? sameMedicine : contraindicating.length > 0 ? contraindicating : mixing.length > 0 ? mixing : together.length > 0 ? together : stoppingFor.length > 0 && ofCaseGrade.length === 0 ? stoppingFor : flare.length > 0 ? flare : measured.length > 0 ? measured : reportedResult.length > 0 ? reportedResult : tooMuch.length > 0 ? tooMuch : comparing.length > 0 ? comparing : timeToWork.length > 0 ? timeToWork : weighs.length > 0 ? weighs : saysWhy.length > 0 ? saysWhy : calculating.length > 0 ? calculating : threshold.length > 0 ? threshold : howOften.length > 0 ? howOften : namesHarms.length > 0 ? namesHarms : alone.length > 0 ? alone : treatsCancer.length > 0 ? treatsCancer : curing.length > 0 ? curing : amount.length > 0 ? amount : slowRecovery.length > 0 ? slowRecovery : forCaseGrade.length > 0 ? forCaseGrade : forCaseNeurology.length > 0 ? forCaseNeurology : missedDose.length > 0 ? missedDose : acting.length > 0 ? acting : actingOnHarm.length > 0 ? actingOnHarm : withoutSurgery.length > 0 ? withoutSurgery : onDecline.length > 0 ? onDecline : counting.length > 0 ? counting : listing.length > 0 ? listing : helping.length > 0 ? helping : preparing.length > 0 ? preparing : advising.length > 0 ? advising : undecided.length > 0 ? undecided : figureForValue.length > 0 ? figureForValue : weighing.length > 0 ? weighing : practice.length > 0 ? practice : answering.length > 0 ? answering : focused.length > 0 ? focused : rows;
    // Then, of those, the ones true to what the question states, where any are:
    // "on denosumab 120 mg, wants to stop": not another dose of it (Prolia's 60 mg), unless a dose or a choice is
    // asked ("…or switch to denosumab, and what schedule?");
    const statedDoses = new Set(allMatches(question, MILLIGRAMS).map((match) => match[1]));
    const ofStatedDose = (sentence: BankSentence) => {
      const doses = allMatches(sentence.text, MILLIGRAMS).map((match) => match[1]);
      return doses.length === 0 || doses.some((dose) => statedDoses.has(dose));
    };
    // (What is said of medicines together keeps its own doses: "…palbociclib is lowered to 75 mg" for "on palbociclib 125mg".)
    // "Is there a role for SBRT in oligometastatic disease?": by what is said for the condition asked about, where anything
    // answering says it (not SBRT for painful bone metastases in general).
    // (A harm asked about beside is no condition the patients are chosen by: "…and what ILD monitoring is needed?")
    const conditionsNamed = ask.asked.filter((name) => matcher.get(name)?.type === 'condition' && kinds.isQualifier(name) && !matcher.get(name)?.sideEffect);
    // …and of the treatment asked about with it: "do I need an operation for my weak thigh bone?" is not answered by where cancer spreads.
    const subjectsNamed = ask.asked.filter(kinds.isSubject);
    const ofCondition =
      intent === 'who' && conditionsNamed.length > 0
        ? preferring(chosen, (sentence) => conditionsNamed.every((name) => mentionCredit(sentence, name, false) > 0) && subjectsNamed.every((name) => mentionCredit(sentence, name, false) > 0))
        : chosen;
    // "Pembrolizumab in TNBC?": by what is said of the medicine in what else is asked about, not by what the disease is
    // (nor by the medicine's dose, for "holding a CDK4/6 inhibitor around a dental extraction").
    const othersNamed = ask.asked.filter((name) => !kinds.isMedicine(name) && (kinds.isQualifier(name) || kinds.isSubject(name)));
    const ofMedicine =
      intent === 'general' && medicinesAsked.length > 0
        ? preferring(ofCondition, (sentence) => namesOrClassOf(sentence, medicinesAsked) && othersNamed.every((name) => mentionCredit(sentence, name, false) > 0))
        : ofCondition;
    // "Which tumours are eligible for capivasertib plus fulvestrant?": by what is said of the medicines together, not
    // of one of them alone (how fulvestrant is injected).
    const ofRegimen =
      intent === 'who' && medicinesAsked.length > 1
        ? preferring(ofMedicine, (sentence) => medicinesAsked.every((name) => mentionCredit(sentence, name, false) > 0))
        : ofMedicine;
    // "Radiotherapy on my hip again, having had it there before?": by what is said of the narrower thing asked
    // (re-irradiation), not of what it is a kind of (a pain flare after radiotherapy).
    const narrowestAsked = ask.asked.filter((name) => ask.asked.some((other) => other !== name && matcher.broader(name).has(other)));
    const ofNarrowest = narrowestAsked.length > 0 ? preferring(ofRegimen, (sentence) => narrowestAsked.every((name) => sentence.concepts.has(name))) : ofRegimen;
    // "If a strong CYP3A inhibitor cannot be avoided… what palbociclib dose?": the dose given beside the other medicines
    // of the setting asked about, not the usual one.
    const settingsAsked = intent === 'dose' ? ask.asked.filter((name) => matcher.get(name)?.type === 'setting') : [];
    // (…from an item of a list quoted whole when nothing else gives it, if that item doses the medicine beside others:
    // "…such as clarithromycin, itraconazole or ketoconazole; if one cannot be avoided, palbociclib is lowered to 75 mg".)
    const inSetting = (sentence: BankSentence) => settingsAsked.every((name) => mentionCredit(sentence, name, false) > 0) && (medicinesAsked.length === 0 || medicinesAsked.some((name) => mentionCredit(sentence, name, false) > 0));
    const besideOthers = (sentence: BankSentence) => traits.of(sentence).drugs.some((name) => !medicinesAsked.includes(name));
    const givenBesideOthers = (sentence: BankSentence) => inSetting(sentence) && besideOthers(sentence);
    const listedInSetting = ordered.filter((sentence) => givenBesideOthers(sentence) && givesPracticeDose(sentence) && namesAsked(sentence) && !refersBack(sentence));
    const ofSetting = settingsAsked.length === 0 ? ofNarrowest : ofNarrowest.some(givenBesideOthers) ? ofNarrowest.filter(givenBesideOthers) : listedInSetting.length > 0 ? listedInSetting.slice(0, 1) : ofNarrowest;
    const statedOrAsked = statedDoses.size > 0 && intent !== 'dose' && intent !== 'choice' && chosen !== together ? preferring(ofSetting, ofStatedDose) : ofSetting;
    // "What dose of morphine to start?": the starting dose, not the rescue dose given during titration;
    const withStartingDose = intent === 'dose' && ASKS_TO_START.test(question) ? preferring(statedOrAsked, (sentence) => GIVES_STARTING_DOSE.test(sentence.text)) : statedOrAsked;
    // …and for someone already on it regularly, the dose written for them, not the one given while starting.
    const withDose = intent === 'dose' && TOLD_ALREADY_ON_REGULAR.test(question) ? preferring(withStartingDose, (sentence) => FOR_THOSE_ALREADY_ON.test(sentence.text)) : withStartingDose;
    // "wants to stop after 2 years. Is that safe?": the risks of stopping, not of the drug;
    // "…four days after zoledronic acid 4 mg. Can I repeat the dose now?": when a dose may be given again, not the dose.
    const withRepeat = intent !== 'choice' && ASKS_TO_REPEAT.test(question) ? preferring(withDose, (sentence) => STATES_WHEN_REPEATED.test(sentence.text)) : withDose;
    const withStopping = STOPPING.test(withoutStopsOfWhatItTreats(question)) && intent === 'adverse-effects' ? preferring(withRepeat, (sentence) => STOPPING.test(sentence.text)) : withRepeat;
    // What comes after, among the sentences chosen or, when none of them says, among all the question scored
    // ("If scans show the cancer is growing, your team will talk with you about a different treatment").
    function afterProgression(sentences: BankSentence[]): BankSentence[] {
      const next = sentences.filter((sentence) => AFTER_PROGRESSION.test(sentence.text));
      if (next.length > 0) return next;
      const scored = saying(true, (sentence) => AFTER_PROGRESSION.test(sentence.text) && answersIntent(sentence));
      return scored.length > 0 ? scored : sentences;
    }
    // "Her calcium is still raised seven days after zoledronic acid. What next?": what is done when the
    // treatment given has not worked, not the first treatment again.
    const withRefractory = NOT_RESPONDED.test(question)
      ? preferring(withStopping, (sentence) => FOR_REFRACTORY.test(sentence.text))
      : PROGRESSED_ON.test(question) || ASKS_WHAT_COMES_AFTER.test(question)
        ? afterProgression(withStopping)
        : withStopping;
    // "Grade 3 neutropenia again after the restart - dose?": what is done when a harm comes back, where a sentence
    // scored for the question says so of what is asked.
    const comesBack = saying(harmsTold.length > 0 && HAPPENED_AGAIN.test(question), (sentence) => namesAsked(sentence) && SAYS_IF_IT_COMES_BACK.test(sentence.text) && answersIntent(sentence));
    const withRecurrence = comesBack.length > 0 ? ofGradeAsked(comesBack, question) : withRefractory;
    // "Mum's on denosumab and the dentist wants a tooth out": not what is said of zoledronic acid alone.
    // (…or, asked about taking them together, of a medicine the person told they take: "on palbociclib… clarithromycin?")
    const drugsAsked = new Set([...ask.asked, ...(chosen === together ? ask.medicinesTold : [])].filter(kinds.isDrug));
    const aboutDrugAsked = (sentence: BankSentence) => {
      const drugs = traits.of(sentence).drugs;
      return drugs.length === 0 || drugs.some((name) => drugsAsked.has(name));
    };
    // …and never by what is said of another medicine alone ("Diarrhoea is the most common side effect of
    // abemaciclib" for diarrhoea on pertuzumab): with nothing said of the one asked about, no sentence leads.
    // …unless what is asked is what comes after it: then another medicine is the answer.
    const ofDrugAsked = drugsAsked.size > 0 && !ASKS_WHAT_COMES_AFTER.test(question) ? withRecurrence.filter(aboutDrugAsked) : withRecurrence;
    // "Which blood tests before each cycle?": the rule, not the exception for a course the question does not
    // tell ("For patients whose neutropenia stays at grade 1 or 2…, every 3 months").
    const lowered = question.toLowerCase();
    const ofCourseTold = preferring(ofDrugAsked, (sentence) => {
      const course = SUBGROUP_BY_COURSE.exec(sentence.text)?.[1];
      return course === undefined || lowered.includes(course.toLowerCase());
    });
    // "This is the first time it's happened": not the rule for a harm that persists or comes back.
    // …nor is "grade 2 diarrhoea for 3 days despite loperamide", a graded harm told as lasting but not as coming back after a restart.
    const lastsOnly = GRADE.test(question) && !FIRST_TIME.test(question) && TOLD_AS_LASTING.test(question) && !COMES_BACK.test(question) && !AFTER_RESUMING.test(question);
    const ofFirstTime = FIRST_TIME.test(question) ? preferring(ofCourseTold, (sentence) => !COMES_BACK.test(sentence.text)) : lastsOnly ? preferring(ofCourseTold, (sentence) => SAYS_NOT_SETTLING.test(sentence.text) && !COMES_BACK.test(sentence.text)) : ofCourseTold;
    // "…does she restart at 150 or drop to 100?": by the sentence saying at which dose it is resumed.
    const atDoseResumed = ASKS_RESTART_DOSE.test(question) ? preferring(ofFirstTime, (sentence) => SAYS_RESTART_DOSE.test(sentence.text)) : ofFirstTime;
    // "What if her baseline QTcF is 465 ms?": by the sentence giving a figure for the measure told, where one does.
    const ofValueTold = ask.toldValues.length > 0 ? preferring(atDoseResumed, (sentence) => ask.toldValues.some((name) => sentence.concepts.has(name)) && givesFigure(sentence.text)) : atDoseResumed;
    // …and of those, the ones that speak of most of what the message names ("not for people whose blood calcium is too high").
    // (Asked when to get help, the bottom line says when, whatever else the asking sentences name: "…wait until the surgery opens? could I drive myself?")
    const namingAsked = askedApart && intent !== 'when-to-seek-help' ? ofValueTold.filter((sentence) => namedWhereAsked.some((name) => sentence.concepts.has(name))) : [];
    const namedCount = (sentence: BankSentence) => ask.asked.filter((name) => sentence.concepts.has(name)).length;
    const mostNamed = Math.max(0, ...namingAsked.map(namedCount));
    // (A follow-up's own words keep the order the plan gave: the question it was rewritten into names more than was asked.)
    const ofWhatIsAsked = namingAsked.length === 0 ? ofValueTold : rewritten ? namingAsked : namingAsked.filter((sentence) => namedCount(sentence) === mostNamed);
    // A clinician is answered in a guideline's words where one answers ("a fever is 38 °C or higher" is the leaflet's),
    // and a patient in a leaflet's ("Your team will tell you how much…", not NICE's rescue dose during titration).
    const forReader =
      ask.audience === 'professional'
        ? preferring(ofWhatIsAsked, (sentence) => !isPatientText(sentence))
        : intent === 'dose'
          ? preferring(ofWhatIsAsked, isPatientText)
          : ofWhatIsAsked;
    // A sentence adding to another ("Radiotherapy to a painful bone can also ease the pain") does not open an answer when one standing alone can.
    const standingAlone = ask.audience === 'patient' ? preferring(forReader, (sentence) => !ADDS_TO_ANOTHER.test(sentence.text)) : forReader;
    // Asked when to get help with a condition ("if I get a cough, do I ring straight away or can it wait?"), a bottom
    // line that does not say when ("If lung swelling is found, your team will pause…") gives way to a sentence chosen
    // that says it of every condition asked about ("Call your care team today about a new cough…").
    const harmsAsked = ask.asked.filter((name) => matcher.get(name)?.type === 'condition');
    const saysWhen = (sentence: BankSentence) => sentence.answers.has('when-to-seek-help');
    const saysWhenOfAll = (sentence: BankSentence) => saysWhen(sentence) && harmsAsked.every((name) => sentence.concepts.has(name));
    // …and one that neither says when nor names a condition asked about ("INR is checked more often… with capecitabine"
    // for "on capecitabine, temp 37.9, what should I do?") gives way to one that does either.
    const namesHarmAsked = (sentence: BankSentence) => harmsAsked.some((name) => sentence.concepts.has(name));
    const leadSaysWhen = standingAlone[0] !== undefined && saysWhen(standingAlone[0]);
    const askedWhenOf = intent === 'when-to-seek-help' && harmsAsked.length > 0 && !leadSaysWhen;
    const candidates = askedWhenOf
      ? preferring(preferring(standingAlone, (sentence) => saysWhen(sentence) || namesHarmAsked(sentence)), saysWhenOfAll)
      : standingAlone;
    // "Opioid naive, eGFR 38. What morphine dose?": not the dose written for people with no kidney disease, but what
    // is said for those with it ("seek specialist advice before prescribing strong opioids in… renal impairment").
    const forOthers = (sentence: BankSentence) => WITHOUT_KIDNEY_DISEASE.test(sentence.text);
    /** What is said of the medicines asked about (and only of them or their kin) for people with kidney disease. */
    function forKidneyDisease(): BankSentence[] {
      const kin = new Set([...drugsAsked].flatMap((name) => relatedToConcept(matcher.get(name)!)));
      const ofAskedOnly = (sentence: BankSentence) => namesOrClassOf(sentence, [...drugsAsked]) && traits.of(sentence).drugs.every((name) => kin.has(name));
      return saying(true, (sentence) => SPEAKS_OF_KIDNEYS.test(sentence.text) && !forOthers(sentence) && ofAskedOnly(sentence));
    }
    // "What is the zoledronic acid dose in renal impairment?": not the usual dose, but what is said of the dose in it.
    // ("How often is it given in renal impairment?" is still answered by how often it is given.)
    const dosedWithoutKidneys = intent === 'dose' && !INTERVAL_QUESTION.test(question) && candidates[0] !== undefined && !SPEAKS_OF_KIDNEYS.test(candidates[0].text);
    const first = (ask.asked.includes(RENAL_IMPAIRMENT) && (candidates.some(forOthers) || dosedWithoutKidneys) ? forKidneyDisease()[0] : undefined) ?? candidates[0];
    if (!first) return [];
    // A second document's sentence joins the bottom line only when it adds to the first, not when it restates
    // it, and answers what the first answers ("6 watery stools on abemaciclib": not that men can take it).
    // (A patient's bottom line in a leaflet's words is not joined by a clinicians' sentence.)
    const second = candidates.find(
      (sentence) =>
        sentence.document.id !== first.document.id &&
        !isDuplicate(first, sentence) &&
        (!answersIntent(first) || answersIntent(sentence)) &&
        (ask.audience === 'professional' || !isPatientText(first) || isPatientText(sentence)),
    );
    const nearlyAsGood = second !== undefined && scoreOf(second) >= scoreOf(first) * settings.secondLeadShare;
    return second && nearlyAsGood && settings.leadSentences > 1 ? [first, second] : [first];
  }

  /** The sentences of sections asking about side effects whose heading shares a word with the question, best match first. */
  function harmSectionsAsked(sentences: readonly BankSentence[], question: string, ignored: ReadonlySet<string>): BankSentence[] {
    const terms = [...questionTermsOf(question)];
    const harmSections = sentences.filter((sentence) => sentence.headingAsks.has('adverse-effects') && terms.some((term) => sentence.headingTerms.has(term)));
    return byHeadingMatch(harmSections, question, ignored);
  }

  /**
   * The sentences saying what the knowledge lacks that name every concept asked about; a concept no
   * sentence found names (a trial the person was invited to join) does not count against them.
   */
  function limitationsNamingAll(rows: readonly BankSentence[], asked: readonly string[]): BankSentence[] {
    const named = asked.filter((name) => rows.some((sentence) => mentionCredit(sentence, name, false) > 0));
    if (named.length === 0) return [];
    return rows.filter((sentence) => sentence.statesLimitation && named.every((name) => mentionCredit(sentence, name, false) > 0));
  }

  /**
   * The first sentence anywhere in the knowledge that says something (`says`) of a medicine or of its class and
   * can open an answer for the reader: written for them, no table row, no pointing back.
   */
  function firstSayingOf(medicine: string, audience: Audience, says: RegExp): BankSentence | undefined {
    return [medicine, ...matcher.broader(medicine)]
      .flatMap((name) => bank.sentencesNaming(name))
      .find((sentence) => writtenFor(sentence, audience) && quotable(sentence) && !refersBack(sentence) && !bank.wholeUnitOf(sentence.passage) && says.test(sentence.text));
  }

  /** For each medicine, the sentence that says what it, or its class, does; each sentence once. */
  function purposeOfEach(medicines: readonly string[], audience: Audience): BankSentence[] {
    return [...new Set(medicines.flatMap((medicine) => firstSayingOf(medicine, audience, SAYS_WHAT_IT_DOES) ?? []))];
  }

  /**
   * "What is ONJ?" is answered by the sentence that defines it; one that names it by pointing back
   * ("Doctors call the problem osteonecrosis of the jaw") leads with the sentence it points to.
   */
  function definingLead(ordered: readonly BankSentence[], defined: readonly string[]): BankSentence[] {
    // The first concept the question names is defined first ("What is visceral crisis? …starting a CDK4/6 tablet").
    const definesName = (name: string) => (sentence: BankSentence) => sentence.defines.has(name) || (refersBack(sentence) && sentence.concepts.has(name) && NAMES_IT.test(sentence.text));
    const defining = defined.reduce<BankSentence | undefined>((found, name) => found ?? ordered.find(definesName(name)), undefined);
    if (!defining) return [];
    if (!refersBack(defining)) return [defining];
    const before = sentenceBefore(defining);
    return before && ordered.some((sentence) => sentence.key === before.key) ? [before, defining] : [];
  }

  /**
   * The sentences for the grade and the day of a cycle a question states ("grade 2 pneumonitis": "symptomatic
   * (grade 2 or higher)"; "on day 1 of the new cycle": not the day-15 rule), all of them when none does.
   */
  function ofGradeAsked(sentences: BankSentence[], question: string): BankSentence[] {
    let kept = sentences;
    // Symptoms told ("a new dry cough and breathlessness") make it the symptomatic grade, not the asymptomatic one.
    const told = /\basymptomatic\b/i.test(question) ? 'asymptomatic' : SYMPTOMS_TOLD.test(question) ? 'symptomatic' : undefined;
    const ofTold = told ? kept.filter((sentence) => new RegExp(`\\b${told}\\b`, 'i').test(sentence.text)) : [];
    if (ofTold.length > 0) kept = ofTold;
    // Told neither grade nor symptoms ("if it shows pneumonitis, can she restart later?"), the rule that stops the
    // medicine for good comes first: the milder grade's restart is not the answer for someone who may have the worse one.
    if (told === undefined && !GRADE.test(question)) {
      const forGood = kept.filter((sentence) => STOPS_FOR_GOOD.test(sentence.text));
      if (forGood.length > 0) kept = [...forGood, ...kept.filter((sentence) => !forGood.includes(sentence))];
    }
    for (const [pattern, word] of [[GRADE, 'grade'], [CYCLE_DAY, 'day']] as const) {
      const value = pattern.exec(question)?.[1];
      if (!value) continue;
      const stated = new RegExp(`\\b${word} ${value}\\b`, 'i');
      const same = kept.filter((sentence) => stated.test(sentence.text));
      if (same.length > 0) kept = same;
    }
    return kept;
  }

  const topicTermsByDocument = new Map<string, ReadonlySet<string>>();
  function topicTermsOf(document: BankSentence['document']): ReadonlySet<string> {
    let terms = topicTermsByDocument.get(document.id);
    if (!terms) {
      terms = questionTermsOf(document.topics.join('. '));
      topicTermsByDocument.set(document.id, terms);
    }
    return terms;
  }

  /**
   * Sentences ordered by how much of the question their heading holds, its rarest words weighing most,
   * and at half weight their document's topics ("dentist" is a topic of the leaflet whose heading asks
   * "Why do teeth matter…?"); ties keep their order, and sentences sharing none of its words are left out.
   */
  function byHeadingMatch(sentences: readonly BankSentence[], question: string, ignored: ReadonlySet<string>): BankSentence[] {
    const terms = [...questionTermsOf(question)].filter((term) => !ignored.has(term));
    const weight = (sentence: BankSentence) =>
      terms.reduce((total, term) => total + (sentence.headingTerms.has(term) ? bank.rarity(term) : topicTermsOf(sentence.document).has(term) ? bank.rarity(term) / 2 : 0), 0);
    return sentences
      .map((sentence, index) => ({ sentence, index, weight: weight(sentence) }))
      .filter(({ weight }) => weight > 0)
      .sort((a, b) => b.weight - a.weight || a.index - b.index)
      .map(({ sentence }) => sentence);
  }

  /** The sentence just before this one in its section: its own passage's, or the previous passage's last. */
  function sentenceBefore(sentence: BankSentence): BankSentence | undefined {
    if (sentence.index > 0) return bank.sentencesOf(sentence.passage.id)[sentence.index - 1];
    const section = bank.passagesOfSection(sectionKeyOf(sentence.passage));
    const position = section.findIndex((passage) => passage.id === sentence.passage.id);
    const previous = position > 0 ? section[position - 1] : undefined;
    return previous ? bank.sentencesOf(previous.id).at(-1) : undefined;
  }

  /**
   * A sentence that points back ("Doctors call this short rise in pain a pain flare") is quoted with the
   * sentence it points to, or not at all: alone it tells the reader nothing. It never leads the answer.
   */
  function withAntecedents(ordered: BankSentence[]): void {
    const keys = new Set(ordered.map(sentenceKey));
    for (let position = ordered.length - 1; position >= 0; position -= 1) {
      const sentence = ordered[position]!;
      if (!refersBack(sentence)) continue;
      const before = sentenceBefore(sentence);
      if (before && keys.has(sentenceKey(before))) continue;
      if (before && quotable(before) && !refersBack(before)) {
        ordered.splice(position, 0, before);
        keys.add(sentenceKey(before));
      } else {
        ordered.splice(position, 1);
      }
    }
  }

  function passagesOf(sentences: readonly BankSentence[]): Passage[] {
    const seen = new Map<string, Passage>();
    for (const sentence of sentences) if (!seen.has(sentence.passage.id)) seen.set(sentence.passage.id, sentence.passage);
    return [...seen.values()];
  }

  /** Content words of the question outside the concepts it names. */
  function residualWords(question: string, analysis: QuestionAnalysis): string[] {
    let rest = question.normalize('NFKC');
    // Blanked, not cut, so the offsets of the entries before stay right.
    for (const entry of [...analysis.focus].sort((a, b) => b.start - a.start)) rest = `${rest.slice(0, entry.start)}${' '.repeat(entry.end - entry.start)}${rest.slice(entry.end)}`;
    // What a message tells before it asks ("I live abroad and only talk to her by phone.") does not make its question specific.
    const asking = askingSentences(rest) ?? rest;
    return asking.toLowerCase().match(/[a-z]+/g)?.filter((word) => !STOP_WORDS.has(word)) ?? [];
  }

  // The question's terms, worked out once per plan (scoring and pitfalls both read them): set by `plan`
  // for its own question only, so nothing is kept from one question to the next.
  let asked: { question: string; terms?: ReadonlySet<string> } | undefined;
  /**
   * The two courses a question's last sentence asks between ("drop the dose or switch opioid?"), each as
   * the content terms it does not share with the other; none when it asks no such question.
   */
  function coursesAsked(question: string): string[][] {
    const last = question.trim().split(/(?<=[.!?])\s+/).at(-1) ?? '';
    const parts = /^([^?]*?)\bor\b([^?]*)\?$/i.exec(last);
    if (!parts || /\bor\b/i.test(parts[2]!)) return [];
    const first = analyzer.terms(parts[1]!);
    const second = analyzer.terms(parts[2]!);
    const own = (terms: string[], other: string[]) => terms.filter((term) => !other.includes(term));
    const courses = [own(first, second), own(second, first)];
    return courses.every((terms) => terms.length > 0) ? courses : [];
  }

  function questionTermsOf(question: string): ReadonlySet<string> {
    if (asked?.question !== question) return new Set(analyzer.terms(question));
    return (asked.terms ??= new Set(analyzer.terms(question)));
  }
  // A facet's query is the guide's own wording: its terms are worked out once.
  const facetTerms = new Map<string, ReadonlySet<string>>();
  function facetQueryTerms(query: string): ReadonlySet<string> {
    let terms = facetTerms.get(query);
    if (!terms) {
      terms = new Set(analyzer.terms(query));
      facetTerms.set(query, terms);
    }
    return terms;
  }
  // The broad-word lists of the guide's plans, lower-cased once.
  const broadWordSets = new Map(guide.plans.map((plan) => [plan, new Set(plan.broadWords.map((word) => word.toLowerCase()))]));
  // Each plan's asking cues as one whole-word pattern, built once.
  const askingCuePatterns = new Map(
    guide.plans.filter((plan) => plan.askingCues.length > 0).map((plan) => [plan, new RegExp(`\\b(?:${plan.askingCues.map((cue) => escapeRegExp(cue.toLowerCase())).join('|')})\\b`)]),
  );

  // Each plan's whole-list cues as one whole-word pattern, built once.
  const wholeListCuePatterns = new Map(
    guide.plans.filter((plan) => plan.wholeListCues.length > 0).map((plan) => [plan, new RegExp(`\\b(?:${plan.wholeListCues.map((cue) => escapeRegExp(cue.toLowerCase())).join('|')})\\b(?!\\s+(?:of|for)\\b)`)]),
  );

  /** The broad-question plan for this question, if one applies. */
  function broadPlanFor(question: string, analysis: QuestionAnalysis, audience: Audience): AnswerPlan | undefined {
    let residual: string[] | undefined;
    return guide.plans.find((plan) => {
      if (!plan.audiences.includes(audience) || analysis.asksPitfalls) return false;
      // "List the other 'get help now' signs besides fever, in one place": the whole list, whatever else is asked or named.
      if (wholeListCuePatterns.get(plan)?.test(question.toLowerCase())) return true;
      if (!plan.intents.includes(analysis.intent)) return false;
      const broadWords = broadWordSets.get(plan)!;
      // A question asking in the plan's own words ("what should I be looking or listening for?") is broad whatever it tells beside.
      const cuePattern = askingCuePatterns.get(plan);
      const cueAt = cuePattern ? question.toLowerCase().search(cuePattern) : -1;
      const askedByCue = cueAt >= 0;
      // Where to go, named after the cue ("when to send to A&E?"), is part of asking in the plan's words.
      const placeAsked = (entry: FocusConcept) => askedByCue && entry.concept.type === 'setting' && entry.start >= cueAt;
      // What a message tells in the sentences before the one asking in the plan's words ("She's on goserelin,
      // letrozole, ribociclib and denosumab. What should I be watching out for at home?") is her circumstance.
      const askingFrom = askedByCue ? Math.max(0, ...allMatches(question.slice(0, cueAt), /[.!?]\s/g).map((match) => (match.index ?? 0) + 1)) : 0;
      if (plan.onlyByCue && !askedByCue) return false;
      if (!askedByCue && broadWords.size > 0 && (residual ??= residualWords(question, analysis)).some((word) => !broadWords.has(word))) return false;
      const names = new Set(analysis.focus.map((entry) => entry.concept.name));
      const unnamed = plan.orUnnamed && analysis.focus.every((entry) => entry.background || entry.context || placeAsked(entry));
      if (!unnamed && !plan.concepts.some((name) => names.has(name))) return false;
      // The plan answers the broad question only: anything else named beyond a subtype it has a
      // facet for makes the question a specific one.
      const facetSubtypes = new Set(plan.facets.flatMap((facet) => (facet.subtype ? [facet.subtype] : [])));
      return analysis.focus.every(
        (entry) =>
          entry.background ||
          // …and, asked in the plan's own words, what the person is in or waiting for ("while she waits to see the surgeons"),
          // or what was told before the asking sentence.
          (askedByCue && (entry.context || entry.end <= askingFrom || placeAsked(entry))) ||
          plan.concepts.includes(entry.concept.name) ||
          isCircumstanceOfSigns(entry) ||
          (entry.concept.type === 'subtype' && facetSubtypes.has(entry.concept.name)),
      );
    });
  }

  function facetCandidates(input: PlanInput, facet: AnswerFacet): Array<{ sentence: BankSentence; score: number }> {
    const query = facet.query[input.audience];
    const results = input.search(query, settings.extraSearchLimit);
    const best = results[0]?.score ?? 0;
    const queryTerms = facetQueryTerms(query);
    const wanted = new Set(facet.concepts.flatMap((name) => [...matcher.narrower(name)]));
    const scored: Array<{ sentence: BankSentence; score: number }> = [];
    for (const result of results) {
      if (result.passage.pitfall || best === 0 || result.score < best * settings.minRelativeScore) continue;
      for (const sentence of bank.sentencesOf(result.passage.id)) {
        // A facet states practice: a trial's design or result is evidence for it, not the statement.
        if (sentence.document.type === 'trial') continue;
        const askedToQuote = facet.quotesQuestions && sentence.question && !sentence.pointer;
        if (!(quotable(sentence) || askedToQuote) || (wanted.size > 0 && ![...sentence.concepts].some((name) => wanted.has(name)))) continue;
        if (facet.documents.length > 0 && !facet.documents.includes(sentence.document.id)) continue;
        if (facet.sections.length > 0 && !facet.sections.some((section) => sentence.passage.id.startsWith(`${section}-`))) continue;
        if (facet.requireDose && !sentence.answers.has('dose')) continue;
        scored.push({ sentence, score: 0.5 * (result.score / best) + 0.5 * share(queryTerms, sentence.terms) });
      }
    }
    return scored.sort((a, b) => b.score - a.score);
  }

  function planBroad(input: PlanInput, plan: AnswerPlan): PlannedAnswer {
    const { analysis, audience } = input;
    const subtypes = new Set(analysis.focus.filter((entry) => entry.concept.type === 'subtype').map((entry) => entry.concept.name));
    const facets = plan.facets.filter((facet) => !facet.subtype || subtypes.size === 0 || subtypes.has(facet.subtype));
    const selection = createSelection();
    const lead: BankSentence[] = [];
    const sections: PlanSection[] = [];
    let professionalSource = false;
    for (const facet of facets) {
      const candidates = facetCandidates(input, facet);
      const preferred = audience === 'patient' ? candidates.filter(({ sentence }) => isPatientText(sentence)) : candidates;
      const pool = preferred.length > 0 ? preferred : candidates;
      // A subtype named in the question widens its own facet.
      const max = facet.subtype && subtypes.has(facet.subtype) ? facet.max + 2 : facet.max;
      const picked: BankSentence[] = [];
      for (const { sentence } of pool) {
        if (picked.length >= max) break;
        if (selection.has(sentence) || selection.duplicates(sentence, facet.sections.length > 0)) continue;
        picked.push(...selection.add(sentence));
      }
      if (picked.length === 0) continue;
      if (audience === 'patient' && picked.some((sentence) => !isPatientText(sentence))) professionalSource = true;
      if (facet.lead) {
        lead.push(...picked);
        continue;
      }
      const heading = facet.heading[audience];
      const section = sections.find((candidate) => candidate.heading === heading);
      if (section) section.sentences.push(...picked);
      else sections.push({ heading, sentences: picked });
    }
    if (audience === 'patient') {
      const all = sections.flatMap((section) => section.sentences);
      trimForReading(all, [], new Set([...lead, ...sections.map((section) => section.sentences[0]!)]));
      for (const section of sections) section.sentences = section.sentences.filter((sentence) => all.includes(sentence) || sentence === section.sentences[0]);
    }
    const cited = [...new Set([...lead, ...sections.flatMap((section) => section.sentences)].map((sentence) => sentence.document.id))];
    const pitfalls = choosePitfalls(input, cited, [...new Set(facets.flatMap((facet) => facet.concepts))], settings.maxPitfallsBroad, true, [...lead, ...sections.flatMap((section) => section.sentences)]);
    const all = [...lead, ...sections.flatMap((section) => section.sentences), ...pitfalls];
    return {
      lead,
      sections,
      pitfalls,
      coverage: analysis.focus.filter((entry) => !entry.background).map((entry) => ({ concept: entry.concept, covered: all.some((sentence) => mentions(sentence, entry.concept.name, true)) })),
      uncovered: [],
      unaddressed: [],
      onlyByClass: [],
      professionalSource,
      planId: plan.id,
      title: plan.title[audience],
      passages: passagesOf(all),
    };
  }

  /** The plan with only the sentences kept, sections left empty dropped. */
  function keeping(planned: PlannedAnswer, keep: (sentence: BankSentence) => boolean): PlannedAnswer {
    const lead = planned.lead.filter(keep);
    const sections = planned.sections.map((section) => ({ ...section, sentences: section.sentences.filter(keep) })).filter((section) => section.sentences.length > 0);
    const pitfalls = planned.pitfalls.filter(keep);
    return { ...planned, lead, sections, pitfalls, passages: passagesOf([...lead, ...sections.flatMap((section) => section.sentences), ...pitfalls]) };
  }

  /**
   * The plan beside the alerts raised: without what an alert rules out ("take calcium every day" beside high
   * calcium), and beside an alert to get help now without advice to act later (it is for early signs).
   */
  function besideAlerts(planned: PlannedAnswer, input: PlanInput): PlannedAnswer {
    const avoided = new Set((input.alertIds ?? []).flatMap((id) => guide.notBesideAlerts[id] ?? []));
    // …except a sentence saying the alert's condition rules it out ("a raised calcium… an absolute contraindication to the supplement").
    const withoutAvoided = avoided.size === 0 ? planned : keeping(planned, (sentence) => RULED_OUT.test(sentence.text) || ![...sentence.concepts].some((name) => avoided.has(name)));
    return input.besideImmediateAlert ? keeping(withoutAvoided, (sentence) => !sentence.advisesLater) : withoutAvoided;
  }

  function planFor(input: PlanInput): PlannedAnswer {
    const broad = broadPlanFor(input.question, input.analysis, input.audience);
    if (broad) {
      const planned = planBroad(input, broad);
      if (planned.lead.length + planned.sections.length > 0) return planned;
    }
    return planSpecific(input);
  }

  return {
    plan(input) {
      asked = { question: input.question };
      try {
        return besideAlerts(planFor(input), input);
      } finally {
        asked = undefined;
      }
    },
  };
}
