import type { Audience, TriageAlert } from '../domain/types.js';
import { URGENCY, type AlertLevel } from './triage-schema.js';

/** One phrasing of the triage corpus and the notice it should get. */
export type TriageCase = { id: string; text: string; audience: Audience; expect: string[]; level: AlertLevel | 'none' };

export type TriageScore = {
  emergencies: number;
  caught: number;
  /** Emergencies that got some urgent alert, if not every expected one at its level. */
  caughtAnyUrgent: number;
  nonEmergencies: number;
  falseAlarms: number;
  /** Informational and hypothetical questions that got every expected information alert. */
  informationExpected: number;
  informationGiven: number;
  misses: Array<{ id: string; text: string; expected: string; got: string }>;
};

const isUrgent = (alert: TriageAlert) => alert.level === 'immediate' || alert.level === 'same-day';

/** Reads a corpus file (one JSON object per line); a bad line is an error naming the line and the field. */
export function parseTriageCorpus(file: string, content: string): TriageCase[] {
  return content
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const row = JSON.parse(line) as Partial<TriageCase>;
      const fail = (field: string) => {
        throw new Error(`${file}:${number}: field "${field}" is missing or invalid`);
      };
      if (typeof row.id !== 'string') fail('id');
      if (typeof row.text !== 'string' || row.text.length === 0) fail('text');
      if (row.audience !== 'patient' && row.audience !== 'professional') fail('audience');
      if (!Array.isArray(row.expect) || row.expect.some((id) => typeof id !== 'string')) fail('expect');
      if (!row.level || !(row.level in URGENCY)) fail('level');
      if ((row.level === 'none') !== (row.expect!.length === 0)) fail('expect');
      return row as TriageCase;
    });
}

function describe(alerts: readonly TriageAlert[]): string {
  return alerts.map((alert) => `${alert.id}:${alert.level}`).join(', ') || 'nothing';
}

/**
 * Scores triage on a corpus: an emergency is caught when every expected concept raises an alert at
 * least as urgent as expected, or is covered by such an alert of a concept it yields to (the high
 * calcium alert names confusion and stands for it); a non-emergency is a false alarm when anything
 * urgent is raised.
 */
export function scoreTriage(
  cases: readonly TriageCase[],
  triage: (text: string, audience: Audience) => TriageAlert[],
  yieldsTo: ReadonlyMap<string, readonly string[]> = new Map(),
): TriageScore {
  const score: TriageScore = { emergencies: 0, caught: 0, caughtAnyUrgent: 0, nonEmergencies: 0, falseAlarms: 0, informationExpected: 0, informationGiven: 0, misses: [] };
  for (const item of cases) {
    const alerts = triage(item.text, item.audience);
    const miss = () => score.misses.push({ id: item.id, text: item.text, expected: `${item.expect.join(', ') || 'nothing'} (${item.level})`, got: describe(alerts) });
    if (URGENCY[item.level] >= URGENCY['same-day']) {
      score.emergencies += 1;
      const alertsFor = (id: string) => [id, ...(yieldsTo.get(id) ?? [])];
      const caught = item.expect.every((id) => alerts.some((alert) => alertsFor(id).includes(alert.id) && URGENCY[alert.level] >= URGENCY[item.level]));
      if (caught) score.caught += 1;
      else miss();
      if (alerts.some(isUrgent)) score.caughtAnyUrgent += 1;
      continue;
    }
    score.nonEmergencies += 1;
    const falseAlarm = alerts.some(isUrgent);
    if (falseAlarm) score.falseAlarms += 1;
    if (item.level === 'information') {
      score.informationExpected += 1;
      if (item.expect.every((id) => alerts.some((alert) => alert.id === id)) && !falseAlarm) score.informationGiven += 1;
      else miss();
    } else if (falseAlarm || alerts.length > 0) miss();
  }
  return score;
}
