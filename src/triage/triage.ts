import type { Audience, TriageAlert } from '../domain/types.js';
import { signScope, topicScope, type MatchScope, type ScopeCues } from './message-scope.js';
import { prepareForPhrases } from './phrase-pattern.js';
import { statedCalciumBand, temperaturesAtLeast, TEMPERATURE_PATTERNS } from './stated-readings.js';
import { ALERT_LEVELS, type AlertLevel, type ConceptFile, type Condition, type Scope } from './triage-schema.js';

/** A sign's phrases, split by whether a phrase carries its own negation ("legs not working"). */
export type CompiledPhrases = { plain?: RegExp; negating?: RegExp };

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
  readonly concepts: ReadonlyArray<{ id: string; description: string; yieldsTo: readonly string[] }>;
};

const URGENCY: Record<AlertLevel, number> = { immediate: 3, 'same-day': 2, information: 1 };

function holds(condition: Condition, present: ReadonlySet<string>): boolean {
  if (typeof condition === 'string') return present.has(condition);
  if ('any' in condition) return condition.any.some((part) => holds(part, present));
  if ('all' in condition) return condition.all.every((part) => holds(part, present));
  return condition.of.filter((part) => holds(part, present)).length >= condition.atLeast;
}

export function createTriage(data: TriageData): Triage {
  const concepts = [...data.concepts].sort((a, b) => a.priority - b.priority);
  const byId = new Map(concepts.map((concept) => [concept.id, concept]));

  function prepare(message: string): string {
    const text = prepareForPhrases(message).replace(/([a-z])\1{2,}/g, '$1$1');
    return text.replace(data.spellings.pattern, (variant) => data.spellings.canonical.get(variant) ?? variant);
  }

  /** Every scope under which a pattern matches, stopping at the first affirmed match. */
  function scopesOf(pattern: RegExp | undefined, text: string, scopeAt: (start: number, end: number) => MatchScope): Set<MatchScope> {
    const scopes = new Set<MatchScope>();
    if (!pattern) return scopes;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      // Each match ends with the space after its last word.
      const scope = scopeAt(match.index, match.index + match[0].length - 1);
      scopes.add(scope);
      if (scope === 'affirmed') break;
    }
    pattern.lastIndex = 0;
    return scopes;
  }

  // A stated reading honours a concept's scopes except the informational one (see levelOf).
  const readingScopes = new Map(concepts.map((concept) => [concept.id, new Set([...concept.scopes].filter((scope) => scope !== 'informational'))]));

  function levelOf(concept: CompiledConcept, text: string, message: string): AlertLevel | undefined {
    const affirmed = new Set<string>();
    const asked = new Set<string>();
    const record = (name: string, scopes: Set<MatchScope>) => {
      if (scopes.has('affirmed')) affirmed.add(name);
      if (scopes.has('hypothetical') || scopes.has('informational')) asked.add(name);
    };
    for (const sign of concept.signs) {
      // A negation inside a match denies it, unless the phrase holds a negation of its own ("legs not working").
      const plain = scopesOf(sign.phrases.plain, text, (start, end) => signScope(text, start, end, concept.scopes, data.scope, true));
      const negating = plain.has('affirmed') ? [] : scopesOf(sign.phrases.negating, text, (start, end) => signScope(text, start, end, concept.scopes, data.scope, false));
      record(sign.name, new Set([...plain, ...negating]));
    }
    if (concept.topic) {
      const topicAt = (start: number, end: number) => topicScope(text, start, end, concept.scopes, data.scope);
      record('topic', new Set([...scopesOf(concept.topic.plain, text, topicAt), ...scopesOf(concept.topic.negating, text, topicAt)]));
    }
    const { temperature } = concept.readings;
    // A stated reading is denied, imagined or past like any sign ("call if it goes to 38" states no
    // fever), but a number in a question is still read as the writer's own ("is 38.5 a fever?").
    if (temperature) {
      const readings = temperaturesAtLeast(text, temperature);
      record('temperature', new Set(readings.map(({ start, end }) => signScope(text, start, end, readingScopes.get(concept.id)!, data.scope, true))));
    }
    if (concept.readings['high-calcium'] || concept.readings['severe-calcium']) {
      const band = statedCalciumBand(message);
      if (band === 'mild' || band === 'moderate' || band === 'severe') affirmed.add('high-calcium');
      if (band === 'severe') affirmed.add('severe-calcium');
    }

    for (const level of ALERT_LEVELS) {
      const condition = concept.levels[level];
      if (!condition) continue;
      const present = level === 'information' ? new Set([...affirmed, ...asked]) : affirmed;
      if (holds(condition, present)) return level;
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
      const levels = new Map<string, AlertLevel>();
      for (const concept of concepts) {
        const level = levelOf(concept, text, message);
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
