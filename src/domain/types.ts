// Plain types shared by every layer. This module imports nothing.

export type Audience = 'patient' | 'professional';
export type DocumentAudience = Audience | 'both';
export type DocumentType = 'guideline' | 'consensus' | 'drug-label' | 'trial' | 'review' | 'patient-information';
export type ReviewStatus = 'submitted' | 'under-review' | 'approved';

export type KnowledgeDocument = {
  id: string;
  file: string; // path relative to the knowledge folder
  title: string;
  type: DocumentType;
  publisher: string;
  source: string;
  year: number;
  url?: string;
  audience: DocumentAudience;
  topics: string[];
  review: { status: ReviewStatus; by?: string; date?: string; hash?: string };
  updated: string; // YYYY-MM-DD
  words: number;
};

export type Passage = {
  id: string; // docId#section-slug-n
  docId: string;
  section: string; // the heading the passage sits under ('' before the first heading)
  text: string;
  pitfall: boolean; // the passage sits in a "pitfalls" section
};

export type SynonymGroup = string[];

export type KnowledgeBase = {
  documents: KnowledgeDocument[];
  passages: Passage[];
  synonyms: SynonymGroup[];
  /** The knowledge folder's data for understanding questions and planning answers; empty when absent. */
  guide?: AnswerGuide;
};

/** A typed concept of the knowledge's vocabulary: a drug, a condition, a setting… */
export type Concept = {
  name: string;
  type: ConceptType;
  /** Every written form that names it (the name, listed terms and their synonym groups). */
  terms: string[];
  /** Broader concepts it belongs to: denosumab is within bone-modifying agent. */
  within: string[];
  /** Conditions a procedure is done for: a sentence on the fracture risk a fixation prevents is on its subject. */
  for?: string[];
  /** A harm a treatment can cause (osteonecrosis of the jaw): "what are the side effects of X?" lists those held for X. */
  sideEffect?: boolean;
  /** What is held of it for one medicine says nothing of another (a missed dose): "a late Xgeva" is not answered by a CDK4/6 inhibitor's rule. */
  perMedicine?: boolean;
};

export type ScopeDeclaration = {
  covers: Record<Audience, string>;
  /** What the question is about when it names nothing else: never reported as uncovered. */
  background: string[];
  /**
   * `history`: named after a history cue in a question about metastatic disease, the concept is the person's past, not the subject.
   * `comorbidity`: named only where a message about metastatic disease tells rather than asks, the concept is
   * another condition the person has ("takes naproxen for arthritis. What zoledronic acid dose?"), not the subject.
   * `apart`: a topic of its own, which qualifies nothing else asked: asked in one question of a message whose
   * other question asks about what is covered, it is said to be not covered and the other is answered. */
  notCovered: Array<{ concept: string; say: string; exceptWith: string[]; exceptWithWords: string[]; history: boolean; comorbidity: boolean; apart: boolean }>;
  /** Words before a not-covered concept that make it part of a metastatic patient's history ("after adjuvant…"). */
  historyCues: string[];
};

export type IntentCues = {
  intent: Exclude<Intent, 'general'>;
  cues: string[];
  answerCues: string[];
  /** Cues that make this intent only a second one when another intent is asked too ("LFTs: how often?" asks about monitoring). */
  secondaryCues: string[];
  /** Words added to a focus concept to retrieve the passages that answer this intent about it. */
  expansion: string;
};

export type AnswerFacet = {
  heading: Record<Audience, string>;
  /** The retrieval query that finds the facet's passages, per reader. */
  query: Record<Audience, string>;
  concepts: string[];
  /** Ids of the documents the facet quotes from, when it names any. */
  documents: string[];
  /** Sections (`document#section`) the facet quotes from, when it names any: "early warning signs", not the later ones beside them. */
  sections: string[];
  /** Whether the facet quotes the questions its documents ask ("What is the aim of my treatment?"), which answer nothing elsewhere. */
  quotesQuestions: boolean;
  subtype?: string;
  max: number;
  lead: boolean;
  requireDose: boolean;
};

