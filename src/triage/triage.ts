import type { Audience, TriageAlert } from '../domain/types.js';
import type { CalciumBand } from '../rules/calculators/corrected-calcium.js';
import { createPrefilter, type Requirement } from '../text/prefilter.js';
import { holdsCue, sentenceHolds, signScope, topicScope, type MatchScope, type ScopeCues } from './message-scope.js';
import type { LearnedReader } from './learned-reader.js';
import { prepareForPhrases } from './phrase-pattern.js';
import { statedCalciumBand, temperaturesAtLeast, TEMPERATURE_PATTERNS } from './stated-readings.js';
import { ALERT_LEVELS, URGENCY, type AlertLevel, type ConceptFile, type Condition, type Scope } from './triage-schema.js';

/**
 * A sign's phrases, split by whether a phrase carries its own negation ("legs not working"), with the
 * trigger words of each part: prepared text that holds none of them cannot match it (see phrase-triggers).
 */
export type CompiledPhrases = { plain?: RegExp; negating?: RegExp; triggers?: { plain?: Requirement; negating?: Requirement } };

export type CompiledConcept = {
  id: string;
  description: string;
  priority: number;
  scopes: ReadonlySet<Scope>;
  yieldsTo: readonly string[];
  /** `explainedBy`: another cause of the sign, which makes a sentence that states it no report. */
  signs: ReadonlyArray<{ name: string; phrases: CompiledPhrases; explainedBy?: RegExp }>;
  topic?: CompiledPhrases;
  /** Another complaint the learned reader mistakes for this concept: with it, the reader alone raises nothing. */
  notForReader?: RegExp;
  /** Words one of which a message must hold for the learned reader alone to raise this concept. */
  readerNeeds?: RegExp;
  readings: ConceptFile['readings'];
  /** `explainedBy` of a reading: another cause of the value stated ("the vet says 39.4"). */
  readingsExplainedBy?: ReadonlyMap<string, RegExp>;
  levels: ConceptFile['levels'];
  alerts: ConceptFile['alerts'];
  question: ConceptFile['question'];
};

export type TriageData = {
  concepts: readonly CompiledConcept[];
  scope: ScopeCues;
  spellings: { pattern: RegExp; canonical: ReadonlyMap<string, string> };
};

export type Triage = {
  /** Red flags in a message, most urgent first, worded for the audience. */
  triage(text: string, audience: Audience): TriageAlert[];
  /** The message as the phrases read it: lower case, punctuation spaced out, misspellings rewritten. */
  prepare(message: string): string;
  /** The alert of one concept at one level, or undefined when the concept has no such level. */
  alertFor(id: string, level: AlertLevel, audience: Audience): TriageAlert | undefined;
  /** Every compiled pattern (phrases, scope cues, spellings), for structural checks such as bounded repetition. */
  readonly patterns: readonly RegExp[];
  /** The concepts held and what each means, for a model that classifies red flags by id. */
  readonly concepts: ReadonlyArray<{ id: string; description: string; yieldsTo: readonly string[] }>;
};

const NOTHING: ReadonlySet<MatchScope> = new Set();
// "sooo", "weeeak": a letter said three or more times is read as said twice.
const REPEATED_LETTERS = /([a-z])\1{2,}/g;
// Every plausible body temperature, to tell a stated normal one from none stated.
const ANY_TEMPERATURE = { celsius: 0, fahrenheit: 0 };

/** A phrase list ready to run: its pattern, and the index of its requirement in the prefilter (-1: always tried). */
type Runnable = { pattern: RegExp; requirement: number };
/** The phrase lists a name of a concept's levels is read from: a sign's, or the topic's. */
type NameReader = { plain?: Runnable | undefined; negating?: Runnable | undefined; explainedBy?: RegExp | undefined; topic?: Array<Runnable | undefined> };
type NumberedCondition = number | { any: NumberedCondition[] } | { all: NumberedCondition[] } | { atLeast: number; of: NumberedCondition[] };
type Plan = {
  concept: CompiledConcept;
  /** The names the levels use, numbered in order of first use. */
  names: readonly string[];
  readers: readonly NameReader[];
  levels: ReadonlyArray<readonly [AlertLevel, NumberedCondition]>;
  readingScopes: ReadonlySet<Scope>;
  /** What each name was found to state, cleared for each message (triage runs one message at a time). */
  stated: Uint8Array;
};

