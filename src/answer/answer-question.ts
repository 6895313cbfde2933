import type {
  Answer,
  Audience,
  Block,
  Failure,
  Finding,
  KnowledgeBase,
  KnowledgeDocument,
  Notice,
  Passage,
  PriorQuestion,
  ScoredPassage,
  Source,
  TriageAlert,
  Understanding,
  ValidationSummary,
} from '../domain/types.js';
import { standaloneQuestionFor, type RewriteFunction } from '../conversation/standalone-question.js';
import { composeExtractive } from '../generation/extractive-composer.js';
import { markdownToBlocks } from '../generation/markdown-to-blocks.js';
import { phraseWithValidation, type RejectedDraft } from '../generation/phrase-with-validation.js';
import { checkStreamedUnit } from '../generation/check-streamed-unit.js';
import { withServiceTitle } from '../generation/service-title.js';
import type { Phraser, StreamingPhraser } from '../generation/phraser.js';
import { renumberCitations } from '../generation/renumber-citations.js';
import type { AnswerStream } from '../http/chat-stream.js';
import { emptyGuide } from '../knowledge/guide-files.js';
import { isNegated } from '../rules/negation.js';
import { MEDICINE_TYPES, askingSentences, isCircumstanceOfSigns, type QuestionAnalysis } from '../question/analyze-question.js';
import { createAnsweringTools, type AnsweringTools, type PreparedReadings } from './answering-tools.js';
import type { SearchIndex, SearchResult } from '../retrieval/search-index.js';
import { SEARCH_SETTINGS } from '../retrieval/search-settings.js';
import type { CaseFacts } from '../rules/case-schema.js';
import { NOT_FIT_FOR_SURGERY, describeFacts, extractCaseFacts, mergeCaseFacts, neurologicalSignsOf } from '../rules/extract-facts.js';
import { boneSiteOf } from './bone-sites.js';
import type { Analyzer } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import { publicFailures, validateDraft } from '../validation/validate-draft.js';
import { normalizeDraft } from '../validation/visible-text.js';
import { answerTitle } from './answer-title.js';
import { createCitationRegistry, type CitationRegistry } from './citation-registry.js';
import { disclaimerNotice, notCoveredNotice, onlyByClassNotice, unaddressedNotice, outOfScopeNotice, pendingReviewNotice, professionalSourceNotice } from './notices.js';
import { patientSentencesOf, type PlannedAnswer } from './plan-answer.js';
import type { BankSentence } from './sentence-bank.js';
import { renderMarkdown } from './render-markdown.js';
import { suggestFollowUps } from './suggest-follow-ups.js';
import { mergeAlerts } from '../triage/merge-alerts.js';
import { URGENCY } from '../triage/triage-schema.js';

export type AnswerRequest = {
  message: string;
  audience?: Audience;
  conversationId?: string;
  /** Structured case facts (already validated); they win over facts read from the message. */
  case?: Partial<CaseFacts>;
  /** Earlier questions of the conversation, oldest first: a follow-up is rewritten from them. */
  history?: readonly PriorQuestion[];
};

export type AnswerDependencies = {
  knowledge: KnowledgeBase;
  index: SearchIndex;
  analyzer: Analyzer;
  newConversationId(): string;
  /** Red-flag detection, run first on every message. */
  triage?(text: string, audience: Audience): TriageAlert[];
  /** A model's second opinion on red flags: alerts it would add. It may add alerts, never remove one; a failure adds none. */
  classifyRedFlags?(text: string, audience: Audience, signal?: AbortSignal): Promise<TriageAlert[]>;
  /** Deterministic rules and calculators over the case facts. */
  rules?: { evaluate(facts: Partial<CaseFacts>): Finding[] };
  /** The model phrasing step; without it every answer is extractive. */
  phraser?: Phraser;
  /** Rewrites a follow-up into a standalone question (the model); on failure the deterministic rewrite is used. */
  rewrite?: RewriteFunction;
  /** Rejected model text is logged here at debug level, and nowhere else. */
  logger?: { debug(details: object, message: string): void };
  /** What start-up worked out already from the same knowledge (see startup/). */
  prepared?: PreparedReadings;
};

// The figures of a text ("38.1", "3.2"): a reading carried into a follow-up by its rewrite.
const FIGURES = /\d+(?:\.\d+)?/g;
// "What if she's on palbociclib instead?", "and if she was…?": the case before, with one thing changed.
const CHANGES_ONE_THING = /\b(?:instead|what if|what about|how about|and if)\b/i;
const RETRIEVAL_LIMIT = 30;
/** Findings that work a dose out from the person's own regimen: given to clinicians only, and not beside an urgent alert. */
const WORKED_OUT_DOSES_FOR_CLINICIANS: ReadonlySet<string> = new Set(['morphine-rescue-dose']);
const BREAKTHROUGH_PAIN = 'breakthrough pain';
// A number standing on its own ("3.3 mg", "8 Gy"), not one inside a name ("HER2", "CDK4/6", "BRCA1").
const FIGURE = /(?<![\w/.-])\d/;
// The person asked about: the writer or someone close to them.
const ASKS_ABOUT_A_PERSON = /\b(?:i|i've|i'm|me|my|she|he|her|him|his|mum|mom|mother|dad|father|wife|husband|partner|sister|brother|daughter|son|friend|people|patients?|women|someone)\b/i;
// The outlook asked for by name: "what is the prognosis?" needs no one named.
const NAMES_OUTLOOK = /\b(?:outlook|prognosis|survival|life expectancy|cure[sd]?|curable)\b/i;
// Whether a treatment will cure the cancer: "so the tablets won't cure it?", "can the treatment cure it?";
// …and whether it can be cured at all: "straight answer. can this be cured or not?".
const ASKS_IF_TREATMENT_CURES =
  /\b(?:tablets?|treatments?|medicines?|chemo|drugs?|injections?|radiotherapy)\b[^.?!]{0,30}\bcure[sd]?\b|\bcure[sd]?\b[^.?!]{0,20}\b(?:it|this|the cancer)\b|\b(?:can|could|will) (?:it|this|the cancer|my cancer|her cancer|his cancer) (?:ever )?be cured\b|\bis (?:it|this) curable\b/i;
// A person's outlook asked in other words speaks of living or time: "how long has mum got left?", "is she dying?";
// "how do I get rid of head lice?" asks about getting rid of something else.
const SPEAKS_OF_LIFE = /\b(?:live|lives|living|life|lifespan|dying|die|how long|left|honest|truth|survive|chances?|odds|cancer|tumou?rs?)\b/i;
// "What if her legs start to feel weak?": a possibility asked about, whose answer is what to do should it happen.
const ASKS_WHAT_IF = /^\W*(?:(?:and|but|so)\s+)?what\s+(?:if|happens if|should (?:i|we) do if|do (?:i|we) do if)\b/i;
const KNOWLEDGE_SEARCHES_KEPT = 20_000;
// Intents of a message that reports something rather than asks about a subject ("my legs have gone weak",
// "what should I do?"): beside an urgent alert, such a message asks what to do about the emergency.
const REPORT_INTENTS: ReadonlySet<string> = new Set(['general', 'when-to-seek-help', 'management']);

/**
 * Whether a message beside an urgent alert asks nothing else: it has no question of its own or names
 * no subject ("everyone would be better off without me"). A treatment or circumstance named in a sentence
 * that asks something is a question of its own ("single level MSCC, paraplegic for 24h. surgery first then
 * RT?", "my legs have gone weak, can I still drive myself to the hospital?"); one told in a report is what
 * the person is on ("58F on palbociclib, temp 38.6 and rigors today"). Asking about a condition ("is it cord
 * compression?") asks about the emergency itself.
 */
