import { describe, expect, it } from 'vitest';
import type { TriageAlert } from '../../src/domain/types.js';
import { parseTriageCorpus, scoreTriage, type TriageCase } from '../../src/triage/measure-triage.js';

const row = (fields: Record<string, unknown>) => JSON.stringify({ id: 'x-1', text: 'text', audience: 'patient', expect: ['spine'], level: 'immediate', ...fields });

describe('parseTriageCorpus', () => {
  it('reads one case per line and skips blank lines', () => {
    expect(parseTriageCorpus('corpus.jsonl', `${row({})}\n\n${row({ id: 'x-2', expect: [], level: 'none' })}\n`)).toHaveLength(2);
  });

  it.each([
    [{ audience: 'doctor' }, 'audience'],
    [{ level: 'urgent' }, 'level'],
    [{ expect: [], level: 'immediate' }, 'expect'],
    [{ expect: ['spine'], level: 'none' }, 'expect'],
    [{ text: '' }, 'text'],
  ])('names the line and the field of a bad case (%j)', (fields, field) => {
    expect(() => parseTriageCorpus('corpus.jsonl', `${row({})}\n${row(fields)}`)).toThrow(`corpus.jsonl:2: field "${field}" is missing or invalid`);
  });
});

describe('scoreTriage', () => {
  const cases: TriageCase[] = [
    { id: 'e1', text: 'legs weak', audience: 'patient', expect: ['spine'], level: 'immediate' },
    { id: 'e2', text: 'back pain at night', audience: 'patient', expect: ['spine'], level: 'same-day' },
    { id: 'e3', text: 'fever on chemo', audience: 'patient', expect: ['fever'], level: 'immediate' },
    { id: 'i1', text: 'what is cord compression', audience: 'patient', expect: ['spine'], level: 'information' },
    { id: 'n1', text: 'denosumab dose', audience: 'patient', expect: [], level: 'none' },
  ];
  const alert = (id: string, level: TriageAlert['level']): TriageAlert => ({ id, level, title: id, text: '', passageIds: [] });
  const answers: Record<string, TriageAlert[]> = {
    'legs weak': [alert('spine', 'immediate')],
    'back pain at night': [alert('spine', 'immediate')], // more urgent than expected still counts
    'fever on chemo': [alert('spine', 'same-day')], // an urgent notice, but not the expected concept
    'what is cord compression': [alert('spine', 'information')],
    'denosumab dose': [alert('fever', 'same-day')], // a false alarm
  };

  it('counts caught emergencies, urgent notices, false alarms and information notices', () => {
    const score = scoreTriage(cases, (text) => answers[text] ?? []);
    expect(score).toMatchObject({ emergencies: 3, caught: 2, caughtAnyUrgent: 3, nonEmergencies: 2, falseAlarms: 1, informationExpected: 1, informationGiven: 1 });
    expect(score.misses.map((miss) => miss.id)).toEqual(['e3', 'n1']);
  });

  it('counts an expected concept as caught by the alert it yields to, at the expected urgency only', () => {
    const both: TriageCase = { id: 'h1', text: 'thirsty and muddled', audience: 'patient', expect: ['calcium', 'confusion'], level: 'immediate' };
    const yieldsTo = new Map([['confusion', ['calcium']]]);
    expect(scoreTriage([both], () => [alert('calcium', 'immediate')], yieldsTo).caught).toBe(1);
    expect(scoreTriage([both], () => [alert('calcium', 'immediate')]).caught).toBe(0);
    expect(scoreTriage([both], () => [alert('calcium', 'same-day')], yieldsTo).caught).toBe(0);
  });

  it('does not count an information notice as catching an emergency', () => {
    const score = scoreTriage(cases.slice(0, 1), () => [alert('spine', 'information')]);
    expect(score.caught).toBe(0);
  });
});