export type AnswerPlan = {
  id: string;
  title: Record<Audience, string>;
  audiences: Audience[];
  intents: Intent[];
  concepts: string[];
  /** The plan also answers a question that names no concept: the knowledge's own topic is implied ("what symptoms should make me call for help?"). */
  orUnnamed: boolean;
  unless: ConceptType[];
  /** Words a broad question may hold besides the concepts it names; any other makes it specific. */
  broadWords: string[];
  /** Phrases that ask what the plan answers, whatever else the question says ("what should I be looking or listening for"). */
  askingCues: string[];
  /** Whether the plan applies only to a question asked in its `askingCues` ("what should we ask…"), never to one merely naming nothing. */
  onlyByCue: boolean;
  /** Phrases that ask for the plan's whole list whatever the question names ("the other signs besides fever"). */
  wholeListCues: string[];
  facets: AnswerFacet[];
};

export type AnswerGuide = {
  concepts: Concept[];
  /** Word endings of drug names: an unknown word ending so names a medicine the knowledge never mentions. */
  unknownDrugEndings: string[];
  scope?: ScopeDeclaration;
  intents: IntentCues[];
  /** Words that show a message describes a person ("my patient", "she", "68-year-old"), not a topic. */
  caseCues: string[];
  /** Words that show a question asks about mistakes to avoid ("pitfalls", "common mistakes"). */
  pitfallCues: string[];
  /** Words asking for every harm of a medicine ("what are the side effects of…"). */
  sideEffectCues: string[];
  /** Words with which a sentence says a harm happens ("can cause", "has been reported"), not how it is prevented or managed. */
  harmCues: string[];
  /** Words just before a concept that make it the person's circumstance, not the subject ("while I'm taking letrozole"). */
  contextCues: string[];
  /** Words that open a clause stating a circumstance ("Bone-only MBC, on letrozole"): medicines up to 4 words on are context. */
  contextOpeners: string[];
  /** Words just before a medicine that say it was given before ("elacestrant after palbociclib"): beside another treatment asked about, it is a circumstance. */
  priorCues: string[];
  /** Words just before a concept that say it is absent ("no fever"): it is not asked about. */
  absentCues: string[];
  /** Questions each section answers, keyed `docId#section-slug`. */
  sectionQuestions: Record<string, string[]>;
  wholeSections: string[];
  pointerCues: string[];
  /** Words of advice to act later than now ("call today"): not quoted beside an alert to get help now. */
  lessUrgentCues: string[];
  /** Per red-flag concept id, the concepts whose sentences an answer beside that alert leaves out (calcium supplements beside high calcium). */
  notBesideAlerts: Record<string, string[]>;
  /** Words of a sentence that says what the knowledge does not hold ("the knowledge held here has no trial…"): it answers a choice between options, nothing else. */
  limitationCues: string[];
  plans: AnswerPlan[];
};

export type ScoredPassage = { passage: Passage; document: KnowledgeDocument; score: number };

/** A deterministic rule or calculator result. Findings are cited like passages. */
export type Finding = {
  id: string; // rule or calculator id, e.g. "zoledronic-acid-dose"
  title: string;
  summary: string; // one sentence, self-contained
  indicator: 'info' | 'warning' | 'critical';
  inputs: Record<string, string | number | boolean>;
  result: Record<string, string | number | boolean>;
  passageIds: string[]; // knowledge passages the finding rests on
};

export type BlockKind = 'summary' | 'heading' | 'bullet' | 'paragraph' | 'pitfall';
export type Block = { kind: BlockKind; text: string; citations: number[] };

/** A passage quoted by an answer, as its reference lists it. */
export type QuotedPassage = { id: string; quote: string };

/** One reference per cited document (or rule finding), listing the passages the answer quotes from it. */
export type Reference = {
  n: number;
  docId: string;
  title: string;
  publisher: string;
  year: number;
  type: string;
  reviewStatus: ReviewStatus;
  updated: string;
  url?: string;
  passages: QuotedPassage[];
};

