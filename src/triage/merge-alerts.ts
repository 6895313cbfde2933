import type { Audience, TriageAlert } from '../domain/types.js';
import type { Triage } from './triage.js';
import { URGENCY } from './triage-schema.js';


/** The alert a model's positive for a concept stands for: the concept's most urgent level. */
export function alertsForModelIds(triage: Pick<Triage, 'alertFor'>, ids: readonly string[], audience: Audience): TriageAlert[] {
  return ids.flatMap((id) => {
    const alert = triage.alertFor(id, 'immediate', audience) ?? triage.alertFor(id, 'same-day', audience);
    return alert ? [alert] : [];
  });
}

/**
 * The deterministic alerts with a model's second opinion added. A model alert adds a concept the rules
 * did not raise, or turns an information-level one into an urgent one; nothing is ever removed, and a
 * level the rules set (same-day for early spinal pain) is never changed to another urgent level.
 */
export function mergeAlerts(deterministic: readonly TriageAlert[], fromModel: readonly TriageAlert[]): TriageAlert[] {
  const merged = [...deterministic];
  for (const alert of fromModel) {
    const index = merged.findIndex((candidate) => candidate.id === alert.id);
    if (index === -1) merged.push(alert);
    else if (merged[index]!.level === 'information' && alert.level !== 'information') merged[index] = alert;
  }
  // Stable: the rules' order of concepts holds within a level.
  return merged.sort((a, b) => URGENCY[b.level] - URGENCY[a.level]);
}