function asksNothingElse(analysis: QuestionAnalysis, message: string): boolean {
  if (analysis.focus.every((entry) => entry.background)) return true;
  if (!REPORT_INTENTS.has(analysis.intent)) return false;
  // A limit on treatment ("not fit for surgery") asks what is done for this person, not the stock steps.
  if (NOT_FIT_FOR_SURGERY.test(message.toLowerCase())) return false;
  if (analysis.intent === 'when-to-seek-help') return true;
  const asking = message.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.includes('?')).join(' ').toLowerCase();
  return !analysis.focus.some((entry) => !entry.background && !entry.context && ASKED_ABOUT_TYPES.has(entry.concept.type) && asking.includes(entry.surface.toLowerCase()));
}
/**
 * The message reports a harm of a medicine the knowledge covers, and only tells what the knowledge does not
 * cover, in sentences that ask nothing: "has had a dry cough and breathlessness for 5 days… I was going to start
 * amoxicillin. Is that enough?". A harm asked about ("…the rate of jaw osteonecrosis?") is no report.
 */
function reportsHarmBesideWhatIsNotCovered(analysis: QuestionAnalysis, question: string): boolean {
  const asking = askingSentences(question)?.toLowerCase();
  if (asking === undefined) return false;
  const notCovered = new Set(analysis.notCovered.map((entry) => entry.concept.name));
  const named = analysis.focus.filter((entry) => !entry.background && !notCovered.has(entry.concept.name));
  const reported = named.some((entry) => entry.concept.sideEffect && !asking.includes(entry.surface.toLowerCase())) && named.some((entry) => MEDICINE_TYPES.has(entry.concept.type));
  const uncovered = [...analysis.focus.filter((entry) => notCovered.has(entry.concept.name)).map((entry) => entry.surface.toLowerCase()), ...analysis.unknownDrugs];
  return reported && uncovered.every((name) => !asking.includes(name));
}