export type NoticeKind = 'urgent' | 'warning-signs' | 'pending-review' | 'out-of-scope' | 'not-covered' | 'professional-source' | 'disclaimer';
export type Notice = { kind: NoticeKind; text: string };

export type ValidationCheck =
  | 'citation'
  | 'support'
  | 'number'
  | 'contradiction'
  | 'unknown-source'
  | 'reading-level'
  | 'heading'
  | 'meaning'
  | 'markup'
  | 'empty';
/** Why a draft was rejected, as clients see it: the check and a reason that quotes no model text. */
export type Failure = { check: ValidationCheck; reason: string };
export type ValidationSummary = {
  status: 'passed' | 'repaired' | 'fallback';
  attempts: number;
  claims: number;
  failures: Failure[];
};

export type Intent =
  | 'dose'
  | 'taken-with'
  | 'choice'
  | 'who'
  | 'management'
  | 'adverse-effects'
  | 'definition'
  | 'duration'
  | 'monitoring'
  | 'results'
  | 'prognosis'
  | 'when-to-seek-help'
  | 'reason'
  | 'general';

export type ConceptType = 'drug' | 'drug-class' | 'condition' | 'subtype' | 'biomarker' | 'procedure' | 'trial' | 'population' | 'setting' | 'measure';

export type Understanding = { intent: Intent; focus: Array<{ concept: string; type: ConceptType; covered: boolean }> };

export type Answer = {
  conversationId: string;
  question: string;
  standaloneQuestion: string;
  audience: Audience;
  title: string;
  blocks: Block[];
  markdown: string;
  references: Reference[];
  findings: Finding[];
  /** What the question was understood to ask: its intent and focus concepts, each marked covered or not. */
  understood: Understanding;
  /** The case facts the service understood (from the message and the `case` field), so the user can correct them. */
  understoodFacts: string[];
  notices: Notice[];
  followUps: string[];
  mode: 'model' | 'extractive';
  validation: ValidationSummary;
};

/** A numbered source offered to the phrasing step: a knowledge passage or a rule finding. */
export type Source = {
  n: number;
  kind: 'passage' | 'finding';
  id: string; // document id (guideline text) or finding id
  title: string; // document title or finding title
  text: string; // the passages offered from the document, one per line, or the finding summary
  /** The passages of the document offered in `text`. */
  passageIds?: string[];
};

/**
 * A red flag found in a message, cited to its passages. `immediate` and `same-day` lead the answer as
 * urgent guidance; `information` answers a question about a red-flag topic with its warning signs, is not
 * urgent and records no case fact.
 */
export type TriageAlert = {
  id: string; // e.g. "spinal-cord-compression"
  level: 'immediate' | 'same-day' | 'information';
  title: string;
  text: string; // worded for the audience, self-contained
  passageIds: string[];
  /** The question a report of this emergency asks, worded for the audience (see the triage concept files). */
  question?: string;
};

/** Structured case facts as a client sent them; the conversation layer stores and carries them unread. */
export type CaseInput = Record<string, unknown>;

/** An earlier question of a conversation, as follow-up rewriting needs it. */
export type PriorQuestion = {
  question: string;
  standaloneQuestion: string;
  audience?: Audience;
  case?: CaseInput;
  /** The bottom line this service gave (stored turns only, never text a client sends back): "how is it given?" can mean the treatment it named. */
  answerLead?: string;
};

/** A passage an earlier answer quoted whose text has changed in the knowledge since, or is gone. */
export type ChangedPassage = { id: string; change: 'changed' | 'removed' };

/** One question and its answer, as a conversation keeps them. */
export type ConversationTurn = {
  position: number; // 1-based
  question: string;
  standaloneQuestion: string;
  audience: Audience;
  case?: CaseInput;
  answer: Answer;
  /** Quotes are read back from the current knowledge; these passages no longer say what was quoted. */
  changedPassages?: ChangedPassage[];
  createdAt: string; // ISO 8601
};

export type Conversation = {
  id: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string; // the last activity plus the retention period
  turns: ConversationTurn[];
  /** The API key the conversation belongs to (never shown to clients); absent when keys are off. */
  owner?: string;
};
