import { describe, expect, it } from 'vitest';
import type { TriageAlert } from '../../src/domain/types.js';
import { alertsForModelIds, mergeAlerts } from '../../src/triage/merge-alerts.js';

const alert = (id: string, level: TriageAlert['level']): TriageAlert => ({ id, level, title: id, text: `${id} ${level}.`, passageIds: [] });

describe('mergeAlerts', () => {
  it('keeps the deterministic alerts when the model adds nothing', () => {
    const deterministic = [alert('crisis', 'immediate'), alert('spine', 'same-day')];
    expect(mergeAlerts(deterministic, [])).toEqual(deterministic);
  });

  it('adds a concept the model raised and the rules did not, most urgent first', () => {
    expect(mergeAlerts([alert('spine', 'same-day')], [alert('fever', 'immediate')])).toEqual([alert('fever', 'immediate'), alert('spine', 'same-day')]);
  });

  it('never removes an alert the model did not raise', () => {
    expect(mergeAlerts([alert('spine', 'immediate'), alert('fracture', 'immediate')], [alert('fever', 'immediate')]).map((item) => item.id)).toEqual(['spine', 'fracture', 'fever']);
  });

  it('turns an information alert into the model urgent one, but never changes an urgent level the rules set', () => {
    expect(mergeAlerts([alert('spine', 'information')], [alert('spine', 'immediate')])).toEqual([alert('spine', 'immediate')]);
    expect(mergeAlerts([alert('spine', 'same-day')], [alert('spine', 'immediate')])).toEqual([alert('spine', 'same-day')]);
    expect(mergeAlerts([alert('spine', 'immediate')], [alert('spine', 'same-day')])).toEqual([alert('spine', 'immediate')]);
  });
});

describe('alertsForModelIds', () => {
  const triage = {
    alertFor: (id: string, level: TriageAlert['level']) => (id === 'spine' || (id === 'early' && level === 'same-day') ? alert(id, level) : undefined),
  };

  it('gives each concept the model names its most urgent alert and skips ids without one', () => {
    expect(alertsForModelIds(triage, ['spine', 'early', 'unknown'], 'patient')).toEqual([alert('spine', 'immediate'), alert('early', 'same-day')]);
  });
});