// What a message can ask about beside an emergency: treatments, and what the person does or is in.
const ASKED_ABOUT_TYPES: ReadonlySet<string> = new Set(['drug', 'drug-class', 'procedure', 'setting']);
// How many earlier messages triage reads with a follow-up: enough for "I'm on chemo" two turns back.
const CONTEXT_TURNS = 3;
// A follow-up asking whether help can wait: "can it wait till Monday?", "should we leave it over the weekend?",
// "what if I feel fine apart from the temperature?" (feeling well does not take a warning sign away).
// "Can't I just wait til Monday", "he seems fine this morning, so could we just mention it at his appointment next Thursday?",
// "I don't want to waste their time at night".
const ASKS_TO_WAIT =
  /\b(?:can|could|should|shall|would|can'?t|cannot|couldn'?t)\s+(?:it|this|that|he|she|we|i|they|mum|dad)\s+(?:just\s+)?(?:wait|leave it|mention it)\b|\b(?:ok|okay|alright|all right|safe|fine)\s+to\s+wait\b|\bwait\s+(?:till|til|until|for|and see)\b|\bleave it\s+(?:till|til|until|over)\b|\bhold off\b|\bover the weekend\b|\b(?:feel|feels|feeling|felt|seem|seems|seemed|look|looks|looked)\s+(?:fine|ok|okay|well|alright|normal|better)\b|\bmention it\s+(?:at|to)\b|\b(?:at|till|til|until)\s+(?:my|her|his|the|their)\s+(?:next\s+)?(?:appointment|clinic|check-?up|visit)\b|\bmaking a fuss\b|\bsee (?:my|her|his|our) own (?:doctor|gp)\b|\bsee how (?:i|she|he|we|they|it) (?:am|is|are|goes|go|feel|feels|gets? on)\b|\bsee if (?:it|this|that|they|she|he|i) (?:goes|go|wears|eases?|settles?|passes|stops?|calms?|comes?|gets? better)\b|\b(?:by|till|til|until) (?:the )?morning\b|\b(?:don'?t|doesn'?t|does not|do not|won'?t) want to (?:go in|go to hospital|go to the hospital|go to a&e|drag|wake|bother|call|ring)\b|\b(?:ring|call|phone|tell|see)\s+(?:them|the team|the clinic|my team|her team|his team|the nurse|the gp|my gp|someone)\s+(?:on|next)\s+(?:monday|tuesday|wednesday|thursday|friday|week)\b|\bgo to bed\b|\bsleep it off\b|\bwast(?:e|ing) (?:their|your|the team's|the nurses'|the doctors'|anyone's|everyone's|people's) time\b/i;
// …or how soon to act: "how soon does she need to be seen?", "should we take her in?", "do we need an ambulance?",
// or what happens on arrival ("will send her in. what actually happens when she gets there?"), or whether a later
// appointment is soon enough ("the GP can do bloods next Thursday. Is that soon enough or should mum go in today?").
const ASKS_HOW_SOON =
  /\bhow\s+(?:soon|quickly|fast|urgent(?:ly)?)\b|\bsoon enough\b|\bshould\s+(?:mum|mom|dad|she|he|they|we|i)\s+go\s+in\b|\bgo\s+in\s+(?:today|tonight|now)\b|\b(?:should|do|shall|must)\s+(?:we|i|she|he|they)\s+(?:go|take\s+(?:her|him|them)|call|ring|phone)\b|\bneed\s+(?:to\s+call\s+)?an?\s+ambulance\b|\bwhen\s+(?:she|he|they|we|i)\s+(?:gets?|arrives?|goes?)\s+(?:there|in)\b|\bwhat\s+(?:would|will|do|does|might)\s+(?:they|the doctors|doctors)\s+(?:actually\s+)?do\s+(?:for|to|with)\s+(?:him|her|me|them)\b|\b(?:go|get|take her|take him)\s+(?:to\s+)?(?:her|his|the|a|my)\s+(?:local\s+)?(?:a&e|a and e|emergency department|hospital|ed)\b|\bwhat\s+(?:should|do|does)\s+(?:she|he|i|we)\s+(?:say|tell them)\b/i;
// What the doctors will do once there: "what will the doctors do for her when we get there?", "what happens at the hospital?".
const ASKS_WHAT_IS_DONE_THERE =
  /\bhow\s+(?:do|will|would|can|should)\s+(?:they|the doctors|doctors|the hospital|the team|you)\s+(?:treat|fix|sort out|manage|deal with)\s+(?:it|this|that)\b|\bwhat\s+(?:will|would|do|does|might|are)\s+(?:they|the doctors|doctors|the hospital|the team|the nurses)\s+(?:actually\s+)?(?:do|going to do)\b|\bwhat\s+(?:happens|will happen|would happen)\s+(?:at|in|when)\b/i;
// …or whether the sign told still matters once a detail is corrected: "she's not on chemo, just letrozole. does the
// temperature still matter?".
const ASKS_IF_STILL_MATTERS =
  /\b(?:does|do|would|will)\s+(?:the|her|his|my|that|this|a|it)\s*(?:temperature|temp|fever|pain|weakness|numbness|calcium|it)?\s+(?:still\s+)?(?:matter|count|apply)\b|\b(?:is|would)\s+(?:it|that|this)\s+still\s+(?:serious|urgent|a worry|an emergency|dangerous)\b|\bshould\s+(?:we|i)\s+still\s+(?:call|ring|phone|worry|go)\b/i;
// A clinician proposing to wait with an emergency told ("ok to do an FBC in the morning and review then?"):
// the answer is when to act.
const ASKS_TO_DELAY =
  /\b(?:ok|okay|alright|fine|safe|reasonable)\s+to\b[^.?!]{0,80}\b(?:in the morning|tomorrow|on monday|after the weekend|next week|review (?:her|him|them) (?:then|later|tomorrow))\b/i;
// …or saying help cannot be reached: "we've rung the 24 hour number twice and it's just ringing out".
const CANNOT_REACH_HELP =
  /\b(?:ringing out|rings out|rang out|no one (?:is )?answer\w*|nobody (?:is )?answer\w*|no answer|not answering|(?:isn'?t|aren'?t|wasn'?t|weren'?t|won'?t|didn'?t) (?:answer|answering|pick up|picking up)|(?:can'?t|cannot|couldn'?t|could not) (?:get through|reach|get hold of|get an answer)|gone to (?:voicemail|answerphone)|engaged tone|line (?:is|was) (?:busy|engaged))\b/i;
// …or what to tell the person, or how to get them there: "what exactly do I tell her to do now?", "husband drive her
// in or ambulance?", "wife says she can drive me, is that alright?", "should she lie flat till seen?", "who do I tell
// her to ring - her oncology hotline, 111, or 999 - and is she OK to drive home?", "what bloods should I ask the GP
// to do, and is there anything on her chart we should hold in the meantime?".
const ASKS_WHAT_TO_DO_NOW =
  /\bwho\s+(?:do|should|shall)\s+(?:i|we)\s+(?:tell|advise|ask)\s+(?:her|him|them)\s+to\s+(?:ring|call|phone|contact)\b|\bwho\s+(?:do|should|shall)\s+(?:i|we|she|he|they)\s+(?:ring|call|phone|contact)\b|\b(?:ok|okay|safe|alright|fine)\s+to\s+drive\b|\bdrive\s+(?:herself\s+|himself\s+|myself\s+)?home\b|\b999\b|\bwhat (?:exactly )?(?:do|should|shall) (?:i|we) (?:tell|advise|say to) (?:her|him|them|the caller|the patient)\b|\b(?:drive|driving|take|bring) (?:her|him|me|them) in\b|\b(?:can|could) drive (?:me|her|him)\b|\bambulance\b|\b(?:lie|lying|keep (?:her|him) lying|keep (?:her|him)) flat\b|\bwhat (?:bloods|blood tests|tests) (?:should|do|shall|must) (?:i|we)\b|\b(?:hold|stop|withhold|omit)\b[^.?!]{0,40}\b(?:in the meantime|meanwhile)\b/i;
// What, said after an emergency was told, asks about acting on it: the conversation's urgent alerts stay.
const ASKS_ABOUT_ACTING = [ASKS_TO_WAIT, ASKS_HOW_SOON, ASKS_IF_STILL_MATTERS, CANNOT_REACH_HELP, ASKS_WHAT_TO_DO_NOW, ASKS_WHAT_IS_DONE_THERE];
// The bands of a measured value that are outside the normal range.
const OUT_OF_BAND: ReadonlySet<string> = new Set(['low', 'mild', 'moderate', 'severe']);
// A question about a drug, procedure, trial, biomarker or measure that nothing held covers is not
// answered at all: the rest of what it names would only be padding around the missing subject.
const SUBJECT_TYPES: ReadonlySet<string> = new Set(['drug', 'drug-class', 'procedure', 'trial', 'biomarker', 'measure']);
const TOPIC_FACTS: ReadonlySet<string> = new Set(['metastaticSites', 'sex']);
// Laboratory values a clinician states, which the rules grade.
const MEASURED_FACTS: ReadonlySet<string> = new Set(['correctedCalciumMgPerDl', 'calciumMgPerDl', 'creatinineClearance']);
const NOT_COVERED_TITLE: Record<Audience, string> = {
  professional: 'Not covered by the guidelines held',
  patient: 'Not covered by the information held',
};

export type KnowledgeLookup = {
  document(id: string): KnowledgeDocument | undefined;
  passage(id: string): Passage | undefined;
};

export function createKnowledgeLookup(knowledge: KnowledgeBase): KnowledgeLookup {
  const documents = new Map(knowledge.documents.map((document) => [document.id, document]));
  const passages = new Map(knowledge.passages.map((passage) => [passage.id, passage]));
  return { document: (id) => documents.get(id), passage: (id) => passages.get(id) };
}

/**
 * The numbered sources offered to the model: the planned passages grouped by document (one source
 * per document, as the answer's references are), then the rule findings.
 */
function offeredSources(passages: readonly Passage[], findings: readonly Finding[], lookup: KnowledgeLookup): Source[] {
  const planned = [...passages];
  for (const finding of findings) {
    for (const id of finding.passageIds) {
      const passage = lookup.passage(id);
      if (passage && !planned.some((candidate) => candidate.id === id)) planned.push(passage);
    }
  }
  const byDocument = new Map<string, Passage[]>();
  for (const passage of planned) byDocument.set(passage.docId, [...(byDocument.get(passage.docId) ?? []), passage]);
  const sources: Source[] = [...byDocument.entries()].map(([docId, group], index) => ({
    n: index + 1,
    kind: 'passage',
    id: docId,
    title: lookup.document(docId)?.title ?? docId,
    text: group.map((passage) => passage.text).join('\n'),
    passageIds: group.map((passage) => passage.id),
  }));
  findings.forEach((finding) => sources.push({ n: sources.length + 1, kind: 'finding', id: finding.id, title: finding.title, text: finding.summary }));
  return sources;
}

function countClaims(blocks: readonly Block[]): number {
  return blocks.filter((block) => block.kind !== 'heading').reduce((total, block) => total + splitSentences(block.text).length, 0);
}

type Body = { title: string; blocks: Block[]; markdown: string; usedPassageIds: Set<string>; mode: Answer['mode']; validation: ValidationSummary };

/** The pipeline for one message: triage, understand, scope, retrieve, rules, plan, phrase or compose, validate, notices. */
export function createAnswerer(deps: AnswerDependencies) {
  const lookup = createKnowledgeLookup(deps.knowledge);
  const guide = deps.knowledge.guide ?? emptyGuide();
  const tools: AnsweringTools = createAnsweringTools(deps.knowledge, guide, deps.analyzer, deps.prepared);
  const exceptionsOf = new Map((guide.scope?.notCovered ?? []).map((entry) => [entry.concept.toLowerCase(), entry.exceptWith]));

  // The planner's further retrievals search the knowledge's own words (a concept's name with an intent's
  // words, a facet's query), never the message: what they find is fixed by the knowledge, so each is
  // searched once per audience and limit. The vocabulary and the guide bound them; the store is bounded too.
  const knowledgeSearches = new Map<string, readonly ScoredPassage[]>();
  function knowledgeSearch(query: string, audience: Audience, limit: number): readonly ScoredPassage[] {
    const key = `${audience}\u0000${limit}\u0000${query}`;
    let results = knowledgeSearches.get(key);
    if (!results) {
      results = deps.index.search(query, { audience, limit }).results;
      if (knowledgeSearches.size >= KNOWLEDGE_SEARCHES_KEPT) knowledgeSearches.clear();
      knowledgeSearches.set(key, results);
    }
    return results;
  }

  type Prepared = {
    request: AnswerRequest;
    audience: Audience;
    question: string;
    standaloneQuestion: string;
    /** The question the body answers: the standalone question, or what a reported emergency asks. */
    answeredQuestion: string;
    conversationId: string;
    alerts: TriageAlert[];
    analysis: QuestionAnalysis;
    search: SearchResult;
    plan: PlannedAnswer;
    findings: Finding[];
    /** The message describes a person's case, so rule findings lead the answer. */
    findingsLead: boolean;
    understoodFacts: string[];
    /** Something in the question or its findings can be answered from the knowledge held. */
    covered: boolean;
    /** Concepts named that the knowledge declares it does not cover. */
    outOfScope: string[];
    /** Topics not covered that were asked apart from what is answered: said beside the answer. */
    setApart: string[];
    /** What the question asked for that nothing held states, when that leaves it unanswered. */
    missing: string[];
    title: string;
    registry: CitationRegistry;
  };

  function extractiveBody(prepared: Prepared): Body {
    const draft = composeExtractive({
      plan: prepared.plan,
      audience: prepared.audience,
      findings: prepared.findings,
      findingsLead: prepared.findingsLead,
      urgentPassages: urgentPassagesOf(prepared.alerts, prepared.standaloneQuestion),
      registry: prepared.registry,
      passageById: lookup.passage,
      inTable: (passage) => tools.bank.wholeUnitOf(passage) !== undefined,
    });
    return {
      title: prepared.title,
      blocks: draft.blocks,
      markdown: renderMarkdown(prepared.title, draft.blocks),
      usedPassageIds: draft.usedPassageIds,
      mode: 'extractive',
      validation: { status: 'passed', attempts: 0, claims: countClaims(draft.blocks), failures: [] },
    };
  }

  /**
   * The alerts whose condition the answer must not contradict: every urgent one, and, for a patient, an
   * information one whose condition the question asks about ("what if her calcium comes back high?" is not
   * answered with "take calcium every day"), unless the person's own message asks about what the alert rules
   * out. A clinician asking how to treat high calcium keeps the pitfalls that name low calcium after it.
   */
  function alertsRulingOut(alerts: readonly TriageAlert[], audience: Audience, analysis: QuestionAnalysis, own: QuestionAnalysis): string[] {
    const asked = new Set(analysis.focus.filter((entry) => !entry.background).map((entry) => entry.concept.name));
    const ownNames = new Set(own.focus.map((entry) => entry.concept.name));
    return alerts
      .filter((alert) => {
        if (alert.level !== 'information') return true;
        if (audience !== 'patient') return false;
        const ruledOut = guide.notBesideAlerts[alert.id] ?? [];
        if (ruledOut.length === 0 || ruledOut.some((name) => ownNames.has(name))) return false;
        return conditionsNamedBy(alert).some((name) => asked.has(name));
      })
      .map((alert) => alert.id);
  }

  /** The conditions urgent alerts report, as the vocabulary names them in the alerts' titles ("Possible high calcium (hypercalcaemia)"). */
  function reportedConditionsOf(alerts: readonly TriageAlert[]): string[] {
    return [...new Set(alerts.filter((alert) => alert.level !== 'information').flatMap(conditionsNamedBy))];
  }

  /** The conditions an alert's title names ("Possible high calcium (hypercalcaemia)": hypercalcaemia). */
  function conditionsNamedBy(alert: TriageAlert): string[] {
    return tools.analyzer.matcher
      .find(alert.title)
      .filter((match) => match.concept.type === 'condition')
      .map((match) => match.concept.name);
  }

  /**
   * Whether the patient text a plan quotes already names every treatment a finding names: "The usual first
   * treatment is two HER2 medicines, trastuzumab and pertuzumab, with chemotherapy" says in plain words
   * what the clinicians' finding on CLEOPATRA says, so a patient is not given both. A finding with a figure
   * (a dose worked out from a creatinine clearance) is the person's own, and stays.
   */
  function toldInPlainWords(finding: Finding, plan: PlannedAnswer): boolean {
    if (FIGURE.test(finding.summary)) return false;
    const treatments = tools.analyzer.matcher.find(finding.summary).filter((match) => MEDICINE_TYPES.has(match.concept.type) || match.concept.type === 'procedure');
    if (treatments.length === 0) return false;
    const plain = patientSentencesOf(plan);
    // A sentence naming a medicine's class names it as plainly ("chemotherapy" for "a taxane").
    const names = (sentence: BankSentence, name: string) => sentence.concepts.has(name) || [...tools.analyzer.matcher.broader(name)].some((broader) => sentence.concepts.has(broader));
    return treatments.every((match) => plain.some((sentence) => names(sentence, match.concept.name)));
  }

  /** The analysis with each reported condition it does not name added to its focus, after what it names. */
  /**
   * A follow-up is out of scope only by what it asks itself: "are the calcium tablets safe with it?",
   * after a question on Prolia for thin bones beside Xgeva, carries osteoporosis as context, and the
   * question is still about calcium with denosumab. The carried concept is dropped from the focus too.
   */
  /**
   * A follow-up asking when to act ("…still going 5 times and dizzy. ok to leave till my clinic next week?") asks that,
   * whatever the earlier question the rewrite put before it asked ("is it normal to get the runs?").
   */
  function withOwnWhenToAct(analysis: QuestionAnalysis, own: QuestionAnalysis | undefined): QuestionAnalysis {
    if (own?.intent !== 'when-to-seek-help' || analysis.intent === 'when-to-seek-help') return analysis;
    return { ...analysis, intent: own.intent, intents: [own.intent, ...analysis.intents.filter((intent) => intent !== own.intent)] };
  }

  function withoutCarriedExclusions(analysis: QuestionAnalysis, own: QuestionAnalysis | undefined): QuestionAnalysis {
    if (!own || analysis.notCovered.length === 0) return analysis;
    const ownExcluded = new Set(own.notCovered.map((entry) => entry.concept.name));
    const carried = new Set(analysis.notCovered.filter((entry) => !ownExcluded.has(entry.concept.name)).map((entry) => entry.concept.name));
    if (carried.size === 0) return analysis;
    return {
      ...analysis,
      notCovered: analysis.notCovered.filter((entry) => !carried.has(entry.concept.name)),
      focus: analysis.focus.filter((entry) => !carried.has(entry.concept.name)),
    };
  }

  /**
   * The analysis with the conditions a message reports or its values show added to the focus. Each brings
   * in what the scope covers beside it: "my legs have gone weak, can I drive myself to hospital?" asks
   * about driving with cord compression, which the leaflet covers.
   */
  function withConditions(analysis: QuestionAnalysis, conditions: readonly string[]): QuestionAnalysis {
    const shown = new Set(conditions.map((name) => name.toLowerCase()));
    const excepted = (name: string) => exceptionsOf.get(name.toLowerCase())?.some((except) => shown.has(except.toLowerCase())) ?? false;
    const inScope = analysis.notCovered.some((entry) => excepted(entry.concept.name)) ? { ...analysis, notCovered: analysis.notCovered.filter((entry) => !excepted(entry.concept.name)) } : analysis;
    return withFocusOn(inScope, conditions);
  }

  function medicinesAsCircumstances(analysis: QuestionAnalysis): QuestionAnalysis {
    return { ...analysis, focus: analysis.focus.map((entry) => (MEDICINE_TYPES.has(entry.concept.type) ? { ...entry, context: true } : entry)) };
  }

  /** The conditions added to the focus, those not named already. */
  function withFocusOn(analysis: QuestionAnalysis, conditions: readonly string[]): QuestionAnalysis {
    const named = new Set(analysis.focus.map((entry) => entry.concept.name));
    const added = conditions.flatMap((name) => {
      const concept = named.has(name) ? undefined : tools.analyzer.matcher.get(name);
      return concept ? [{ concept, surface: name, start: -1, end: -1, background: false, context: false }] : [];
    });
    return added.length === 0 ? analysis : { ...analysis, focus: [...analysis.focus, ...added] };
  }

  /**
   * The conditions measured values show: a finding that places a stated value outside its normal band
   * names one ("…below the reference range (low calcium)": hypocalcaemia). Other findings name
   * conditions as risks or reasons, which the question did not ask about.
   */
  function conditionsShownBy(findings: readonly Finding[]): string[] {
    const names = new Set<string>();
    for (const finding of findings) {
      if (finding.indicator === 'info' || !OUT_OF_BAND.has(String(finding.result.band))) continue;
      for (const match of tools.analyzer.matcher.find(finding.summary)) if (match.concept.type === 'condition') names.add(match.concept.name);
    }
    return [...names];
  }

  /**
   * The conditions a calcium told in this message or earlier in the conversation shows ("adj Ca 2.74" a turn
   * before "she missed her last Xgeva, give it now?") whose presence rules something out, as an alert would:
   * high calcium is not answered with "take calcium every day". A value told now replaces one told before.
   */
  function conditionsMeasured(history: readonly PriorQuestion[], facts: Partial<CaseFacts>, findings: readonly Finding[]): string[] {
    const told = history.slice(-CONTEXT_TURNS).map((turn) => calciumOf(extractCaseFacts(turn.standaloneQuestion)));
    const carried = mergeCaseFacts(...told);
    const shown = Object.keys(carried).length === 0 || !deps.rules ? findings : deps.rules.evaluate(mergeCaseFacts(carried, calciumOf(facts)));
    return conditionsShownBy(shown).filter((name) => guide.notBesideAlerts[name] !== undefined);
  }

  /** A case's calcium values alone (with the albumin that corrects one). */
  function calciumOf(facts: Partial<CaseFacts>): Partial<CaseFacts> {
    const { correctedCalciumMgPerDl, calciumMgPerDl, albuminGPerDl } = facts;
    return {
      ...(correctedCalciumMgPerDl !== undefined ? { correctedCalciumMgPerDl } : {}),
      ...(calciumMgPerDl !== undefined ? { calciumMgPerDl } : {}),
      ...(albuminGPerDl !== undefined ? { albuminGPerDl } : {}),
    };
  }

  /**
   * A sign the message reports, made urgent by what the conversation said before: "its 38.3 now" two
   * turns after "I'm on chemo" is a fever on chemotherapy. Only a concept the message itself raised is
   * raised further; the conversation alone raises nothing (its earlier emergency was answered in its turn),
   * unless the message asks whether help can wait (`ownAlerts`).
   */
  function withContext(own: TriageAlert[], inContext: readonly TriageAlert[] | undefined): TriageAlert[] {
    if (!inContext) return own;
    return own.map((alert) => inContext.find((other) => other.id === alert.id && URGENCY[other.level] > URGENCY[alert.level]) ?? alert);
  }

  /**
   * The message's own alerts, and, when it asks whether to wait ("can it wait till Monday?"), how soon to
   * act, or says help cannot be reached, the urgent alerts of the conversation it follows: the answer is the urgent guidance.
   */
  function ownAlerts(own: TriageAlert[], inContext: readonly TriageAlert[] | undefined, beforeThis: readonly TriageAlert[] | undefined, message: string, messageAnalysis: () => QuestionAnalysis): TriageAlert[] {
    if (!inContext) return own;
    // A sign told now that completes an emergency with one told before ("5 days without going" on morphine, then
    // "he is also feeling sick"): the conversation raises it only with this message, so the message reports it.
    const completedNow = inContext.filter(
      (alert) => alert.level !== 'information' && !own.some((mine) => mine.id === alert.id) && !(beforeThis ?? []).some((earlier) => earlier.id === alert.id && URGENCY[earlier.level] >= URGENCY[alert.level]),
    );
    own = [...own, ...completedNow];
    // "Should I take tonight's Adcal?" right after the signs of high calcium asks about what that emergency
    // rules out: the urgent alert stays, and the answer does not say to keep taking calcium.
    const named = new Set(messageAnalysis().focus.map((entry) => entry.concept.name));
    const ruledOutByAlert = inContext.filter(
      (alert) => alert.level !== 'information' && !own.some((mine) => mine.id === alert.id) && (guide.notBesideAlerts[alert.id] ?? []).some((name) => named.has(name)),
    );
    if (!ASKS_ABOUT_ACTING.some((pattern) => pattern.test(message))) return [...own, ...ruledOutByAlert];
    // A warning sign told before with a plan to wait now ("temp 38.2" … "ill see how i am in the morning") is carried too.
    // …and so are warning signs told before when the message asks whether to ring about them ("so should I ring them now
    // even though it's not 38?" after shivers and feeling rough): the signs that mean ringing are the answer.
    const waiting = ASKS_TO_WAIT.test(message) || ASKS_HOW_SOON.test(message);
    return [...own, ...inContext.filter((alert) => (alert.level !== 'information' || waiting) && !own.some((mine) => mine.id === alert.id))];
  }

  /**
   * The emergencies told earlier that a follow-up asks about again with one thing changed ("what if she's on
   * palbociclib instead?" after a temperature of 38.1 on capecitabine): the rewrite carried the reading told before
   * into the question answered, so the case is still the emergency. A follow-up on another topic carries no reading
   * ("what is a bone scan?" after the signs of high calcium), and no alert.
   */
  function carriedByRewrite(own: readonly TriageAlert[], before: readonly TriageAlert[] | undefined, standalone: string | undefined, question: string, audience: Audience): TriageAlert[] {
    if (standalone === undefined || !CHANGES_ONE_THING.test(question) || !before?.some((alert) => alert.level !== 'information')) return [];
    const toldNow = new Set(question.match(FIGURES) ?? []);
    if (!(standalone.match(FIGURES) ?? []).some((figure) => !toldNow.has(figure))) return [];
    const missing = before.filter((alert) => alert.level !== 'information' && !own.some((mine) => mine.id === alert.id && URGENCY[mine.level] >= URGENCY[alert.level]));
    if (missing.length === 0) return [];
    const rewritten = deps.triage?.(standalone, audience) ?? [];
    return missing.filter((alert) => rewritten.some((other) => other.id === alert.id));
  }

  /**
   * The passages that say what to do now, for the alerts that call for help (not for information). Within an alert,
   * the guidance on the medicines the message names comes first: "very drowsy, RR 8, pinpoint pupils" on morphine, or
   * "could it be the new painkillers?", is led by opioid toxicity, not by correcting calcium for albumin; the alert's
   * own order stands where the message names no medicine its guidance speaks of. A harm of a medicine named counts as
   * the medicine ("now drowsy with pinpoint pupils and a resp rate of 9": opioid toxicity).
   */
  function urgentPassagesOf(alerts: readonly TriageAlert[], question = ''): Passage[] {
    const passages: Passage[] = [];
    const calling = alerts.filter((alert) => alert.level !== 'information');
    // (Read only when some alert calls for help: most answers have none.)
    const medicines = calling.length > 0 && question !== '' ? medicinesNamed(question) : new Set<string>();
    // (A document's passages stay together and in order: "In that emergency…" follows the passage it points back to.)
    // (What the passage names itself, not the classes those are within.)
    const speaksOfMedicine = (passage: Passage) => tools.bank.sentencesOf(passage.id).some((sentence) => [...sentence.named].some((name) => medicines.has(name)));
    for (const alert of calling) {
      const own = alert.passageIds.map((id) => lookup.passage(id)).filter((passage): passage is Passage => passage !== undefined && !passages.some((candidate) => candidate.id === passage.id));
      const documents = [...new Set(own.map((passage) => passage.docId))].map((docId) => own.filter((passage) => passage.docId === docId));
      const first = documents.filter((group) => group.some(speaksOfMedicine));
      passages.push(...[...first, ...documents.filter((group) => !first.includes(group))].flat());
    }
    return passages;
  }

  /**
   * The medicines the message names anywhere ("MST 60 mg bd, very drowsy… what now?" asks about the drowsiness, on
   * MST), with their classes: guidance on opioid toxicity speaks of opioids, not of morphine by name.
   */
  function medicinesNamed(text: string): ReadonlySet<string> {
    const { matcher } = tools.analyzer;
    // …not one said not to be taken ("not on opioids").
    const lower = text.toLowerCase();
    const named = matcher
      .find(text)
      // …and the harms of medicines it names ("drowsy with pinpoint pupils": opioid toxicity), whose guidance is on them.
      .filter((match) => (MEDICINE_TYPES.has(match.concept.type) || match.concept.sideEffect === true) && !isNegated(lower, match.start, match.end))
      .map((match) => match.concept.name);
    // (Not a class within nothing, such as analgesia: it would make paracetamol speak of opioid toxicity.)
    const umbrella = (name: string) => (matcher.get(name)?.within ?? []).length === 0;
    return new Set(named.flatMap((name) => [name, ...[...matcher.broader(name)].filter((broader) => !umbrella(broader))]));
  }

  function phraseInputOf(prepared: Prepared, sources: readonly Source[]) {
    const focus = prepared.analysis.focus.filter((entry) => !entry.background).map((entry) => entry.concept.name);
    return {
      question: prepared.answeredQuestion,
      audience: prepared.audience,
      sources,
      findings: prepared.findings,
      focus: { intent: prepared.analysis.intent, concepts: focus },
    };
  }

  async function modelBody(phraser: Phraser, prepared: Prepared, signal?: AbortSignal): Promise<Body> {
    const sources = offeredSources(prepared.plan.passages, prepared.findings, lookup);
    const outcome = await phraseWithValidation({
      phraser,
      input: phraseInputOf(prepared, sources),
      validate: (markdown) => validateDraft(markdown, { sources, findings: prepared.findings, analyzer: deps.analyzer, audience: prepared.audience }),
      onRejected: logRejected,
      ...(signal ? { signal } : {}),
    });
    if (outcome.status === 'fallback' || outcome.markdown === undefined) {
      return fallbackBody(prepared, { attempts: outcome.attempts, failures: outcome.failures });
    }
    return validatedModelBody(outcome.markdown, sources, prepared, { status: outcome.status, attempts: outcome.attempts, claims: outcome.claims, failures: [] });
  }

  /** Never uncited model text: the extractive answer is delivered, and the response says so. */
  function fallbackBody(prepared: Prepared, why: { attempts: number; failures: Failure[] }): Body {
    const fallback = extractiveBody(prepared);
    return { ...fallback, validation: { status: 'fallback', attempts: why.attempts, claims: fallback.validation.claims, failures: why.failures } };
  }

  function validatedModelBody(markdown: string, sources: readonly Source[], prepared: Prepared, validation: ValidationSummary): Body {
    const renumbered = renumberCitations(markdown, sources);
    // Registering in the renumbered order makes reference n the source the text calls [n].
    const usedPassageIds = citeInOrder(prepared.registry, renumbered.cited, prepared.findings);
    // The title is the service's, built from the question analysis: a title the model wrote is not delivered.
    const delivered = withServiceTitle(renumbered.markdown, prepared.title);
    return { title: prepared.title, blocks: markdownToBlocks(delivered).blocks, markdown: delivered, usedPassageIds, mode: 'model', validation };
  }

  function logRejected(rejected: RejectedDraft): void {
    deps.logger?.debug({ attempt: rejected.attempt, failures: rejected.failures }, 'model draft rejected');
  }

  /** Cites the sources in the order given, so reference n is source n; returns the passage ids cited. */
  function citeInOrder(registry: CitationRegistry, sources: readonly Source[], findings: readonly Finding[]): Set<string> {
    const findingsById = new Map(findings.map((finding) => [finding.id, finding]));
    const passageIds = new Set<string>();
    for (const source of sources) {
      if (source.kind === 'finding') {
        const finding = findingsById.get(source.id);
        if (finding) registry.citeFinding(finding);
        continue;
      }
      for (const id of source.passageIds ?? [source.id]) {
        const passage = lookup.passage(id);
        if (!passage) continue;
        registry.citePassage(passage);
        passageIds.add(passage.id);
      }
    }
    return passageIds;
  }

  async function prepare(request: AnswerRequest, signal?: AbortSignal): Promise<Prepared> {
    const audience = request.audience ?? 'professional';
    const question = request.message.trim();
    // The second opinion starts first and runs while the question is rewritten; it is awaited before
    // retrieval, because an emergency it sees changes what the body answers.
    const secondOpinion = deps.classifyRedFlags?.(question, audience, signal).catch((): TriageAlert[] => []);
    const standaloneQuestion = await standaloneQuestionFor(request.history ?? [], question, { rewrite: deps.rewrite, signal, analyzer: deps.analyzer, deterministic: tools.followUps.rewrite });
    // The conversation's last few messages, with this one last, each a sentence of its own.
    const earlierTurns = request.history?.length ? request.history.slice(-CONTEXT_TURNS).map((turn) => turn.question) : undefined;
    const recent = earlierTurns === undefined ? undefined : [...earlierTurns, question].join('\n');
    const inContext = recent === undefined ? undefined : deps.triage?.(recent, audience);
    // What the earlier turns raise by themselves: an alert the conversation raises only with this message is completed by it.
    const beforeThis = earlierTurns === undefined || !inContext?.some((alert) => alert.level !== 'information') ? undefined : deps.triage?.(earlierTurns.join('\n'), audience);
    const messageAlerts = deps.triage?.(question, audience) ?? [];
    // The message is analysed once, whether its alerts, its own reading or the question asked (when not rewritten) need it.
    let messageAnalysis: QuestionAnalysis | undefined;
    const analyzeMessage = () => (messageAnalysis ??= tools.analyzer.analyze(question));
    const own = withContext(ownAlerts(messageAlerts, inContext, beforeThis, question, analyzeMessage), inContext);
    const alerts = mergeAlerts([...own, ...carriedByRewrite(own, beforeThis, standaloneQuestion === question ? undefined : standaloneQuestion, question, audience)], (await secondOpinion) ?? []);
    const urgent = alerts.find((alert) => alert.level !== 'information');
    const ownAnalysis = standaloneQuestion === question ? undefined : analyzeMessage();
    const asked = withOwnWhenToAct(withoutCarriedExclusions(standaloneQuestion === question ? analyzeMessage() : tools.analyzer.analyze(standaloneQuestion), ownAnalysis), ownAnalysis);
    // The urgent alert the message reports and asks nothing else about, if any. An emergency told earlier in the
    // conversation and asked about now ("what happens when she gets there?") is judged by the message's own words:
    // the treatments the rewrite carried over are not what it asks.
    const fromConversation = urgent !== undefined && ownAnalysis !== undefined && !messageAlerts.some((alert) => alert.id === urgent.id);
    // A follow-up reporting an emergency in words that name nothing ("some nights I think what's the point in carrying
    // on with any of it") asks nothing else, whatever the rewrite carried into it from the turns before.
    const namesNothingItself = ownAnalysis !== undefined && ownAnalysis.focus.every((entry) => entry.background);
    const report = urgent && (asksNothingElse(fromConversation ? ownAnalysis : asked, fromConversation ? question : standaloneQuestion) || namesNothingItself) ? urgent : undefined;
    // A reported emergency is answered with what to do about it: as asked when the message asks when to
    // get help, else with the emergency's own question; with none held, the urgent guidance is the answer.
    // One told earlier and asked about now is answered with its own question: the rewrite's carried treatments are not what is asked.
    // …and what will be done on arrival ("what will the doctors do for her when we get there?") with how it is treated,
    // with what else it asks in its own words ("…will he need an operation?"): "they" are the team, not the medicines
    // a rewrite would carry into it.
    const arrivingWith = urgent && fromConversation && ASKS_WHAT_IS_DONE_THERE.test(question) ? conditionsNamedBy(urgent)[0] : undefined;
    const ownQuestion = (!report && !arrivingWith) || (asked.intent === 'when-to-seek-help' && !fromConversation);
    const answeredQuestion = ownQuestion ? standaloneQuestion : arrivingWith ? `How is ${arrivingWith} treated?${report ? '' : ` ${question}`}` : (report?.question ?? '');
    const reportedConditions = reportedConditionsOf(alerts);
    // Facts read from the text first, then the explicit case, so what the client stated wins.
    const facts = mergeCaseFacts(extractCaseFacts(standaloneQuestion), request.case ?? {});
    // Findings are written for clinicians: a patient telling their own story ("my scan report says…") gets
    // only those that bear on what they asked, after the patient text, unless a case was sent explicitly.
    const findingsLead = request.case !== undefined || (audience === 'professional' && tools.describesCase(standaloneQuestion, facts));
    // Facts that only restate the topic ("breast cancer with bone metastasis") or who is meant ("my mum",
    // read as female) are not a case to run rules on; beside a reported emergency only an explicitly
    // sent case is assessed, or, for a clinician, a measured value ("corrected calcium 3.2 mmol/L, confused": its grade).
    const measured = audience === 'professional' && Object.keys(facts).some((key) => MEASURED_FACTS.has(key));
    const assessCase = report ? request.case !== undefined || measured : request.case !== undefined || Object.keys(facts).some((key) => !TOPIC_FACTS.has(key));
    const allFindings = deps.rules && assessCase ? deps.rules.evaluate(facts) : [];
    // A question asked beside a reported emergency is asked about it: "Adj Ca 3.42, drowsy… zoledronic
    // acid or denosumab given the kidneys?" asks how to treat the high calcium. So is one asked beside a
    // condition a measured value shows: "on denosumab, corrected Ca 1.9 mmol/L. What now?" asks about low calcium.
    const shownConditions = [...reportedConditions, ...conditionsShownBy(allFindings)];
    // Asked when to get help with a reported emergency, the medicines the person is on are their circumstance:
    // "on paclitaxel, temperature 38.3: does she need to go in?" is not a question about paclitaxel's trials.
    // …and so are they when the message asks how to act on an emergency told before ("ok for her to go to her local A&E instead?").
    const actingOnCarried = fromConversation && (ASKS_HOW_SOON.test(question) || ASKS_WHAT_TO_DO_NOW.test(question));
    const askedAboutEmergency = (report && asked.intent === 'when-to-seek-help') || actingOnCarried ? medicinesAsCircumstances(asked) : asked;
    // A warning sign asked about as a possibility (triage gives it an information notice) is answered by
    // when to get help: "What if her legs start to feel weak?" by "Get help now if you have new back pain with weak legs".
    // So is an emergency told with a plan to wait ("ok to do an FBC in the morning?"): by when to get help.
    // …and so is a warning sign told with a plan to wait ("38.4 and shaking. I take paracetamol and wait for morning?"),
    // whether or not the message says the cancer treatment that makes it an emergency: about that sign.
    const information = alerts.filter((alert) => alert.level === 'information');
    const asksToWait = ASKS_TO_DELAY.test(question) || ASKS_TO_WAIT.test(question);
    const waitingWithSign = urgent === undefined && information.length > 0 && asksToWait;
    const answeredAsWhenToAct =
      (information.length > 0 && ASKS_WHAT_IF.test(question) && (asked.intent === 'management' || asked.intent === 'general' || asked.intent === 'monitoring')) ||
      (urgent !== undefined && asksToWait) ||
      waitingWithSign ||
      actingOnCarried;
    const whatToDo = answeredAsWhenToAct ? { ...askedAboutEmergency, intent: 'when-to-seek-help' as const, intents: ['when-to-seek-help' as const] } : askedAboutEmergency;
    const waitedOn = waitingWithSign ? information.flatMap(conditionsNamedBy) : [];
    const analysis = ownQuestion ? withConditions(whatToDo, [...shownConditions, ...waitedOn]) : tools.analyzer.analyze(answeredQuestion);
    const search = deps.index.search(answeredQuestion, { audience, limit: RETRIEVAL_LIMIT });
    // A rescue dose worked out from the regular one is for a clinician who asks for a dose or about breakthrough
    // pain, and never beside an emergency: beside drowsiness with slow breathing on morphine, "12–20 mg every 2 to
    // 4 hours" would read as the next step, and a note that the patient is stable on MST asks for no dose.
    const asksForDose = analysis.intents.includes('dose') || analysis.focus.some((entry) => entry.concept.name === BREAKTHROUGH_PAIN);
    const withheld = (finding: Finding) => WORKED_OUT_DOSES_FOR_CLINICIANS.has(finding.id) && (audience === 'patient' || urgent !== undefined || !asksForDose);
    const findings = tools.selectFindings(allFindings, analysis, findingsLead, answeredQuestion).filter((finding) => !withheld(finding));
    // A medicine or trial the knowledge never mentions leaves the question unanswered, whatever else it names…
    const unnamedByKnowledge = [...analysis.unknownDrugs, ...analysis.unknownTrials.map((name) => `the ${name} trial`)];
    // …unless the message reports an emergency, or a harm of a medicine the knowledge covers: "dry cough and
    // breathlessness on T-DXd… I was going to start amoxicillin" is answered about the lung problem, and what is
    // not covered is said beside the answer, not in place of it.
    const answeredBeside = urgent !== undefined || reportsHarmBesideWhatIsNotCovered(analysis, answeredQuestion);
    const outOfScope = answeredBeside ? [] : analysis.notCovered.map((entry) => entry.say);
    const unknownNames = answeredBeside ? [] : unnamedByKnowledge;
    const saidBeside = [...(answeredBeside ? [...analysis.notCovered.map((entry) => entry.say), ...unnamedByKnowledge] : []), ...analysis.unknownCircumstances];
    const plan =
      outOfScope.length > 0 || unknownNames.length > 0 || answeredQuestion === ''
        ? tools.emptyPlan(analysis)
        : tools.planner.plan({
            question: answeredQuestion,
            analysis,
            audience,
            results: search.results,
            search: (query, limit) => knowledgeSearch(query, audience, limit),
            besideImmediateAlert: urgent?.level === 'immediate',
            alertIds: [...alertsRulingOut(alerts, audience, asked, ownAnalysis ?? asked), ...conditionsMeasured(request.history ?? [], facts, allFindings)],
            reportedConditions,
            alertDocuments: [...new Set(urgentPassagesOf(alerts).map((passage) => passage.docId))],
            caseClearance: facts.creatinineClearance,
            caseNeutrophilCount: facts.neutrophilCount,
            caseNeurologicalSigns: neurologicalSignsOf(standaloneQuestion),
            caseBoneSite: boneSiteOf(standaloneQuestion),
            message: question,
            analyzePart: (part) => tools.analyzer.analyze(part),
          });
    const planned = plan.lead.length + plan.sections.length > 0;
    // A subtype told as the person's circumstance ("mum has triple negative… what should I listen out for?") is not a subject.
    // …nor is what the person is in or waits for beside a broad plan asked in its own words ("while she waits to see the surgeons, what should we watch out for?").
    const namesSubject = analysis.focus.some((entry) => !entry.background && !isCircumstanceOfSigns(entry) && !(plan.planId !== undefined && entry.context));
    // A medicine named as the person's circumstance ("while I'm taking letrozole") that nothing held
    // covers limits the answer (a not-covered notice) instead of refusing what was asked.
    const circumstances = new Set(analysis.focus.filter((entry) => entry.context).map((entry) => entry.concept.name));
    // A medicine the answer speaks of through its class ("letrozole" as "an aromatase inhibitor") is answered, if not by name.
    const spokenOfByClass = new Set(plan.onlyByClass.map((entry) => entry.name.toLowerCase()));
    const byClass = new Set(analysis.focus.filter((entry) => spokenOfByClass.has(entry.surface.toLowerCase())).map((entry) => entry.concept.name));
    // …and so does one the scope declares not held but asked beside what is ("a lemsip" beside a fever on ribociclib).
    const declaredNotHeld = (name: string) => exceptionsOf.has(name.toLowerCase());
    // …and so does a medicine named beside a request for the warning signs a plan lists ("takes olaparib. What signs
    // in her mean I should call for help?"): the signs that need help are the same whatever she takes.
    const signsListed = plan.planId !== undefined && analysis.intent === 'when-to-seek-help';
    const uncoveredSubjects = signsListed
      ? []
      : plan.coverage.filter((entry) => !entry.covered && SUBJECT_TYPES.has(entry.concept.type) && !circumstances.has(entry.concept.name) && !byClass.has(entry.concept.name) && !declaredNotHeld(entry.concept.name));
    const subjectMissing = uncoveredSubjects.some((missing) => !plan.coverage.some((entry) => entry.covered && entry.concept.type === missing.concept.type));
    // With nothing named, retrieval's relevance gate decides; with concepts named, the plan must cover them.
    // A question naming only the knowledge's own domain ("cancer in my bones") is in scope by that alone;
    // one naming nothing the knowledge knows must also share most of its weight with a passage, unless
    // triage recognised one of its warning signs ("the serious spinal thing they warned me about").
    // So does a person asking their own outlook, or a relative's, in no other words ("How long does mum have left?").
    // …or whether the treatment will cure it ("so the tablets won't cure it?").
    const asksOwnOutlook =
      analysis.intent === 'prognosis' && ((ASKS_ABOUT_A_PERSON.test(answeredQuestion) && (SPEAKS_OF_LIFE.test(answeredQuestion) || NAMES_OUTLOOK.test(answeredQuestion))) || ASKS_IF_TREATMENT_CURES.test(answeredQuestion));
    // …and so does a broad question a plan answers in the knowledge's own terms ("what symptoms should make me call for help?").
    const namesDomain = analysis.focus.length > 0 || alerts.length > 0 || asksOwnOutlook || plan.planId !== undefined;
    // …but no one's outlook named in other words ("How long do tortoises live?") is not asked of the knowledge.
    const outlookOfOther = analysis.intent === 'prognosis' && !asksOwnOutlook && !NAMES_OUTLOOK.test(answeredQuestion);
    const relevantUnnamed = search.relevant && search.coverage >= SEARCH_SETTINGS.minCoverageUnnamed && !outlookOfOther;
    const answered = planned && !subjectMissing && (namesSubject ? plan.coverage.some((entry) => entry.covered) || signsListed : namesDomain || relevantUnnamed);
    const covered = outOfScope.length === 0 && unknownNames.length === 0 && (answered || (findings.length > 0 && !subjectMissing));
    const setApart = [...analysis.setApart.map((entry) => entry.say), ...saidBeside];
    // Unanswered, a topic asked apart is as out of scope as the rest.
    const missing = covered || report ? [] : [...unknownNames, ...setApart, ...plan.uncovered];
    return {
      request,
      audience,
      question,
      standaloneQuestion,
      conversationId: request.conversationId ?? deps.newConversationId(),
      alerts,
      analysis,
      search,
      plan: covered ? plan : tools.emptyPlan(analysis),
      findings: covered ? (audience === 'patient' && request.case === undefined ? findings.filter((finding) => !toldInPlainWords(finding, plan)) : findings) : [],
      // A case's findings lead when they bear on what it asks ("…which bone agent and what dose?"), not
      // when it asks about something they do not speak of ("…should she be offered germline testing?").
      findingsLead: findingsLead && (request.case !== undefined || tools.findingsAnswerAsked(findings, analysis, answeredQuestion)),
      understoodFacts: describeFacts(facts),
      covered,
      outOfScope,
      setApart: covered ? setApart : [],
      missing,
      answeredQuestion,
      // An emergency names the answer: the topic of the question comes second to it.
      // A topic the knowledge declares it does not cover, told beside the question and left uncovered, is not what the title names.
      title: urgent ? urgent.title : covered ? answerTitle(analysis, audience, standaloneQuestion, plan.title, new Set(plan.coverage.filter((entry) => !entry.covered && exceptionsOf.has(entry.concept.name.toLowerCase())).map((entry) => entry.concept.name))) : NOT_COVERED_TITLE[audience],
      registry: createCitationRegistry(lookup),
    };
  }

  function understandingOf(prepared: Prepared): Understanding {
    const coverage = new Map(prepared.plan.coverage.map((entry) => [entry.concept.name, entry.covered]));
    return {
      intent: prepared.analysis.intent,
      focus: prepared.analysis.focus.map((entry) => ({
        concept: entry.concept.name,
        type: entry.concept.type,
        covered: prepared.covered && (entry.background || (coverage.get(entry.concept.name) ?? false)),
      })),
    };
  }

  function assemble(prepared: Prepared, body: Body): Answer {
    const { registry, audience, covered } = prepared;
    // Urgent notices lead the answer, with one marker per document they rest on.
    const alertNotices: Notice[] = prepared.alerts.map((alert) => {
      const numbers = [
        ...new Set(
          alert.passageIds
            .map(lookup.passage)
            .filter((passage): passage is Passage => Boolean(passage))
            .map((passage) => registry.citePassage(passage)),
        ),
      ];
      const markers = numbers.map((n) => `[${n}]`).join('');
      return { kind: alert.level === 'information' ? 'warning-signs' : 'urgent', text: markers ? `${alert.text} ${markers}` : alert.text };
    });
    const references = registry.references();
    const pending = pendingReviewNotice(references, audience);
    const hasUrgent = alertNotices.some((notice) => notice.kind === 'urgent');
    const scopeNotices: Notice[] = [];
    // An urgent answer is never followed by "not covered": the urgent guidance is the answer.
    if (!covered && !hasUrgent) scopeNotices.push(outOfScopeNotice(audience, { scope: guide.scope, outOfScope: prepared.outOfScope, missing: prepared.missing }));
    if (covered && prepared.setApart.length + prepared.plan.uncovered.length > 0) scopeNotices.push(notCoveredNotice(audience, [...prepared.setApart, ...prepared.plan.uncovered]));
    if (covered && prepared.plan.unaddressed.length > 0) scopeNotices.push(unaddressedNotice(audience, prepared.plan.unaddressed));
    if (covered && prepared.plan.onlyByClass.length > 0) scopeNotices.push(onlyByClassNotice(audience, prepared.plan.onlyByClass));
    // Beside urgent guidance, what was asked and is not covered is still said, without a "not covered" page.
    if (!covered && hasUrgent && prepared.missing.length > 0) scopeNotices.push(notCoveredNotice(audience, prepared.missing));
    if (covered && prepared.plan.professionalSource) scopeNotices.push(professionalSourceNotice());
    const notices: Notice[] = [...alertNotices, ...scopeNotices, ...(pending ? [pending] : []), disclaimerNotice(audience)];
    return {
      conversationId: prepared.conversationId,
      question: prepared.question,
      standaloneQuestion: prepared.standaloneQuestion,
      audience,
      title: body.title,
      blocks: body.blocks,
      markdown: body.markdown,
      references,
      findings: prepared.findings,
      understood: understandingOf(prepared),
      understoodFacts: prepared.understoodFacts,
      notices,
      followUps: covered
        ? suggestFollowUps({
            results: prepared.search.results,
            usedPassageIds: body.usedPassageIds,
            sectionQuestions: guide.sectionQuestions,
            audience,
            asked: prepared.request.history ?? [],
            question: prepared.question,
          })
        : [],
      mode: body.mode,
      validation: body.validation,
    };
  }

  /** With nothing to answer from, the body is the urgent guidance alone, if triage fired; else empty. */
  const uncoveredBody = (prepared: Prepared): Body =>
    urgentPassagesOf(prepared.alerts).length > 0
      ? extractiveBody(prepared)
      : { title: prepared.title, blocks: [], markdown: '', usedPassageIds: new Set(), mode: 'extractive', validation: { status: 'passed', attempts: 0, claims: 0, failures: [] } };

  async function answerQuestion(request: AnswerRequest, signal?: AbortSignal): Promise<Answer> {
    const prepared = await prepare(request, signal);
    const body = !prepared.covered ? uncoveredBody(prepared) : deps.phraser ? await modelBody(deps.phraser, prepared, signal) : extractiveBody(prepared);
    return assemble(prepared, body);
  }

  /**
   * The model's first draft as a stream, for server-sent events: each sentence is validated on its own
   * as it completes, the whole draft again at the end. Anything short of a valid draft ends in the
   * extractive answer. Without a streaming model (or with nothing to say) the full answer is returned.
   */
  async function answerStream(request: AnswerRequest, signal: AbortSignal): Promise<Answer | AnswerStream> {
    const phraser = deps.phraser;
    if (!phraser || !isStreaming(phraser)) return answerQuestion(request, signal);
    const prepared = await prepare(request, signal);
    if (!prepared.covered) return assemble(prepared, uncoveredBody(prepared));
    const { audience, findings, standaloneQuestion } = prepared;
    const sources = offeredSources(prepared.plan.passages, findings, lookup);
    const offered = createCitationRegistry(lookup);
    citeInOrder(offered, sources, findings);
    const context = { sources, findings, analyzer: deps.analyzer };
    return {
      conversationId: prepared.conversationId,
      standaloneQuestion,
      audience,
      references: offered.references(),
      deltas: phraser.draftStream(phraseInputOf(prepared, sources), signal),
      validate: (unit) => checkStreamedUnit(unit.markdown, { ...context, audience }, (failures) => logRejected({ attempt: 1, failures })),
      async finish(outcome) {
        if (outcome.status !== 'complete') {
          const failures: Failure[] = outcome.status === 'rejected' ? [{ check: outcome.check, reason: outcome.reason }] : [];
          return assemble(prepared, fallbackBody(prepared, { attempts: 1, failures }));
        }
        const draft = normalizeDraft(outcome.text);
        const report = validateDraft(draft, { ...context, audience });
        if (!report.passed) {
          logRejected({ attempt: 1, failures: report.failures });
          return assemble(prepared, fallbackBody(prepared, { attempts: 1, failures: publicFailures(report.failures) }));
        }
        return assemble(prepared, validatedModelBody(draft, sources, prepared, { status: 'passed', attempts: 1, claims: report.claims.length, failures: [] }));
      },
    };
  }

  return { answer: answerQuestion, answerStream, rewriteFollowUp: tools.followUps.rewrite, tools };
}

function isStreaming(phraser: Phraser): phraser is StreamingPhraser {
  return typeof (phraser as Partial<StreamingPhraser>).draftStream === 'function';
}

