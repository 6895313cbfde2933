import type { Audience, TriageAlert } from '../domain/types.js';
import type { CalciumBand } from '../rules/calculators/corrected-calcium.js';
import { createLiteralScanner } from '../text/literal-scanner.js';
import { signScope, topicScope, type MatchScope, type ScopeCues } from './message-scope.js';
import { prepareForPhrases } from './phrase-pattern.js';
import type { Requirement } from './phrase-triggers.js';
import { statedCalciumBand, temperaturesAtLeast, TEMPERATURE_PATTERNS } from './stated-readings.js';
import { ALERT_LEVELS, type AlertLevel, type ConceptFile, type Condition, type Scope } from './triage-schema.js';

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
  signs: ReadonlyArray<{ name: string; phrases: CompiledPhrases }>;
  topic?: CompiledPhrases;
  readings: ConceptFile['readings'];
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
  /** The alert of one concept at one level, or undefined when the concept has no such level. */
  alertFor(id: string, level: AlertLevel, audience: Audience): TriageAlert | undefined;
  /** Every compiled pattern (phrases, scope cues, spellings), for structural checks such as bounded repetition. */
  readonly patterns: readonly RegExp[];
  /** The concepts held and what each means, for a model that classifies red flags by id. */
  readonly concepts: ReadonlyArray<{ id: string; description: string }>;
};

const URGENCY: Record<AlertLevel, number> = { immediate: 3, 'same-day': 2, information: 1 };
const NOTHING: ReadonlySet<MatchScope> = new Set();

/** How a message states a name of a concept's levels: affirmed, or asked about (hypothetically or in general). */
type Stated = { affirmed: boolean; asked: boolean };

/** One concept read in one message: the names read so far, and the stated calcium once worked out. */
type Reading = { concept: CompiledConcept; text: string; message: string; found: Uint8Array; stated: Map<string, Stated>; band: CalciumBand | undefined | null };

function record(stated: Stated, scopes: ReadonlySet<MatchScope>): void {
  if (scopes.has('affirmed')) stated.affirmed = true;
  if (scopes.has('hypothetical') || scopes.has('informational')) stated.asked = true;
}

export type TriageOptions = {
  /** Skip a sign's patterns when the message holds none of their trigger words (default true); off only to prove it changes nothing. */
  prefilter?: boolean;
};