// How a message states a name, as bits: read at all, affirmed, asked about (hypothetically or in general).
const READ = 1;
const AFFIRMED = 2;
const ASKED = 4;
// Matched in any scope at all: denied, imagined, past or put down to another cause count too.
const SEEN = 8;

function bitsOf(scopes: ReadonlySet<MatchScope>): number {
  return (scopes.has('affirmed') ? AFFIRMED : 0) | (scopes.has('hypothetical') || scopes.has('informational') ? ASKED : 0) | (scopes.size > 0 ? SEEN : 0);
}

/** Whether a sign or reading stated as affirmed is put down to another cause in its sentence (`explainedBy`). */
function isExplained(scope: MatchScope, explainedBy: RegExp | undefined, text: string, start: number, end: number): boolean {
  return explainedBy !== undefined && scope === 'affirmed' && sentenceHolds(explainedBy, text, start, end);
}

/** One concept read in one message: what each name was found to state so far (0: not read yet), and the stated calcium once worked out. */
type Reading = { plan: Plan; text: string; message: string; found: Uint8Array; stated: Uint8Array; band: CalciumBand | undefined | null };

export type TriageOptions = {
  /** Skip a sign's patterns when the message holds none of their trigger words (default true); off only to prove it changes nothing. */
  prefilter?: boolean;
  /** The learned second reader, which can add an alert the phrases missed (see learned-reader); false for the phrases alone. Loading reads it from the folder when not given. */
  learned?: LearnedReader | false;
};

