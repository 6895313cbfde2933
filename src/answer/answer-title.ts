import type { Audience, ConceptType, Intent } from '../domain/types.js';
import type { QuestionAnalysis } from '../question/analyze-question.js';

const TITLE_MAX_CHARS = 120;

// What each intent asks about a subject, as the second half of a title ("Denosumab: dose and schedule").
const ASPECT: Record<Audience, Partial<Record<Intent, string>>> = {
  professional: {
    dose: 'dose and schedule',
    'taken-with': 'what is given with it',
    'adverse-effects': 'adverse effects and risks',
    duration: 'duration of treatment',
    monitoring: 'monitoring',
    results: 'results',
    choice: 'choosing between options',
    who: 'who should receive it',
    definition: 'definition',
    prognosis: 'prognosis',
    'when-to-seek-help': 'warning signs and when to act',
    reason: 'why it matters',
    management: 'management',
  },
  patient: {
    dose: 'how it is given',
    'taken-with': 'what to take with it',
    'adverse-effects': 'side effects and risks',
    duration: 'how long it lasts',
    monitoring: 'checks and tests',
    results: 'what the studies found',
    choice: 'choosing between options',
    who: 'who it is for',
    definition: 'what it means',
    prognosis: 'what to expect',
    'when-to-seek-help': 'warning signs and when to get help',
    reason: 'why it is done',
    management: 'treatment and care',
  },
};

// Who a trial is for is who took part in it ("ASCENT: who took part", not "who should receive it").
const TRIAL_WHO = 'who took part';
// The harms of a condition are the problems it causes, not side effects ("Bone metastases: problems it can cause").
const CONDITION_HARMS: Record<Audience, string> = { professional: 'complications', patient: 'problems it can cause' };
// Why something that is not done matters ("Breast cancer type: why it matters", not "why it is done").
const WHY_IT_MATTERS = 'why it matters';
const DONE_TYPES: ReadonlySet<ConceptType> = new Set(['drug', 'drug-class', 'procedure']);

// "Should I stop my Xgeva before the dentist?" asks whether to stop, not how long a treatment lasts.
const STOPPING_ASPECT: Record<Audience, string> = { professional: 'stopping or continuing', patient: 'whether to stop' };
const ASKS_ABOUT_STOPPING = /\bstop(?:ping)?\b(?! working)/i;

const OUTLOOK_TITLE: Record<Audience, string> = { professional: 'Prognosis of metastatic breast cancer', patient: 'What to expect: how long people live' };

// A question about mistakes to avoid is titled for them, whatever else its wording asks.
const PITFALLS_ASPECT: Record<Audience, string> = { professional: 'common pitfalls', patient: 'things to avoid' };

const QUALIFIER_TYPES: ReadonlySet<ConceptType> = new Set(['population', 'setting', 'subtype', 'biomarker']);

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A title from the question as typed, for a question whose topic the analysis could not name. */
export function titleFromQuestion(question: string): string {
  const clean = question.replace(/\s+/g, ' ').trim();
  const title = clean.length > TITLE_MAX_CHARS ? `${clean.slice(0, TITLE_MAX_CHARS - 1).trimEnd()}…` : clean;
  return capitalise(title);
}

/**
 * The answer's title names its topic, not the question: the subject concepts, their qualifiers and
 * what the intent asks about them ("Zoledronic acid: dose and schedule in renal impairment"). It is
 * built by the service from the analysis, never by the model.
 */
export function answerTitle(analysis: QuestionAnalysis, audience: Audience, question: string, planTitle?: string, uncovered: ReadonlySet<string> = new Set()): string {
  if (planTitle) return planTitle;
  // The person's circumstances ("previously had a taxane") are not what the answer is about, nor is what it
  // says it does not cover ("…a heart condition for years… what checks will they do on her heart?").
  const all = analysis.focus.filter((entry) => !entry.background);
  const covered = all.filter((entry) => !uncovered.has(entry.concept.name));
  const named = covered.length > 0 ? covered : all;
  const asked = named.filter((entry) => !entry.context);
  const chosen = asked.length > 0 ? asked : named;
  // A class beside one of its members says nothing more: "Surgery of the primary tumour", not "… and surgery".
  const focus = chosen.filter((entry) => !chosen.some((other) => other.concept.within.includes(entry.concept.name)));
  const subjects = focus.filter((entry) => !QUALIFIER_TYPES.has(entry.concept.type)).slice(0, 3);
  const qualifiers = focus.filter((entry) => QUALIFIER_TYPES.has(entry.concept.type)).slice(0, 2);
  // Of the background, the disease names the topic before where it was read ("my MRI letter says…").
  const background = analysis.focus.filter((entry) => entry.background);
  const backgroundSubject = background.find((entry) => !QUALIFIER_TYPES.has(entry.concept.type)) ?? background[0];
  let main = subjects.length > 0 ? subjects : qualifiers.length > 0 ? qualifiers.splice(0) : backgroundSubject ? [backgroundSubject] : [];
  // "How long do people like me live with this?" names no topic but asks the outlook.
  if (main.length === 0) return analysis.intent === 'prognosis' ? OUTLOOK_TITLE[audience] : titleFromQuestion(question);
  // Qualifiers standing as the subject: the disease first, a setting after it ("Triple-negative breast
  // cancer, first-line"), not "First-line and triple-negative breast cancer".
  const settings = subjects.length === 0 ? main.filter((entry) => entry.concept.type === 'setting') : [];
  const split = settings.length > 0 && settings.length < main.length;
  if (split) main = main.filter((entry) => !settings.includes(entry));
  const setting = split ? `, ${joinNames(settings.map((entry) => entry.concept.name))}` : '';
  const subject = joinNames(main.map((entry) => entry.concept.name)) + setting;
  // A setting stands beside the subject ("Abemaciclib, missed dose", "Palbociclib, first-line"); a
  // population, subtype or biomarker is who it is for ("… in renal impairment").
  const besideSettings = qualifiers.filter((entry) => entry.concept.type === 'setting');
  const forWhom = qualifiers.filter((entry) => entry.concept.type !== 'setting');
  const qualifier =
    besideSettings.map((entry) => `, ${entry.concept.name}`).join('') + (forWhom.length > 0 ? ` in ${joinNames(forWhom.map((entry) => entry.concept.name))}` : '');
  const allOfType = (type: ConceptType) => main.every((entry) => entry.concept.type === type);
  const aspect = analysis.asksPitfalls
    ? PITFALLS_ASPECT[audience]
    : analysis.intent === 'who' && allOfType('trial')
      ? TRIAL_WHO
      : analysis.intent === 'adverse-effects' && allOfType('condition')
        ? CONDITION_HARMS[audience]
        : analysis.intent === 'reason' && !main.some((entry) => DONE_TYPES.has(entry.concept.type))
          ? WHY_IT_MATTERS
          : analysis.intent === 'duration' && ASKS_ABOUT_STOPPING.test(question)
            ? STOPPING_ASPECT[audience]
            : ASPECT[audience][analysis.intent];
  const title = aspect ? `${subject}${qualifier}: ${aspect}` : `${subject}${qualifier}`;
  return titleFromQuestion(title);
}