export function createTriage(data: TriageData, options: TriageOptions = {}): Triage {
  const concepts = [...data.concepts].sort((a, b) => a.priority - b.priority);
  const byId = new Map(concepts.map((concept) => [concept.id, concept]));

  // The trigger words of every compiled phrase list that has them, as clauses found by one scan of a
  // message; a list's pattern is tried only when all clauses of one of its conjunctions are found.
  const conjunctionsOf = new Map<RegExp, Int32Array[]>();
  const clauseIds = new Map<string, number>();
  const clauses: Array<readonly string[]> = [];
  if (options.prefilter !== false) {
    for (const phrases of concepts.flatMap((concept) => [...concept.signs.map((sign) => sign.phrases), ...(concept.topic ? [concept.topic] : [])])) {
      for (const part of ['plain', 'negating'] as const) {
        const pattern = phrases[part];
        const requirement = phrases.triggers?.[part];
        if (!pattern || !requirement) continue;
        conjunctionsOf.set(
          pattern,
          requirement.map((conjunction) =>
            Int32Array.from(conjunction, (clause) => {
              const key = clause.join('\n');
              let id = clauseIds.get(key);
              if (id === undefined) {
                id = clauses.length;
                clauseIds.set(key, id);
                clauses.push(clause);
              }
              return id;
            }),
          ),
        );
      }
    }
  }
  const scanner = createLiteralScanner(clauses);

  /** Whether a pattern may match a message with these clauses found: false only when none of its conjunctions holds. */
  function mayMatch(pattern: RegExp, found: Uint8Array): boolean {
    const conjunctions = conjunctionsOf.get(pattern);
    if (!conjunctions) return true;
    for (const conjunction of conjunctions) {
      let holds = true;
      for (let index = 0; index < conjunction.length && holds; index += 1) holds = found[conjunction[index]!] === 1;
      if (holds) return true;
    }
    return false;
  }

  function prepare(message: string): string {
    const text = prepareForPhrases(message).replace(/([a-z])\1{2,}/g, '$1$1');
    return text.replace(data.spellings.pattern, (variant) => data.spellings.canonical.get(variant) ?? variant);
  }

  /**
   * Every scope under which a pattern matches, stopping at the first affirmed match; nothing when the
   * message holds none of the pattern's trigger words. A sign's match is denied by a negation inside
   * it unless the phrase holds a negation of its own ("legs not working"): `negating` says it does.
   */
  function scopesOf(pattern: RegExp | undefined, reading: 'sign' | 'negating' | 'topic', concept: CompiledConcept, text: string, found: Uint8Array): ReadonlySet<MatchScope> {
    if (!pattern || !mayMatch(pattern, found)) return NOTHING;
    let scopes: Set<MatchScope> | undefined;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      // Each match ends with the space after its last word.
      const start = match.index;
      const end = match.index + match[0].length - 1;
      const scope = reading === 'topic' ? topicScope(text, start, end, concept.scopes, data.scope) : signScope(text, start, end, concept.scopes, data.scope, reading === 'sign');
      (scopes ??= new Set()).add(scope);
      if (scope === 'affirmed') break;
    }
    pattern.lastIndex = 0;
    return scopes ?? NOTHING;
  }

  // A stated reading honours a concept's scopes except the informational one (see levelOf).
  const readingScopes = new Map(concepts.map((concept) => [concept.id, new Set([...concept.scopes].filter((scope) => scope !== 'informational'))]));

  const signsOf = new Map(concepts.map((concept) => [concept, new Map(concept.signs.map((sign) => [sign.name, sign]))]));

  /** How a message states one name of a concept's levels (a sign, the topic, a reading). */
  function read(reading: Reading, name: string): Stated {
    const { concept, text, found } = reading;
    const result: Stated = { affirmed: false, asked: false };
    const sign = signsOf.get(concept)!.get(name);
    if (sign) {
      const plain = scopesOf(sign.phrases.plain, 'sign', concept, text, found);
      record(result, plain);
      if (!plain.has('affirmed')) record(result, scopesOf(sign.phrases.negating, 'negating', concept, text, found));
    }
    if (name === 'topic' && concept.topic) {
      record(result, scopesOf(concept.topic.plain, 'topic', concept, text, found));
      record(result, scopesOf(concept.topic.negating, 'topic', concept, text, found));
    }
    const { temperature } = concept.readings;
    // A stated reading is denied, imagined or past like any sign ("call if it goes to 38" states no
    // fever), but a number in a question is still read as the writer's own ("is 38.5 a fever?").
    if (name === 'temperature' && temperature) {
      const scopes = readingScopes.get(concept.id)!;
      for (const { start, end } of temperaturesAtLeast(text, temperature)) record(result, new Set([signScope(text, start, end, scopes, data.scope, true)]));
    }
    if ((name === 'high-calcium' || name === 'severe-calcium') && (concept.readings['high-calcium'] || concept.readings['severe-calcium'])) {
      if (reading.band === null) reading.band = statedCalciumBand(reading.message);
      const { band } = reading;
      if (name === 'high-calcium' && (band === 'mild' || band === 'moderate' || band === 'severe')) result.affirmed = true;
      if (name === 'severe-calcium' && band === 'severe') result.affirmed = true;
    }
    return result;
  }

  /** Each name is read once per message, and only when a condition needs it. */
  function statedAs(reading: Reading, name: string): Stated {
    let known = reading.stated.get(name);
    if (!known) {
      known = read(reading, name);
      reading.stated.set(name, known);
    }
    return known;
  }

  /** Whether a condition holds; the information level also counts names that are asked about. */
  function holds(condition: Condition, reading: Reading, information: boolean): boolean {
    if (typeof condition === 'string') {
      const stated = statedAs(reading, condition);
      return stated.affirmed || (information && stated.asked);
    }
    if ('any' in condition) return condition.any.some((part) => holds(part, reading, information));
    if ('all' in condition) return condition.all.every((part) => holds(part, reading, information));
    return condition.of.filter((part) => holds(part, reading, information)).length >= condition.atLeast;
  }

  /**
   * The level of a concept in a message. A name in the levels' conditions is read only when a
   * condition needs it: "fever and on chemo" reads the treatment words only when there is a fever.
   */
  function levelOf(concept: CompiledConcept, text: string, message: string, found: Uint8Array): AlertLevel | undefined {
    const reading: Reading = { concept, text, message, found, stated: new Map(), band: null };
    for (const level of ALERT_LEVELS) {
      const condition = concept.levels[level];
      if (condition && holds(condition, reading, level === 'information')) return level;
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

  return {
    concepts: concepts.map(({ id, description }) => ({ id, description })),
    patterns: [
      ...concepts.flatMap((concept) => [...concept.signs.map((sign) => sign.phrases), ...(concept.topic ? [concept.topic] : [])]).flatMap((phrases) => [phrases.plain, phrases.negating]),
      ...Object.values(data.scope),
      data.spellings.pattern,
      ...TEMPERATURE_PATTERNS,
    ].filter((pattern): pattern is RegExp => pattern !== undefined),
    alertFor,
    triage(message, audience) {
      const text = prepare(message);
      const found = scanner.scan(text);
      const levels = new Map<string, AlertLevel>();
      for (const concept of concepts) {
        const level = levelOf(concept, text, message, found);
        if (level) levels.set(concept.id, level);
      }
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