export function createTriage(data: TriageData, options: TriageOptions = {}): Triage {
  const concepts = [...data.concepts].sort((a, b) => a.priority - b.priority);
  const byId = new Map(concepts.map((concept) => [concept.id, concept]));

  function prepare(message: string): string {
    const text = prepareForPhrases(message).replace(REPEATED_LETTERS, '$1$1');
    return text.replace(data.spellings.pattern, (variant) => data.spellings.canonical.get(variant) ?? variant);
  }

  // The trigger words of every compiled phrase list, found by one scan of a message: a list's pattern
  // is tried only when its requirement holds (see phrase-triggers).
  const requirements: Requirement[] = [];
  function runnable(phrases: CompiledPhrases | undefined, part: 'plain' | 'negating'): Runnable | undefined {
    const pattern = phrases?.[part];
    if (!pattern) return undefined;
    const requirement = options.prefilter === false ? undefined : phrases.triggers?.[part];
    if (requirement === undefined) return { pattern, requirement: -1 };
    requirements.push(requirement);
    return { pattern, requirement: requirements.length - 1 };
  }

  // Each concept's levels, with every name they use numbered and how to read it worked out once.
  const plans: Plan[] = concepts.map((concept) => {
    const numbers = new Map<string, number>();
    const readers: NameReader[] = [];
    const numbered = (condition: Condition): NumberedCondition => {
      if (typeof condition === 'string') {
        if (!numbers.has(condition)) {
          const sign = concept.signs.find(({ name }) => name === condition);
          const reader: NameReader = {
            ...(sign ? { plain: runnable(sign.phrases, 'plain'), negating: runnable(sign.phrases, 'negating'), explainedBy: sign.explainedBy } : {}),
            ...(condition === 'topic' && concept.topic ? { topic: [runnable(concept.topic, 'plain'), runnable(concept.topic, 'negating')] } : {}),
          };
          numbers.set(condition, readers.length);
          readers.push(reader);
        }
        return numbers.get(condition)!;
      }
      if ('any' in condition) return { any: condition.any.map(numbered) };
      if ('all' in condition) return { all: condition.all.map(numbered) };
      return { atLeast: condition.atLeast, of: condition.of.map(numbered) };
    };
    const levels = ALERT_LEVELS.flatMap((level) => (concept.levels[level] ? [[level, numbered(concept.levels[level])] as const] : []));
    // A stated reading honours a concept's scopes except the informational one (see read).
    const readingScopes = new Set([...concept.scopes].filter((scope) => scope !== 'informational'));
    return { concept, names: [...numbers.keys()], readers, levels, readingScopes, stated: new Uint8Array(numbers.size) };
  });
  const prefilter = createPrefilter(requirements);

  /**
   * Every scope under which a pattern matches, stopping at the first affirmed match; nothing when the
   * message holds none of the pattern's trigger words. A sign's match is denied by a negation inside
   * it unless the phrase holds a negation of its own ("legs not working"): `negating` says it does.
   */
  function scopesOf(
    list: Runnable | undefined,
    reading: 'sign' | 'negating' | 'topic',
    concept: CompiledConcept,
    text: string,
    found: Uint8Array,
    explainedBy?: RegExp,
  ): ReadonlySet<MatchScope> {
    if (!list || (list.requirement >= 0 && !prefilter.mayMatch(list.requirement, found))) return NOTHING;
    const { pattern } = list;
    let scopes: Set<MatchScope> | undefined;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      // Each match ends with the space after its last word.
      const start = match.index;
      const end = match.index + match[0].length - 1;
      let scope = reading === 'topic' ? topicScope(text, start, end, concept.scopes, data.scope) : signScope(text, start, end, concept.scopes, data.scope, reading === 'sign');
      if (isExplained(scope, explainedBy, text, start, end)) scope = 'explained';
      (scopes ??= new Set()).add(scope);
      if (scope === 'affirmed') break;
    }
    pattern.lastIndex = 0;
    return scopes ?? NOTHING;
  }

  /** How a message states one name of a concept's levels (a sign, the topic, a reading): AFFIRMED and ASKED bits. */
  function read(reading: Reading, number: number): number {
    const { plan, text, found } = reading;
    const { concept } = plan;
    const reader = plan.readers[number]!;
    const name = plan.names[number]!;
    let stated = READ;
    const plain = scopesOf(reader.plain, 'sign', concept, text, found, reader.explainedBy);
    stated |= bitsOf(plain);
    if (!plain.has('affirmed')) stated |= bitsOf(scopesOf(reader.negating, 'negating', concept, text, found, reader.explainedBy));
    for (const list of reader.topic ?? []) stated |= bitsOf(scopesOf(list, 'topic', concept, text, found));
    const { temperature } = concept.readings;
    // A stated reading is denied, imagined or past like any sign ("call if it goes to 38" states no
    // fever), but a number in a question is still read as the writer's own ("is 38.5 a fever?").
    if (name === 'temperature' && temperature) {
      const explainedBy = concept.readingsExplainedBy?.get('temperature');
      for (const { start, end } of temperaturesAtLeast(text, temperature)) {
        const scope = signScope(text, start, end, plan.readingScopes, data.scope, true);
        stated |= bitsOf(new Set([isExplained(scope, explainedBy, text, start, end) ? 'explained' : scope]));
      }
    }
    if ((name === 'high-calcium' || name === 'severe-calcium') && (concept.readings['high-calcium'] || concept.readings['severe-calcium'])) {
      if (reading.band === null) reading.band = statedCalciumBand(reading.message);
      const { band } = reading;
      if (name === 'high-calcium' && (band === 'mild' || band === 'moderate' || band === 'severe')) stated |= AFFIRMED;
      if (name === 'severe-calcium' && band === 'severe') stated |= AFFIRMED;
    }
    return stated;
  }

  /** Whether a condition holds; each name is read once per message, and only when a condition needs it. */
  function holds(condition: NumberedCondition, reading: Reading, wanted: number): boolean {
    if (typeof condition === 'number') {
      if (reading.stated[condition] === 0) reading.stated[condition] = read(reading, condition);
      return (reading.stated[condition]! & wanted) !== 0;
    }
    if ('any' in condition) return condition.any.some((part) => holds(part, reading, wanted));
    if ('all' in condition) return condition.all.every((part) => holds(part, reading, wanted));
    return condition.of.filter((part) => holds(part, reading, wanted)).length >= condition.atLeast;
  }

  /**
   * The level of a concept in a message. A name in the levels' conditions is read only when a
   * condition needs it: "fever and on chemo" reads the treatment words only when there is a fever.
   * The information level also counts names that are asked about.
   */
  function levelOf(plan: Plan, text: string, message: string, found: Uint8Array): AlertLevel | undefined {
    const reading: Reading = { plan, text, message, found, stated: plan.stated.fill(0), band: null };
    for (const [level, condition] of plan.levels) {
      if (holds(condition, reading, level === 'information' ? AFFIRMED | ASKED : AFFIRMED)) return level;
    }
    return undefined;
  }

  function alertFor(id: string, level: AlertLevel, audience: Audience): TriageAlert | undefined {
    const concept = byId.get(id);
    const alert = concept?.alerts[level];
    if (!concept || !alert) return undefined;
    const question = concept.question[audience];
    return { id, level, title: alert.title, text: alert[audience].text, passageIds: [...alert[audience].passages], ...(question ? { question } : {}) };
  }

  const planOf = new Map(plans.map((plan) => [plan.concept.id, plan]));
  /** Whether the phrases matched any sign of the concept in the message just read, in whatever scope. */
  function seenByPhrases(id: string): boolean {
    const plan = planOf.get(id);
    return plan !== undefined && plan.stated.some((bits) => (bits & SEEN) !== 0);
  }

  /** Whether the message states a reading of the concept that is normal: "temp 37.2", "corrected calcium 2.4 mmol/L". */
  function statesNormalReading(concept: CompiledConcept, text: string, message: string): boolean {
    const { temperature } = concept.readings;
    if (temperature && temperaturesAtLeast(text, ANY_TEMPERATURE).length > 0 && temperaturesAtLeast(text, temperature).length === 0) return true;
    if (concept.readings['high-calcium'] || concept.readings['severe-calcium']) {
      const band = statedCalciumBand(message);
      return band === 'normal' || band === 'low';
    }
    return false;
  }

  /**
   * Alerts the learned reader finds of concepts the phrases found nothing of. It reads words, not
   * scope, so it speaks only where scope cannot turn a sign around: a message that speaks of a person
   * (an emergency is reported of someone), not of someone without cancer, that neither imagines ("what
   * if…") nor only recalls ("last year…"), and that states no normal reading of the concept. A concept
   * whose signs the phrases found and judged (denied, imagined, past, put down to another cause, or
   * asked about) keeps their reading.
   */
  function addLearned(text: string, message: string, levels: Map<string, AlertLevel>, learned: LearnedReader): void {
    const { scope } = data;
    if (!holdsCue(scope.personal, text) || holdsCue(scope.noCancer, text)) return;
    const recalled = holdsCue(scope.past, text) || (scope.settled !== undefined && holdsCue(scope.settled, text));
    if (holdsCue(scope.hypothetical, text) || (recalled && !holdsCue(scope.present, text))) return;
    for (const { concept: id, level } of learned.flag(text)) {
      const concept = byId.get(id);
      if (!concept || statesNormalReading(concept, text, message) || (concept.notForReader && holdsCue(concept.notForReader, text))) continue;
      if (concept.readerNeeds && !holdsCue(concept.readerNeeds, text)) continue;
      const stated = levels.get(id);
      if (stated === undefined ? !seenByPhrases(id) : stated !== 'information' && URGENCY[level] > URGENCY[stated]) levels.set(id, level);
    }
  }

  return {
    prepare,
    concepts: concepts.map(({ id, description, yieldsTo }) => ({ id, description, yieldsTo })),
    patterns: [
      ...concepts.flatMap((concept) => [...concept.signs.map((sign) => sign.phrases), ...(concept.topic ? [concept.topic] : [])]).flatMap((phrases) => [phrases.plain, phrases.negating]),
      ...Object.values(data.scope),
      data.spellings.pattern,
      ...TEMPERATURE_PATTERNS,
    ].filter((pattern): pattern is RegExp => pattern !== undefined),
    alertFor,
    triage(message, audience) {
      const text = prepare(message);
      const found = prefilter.scan(text);
      const levels = new Map<string, AlertLevel>();
      for (const plan of plans) {
        const level = levelOf(plan, text, message, found);
        if (level) levels.set(plan.concept.id, level);
      }
      // The reader learned lay wording ("mum's away with the fairies"); a clinician's question is outside
      // it ("…in a patient who also needs major dental work" read as confusion), and clinicians' wording
      // of a red flag is the phrases' to catch.
      if (options.learned && audience === 'patient') addLearned(text, message, levels, options.learned);
      const alerts: TriageAlert[] = [];
      for (const concept of concepts) {
        const level = levels.get(concept.id);
        if (!level) continue;
        // A broader alert already covers this one ("high calcium" covers confusion).
        const covered = concept.yieldsTo.some((id) => {
          const other = levels.get(id);
          return other !== undefined && URGENCY[other] >= URGENCY[level];
        });
        if (covered) continue;
        const alert = alertFor(concept.id, level, audience);
        if (alert) alerts.push(alert);
      }
      // Most urgent first; concepts keep their priority order within a level (the sort is stable).
      return alerts.sort((a, b) => URGENCY[b.level] - URGENCY[a.level]);
    },
  };
}
