import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/types.js';
import { CDS_SUMMARY_MAX, shorten, toCdsCard } from '../../src/rules/to-cds-card.js';

const finding: Finding = {
  id: 'zoledronic-acid-dose',
  title: 'Creatinine clearance and zoledronic acid dose',
  summary:
    'Creatinine clearance by Cockcroft-Gault is 37.2 mL/min (30-39 mL/min), so the zoledronic acid dose for bone metastases per the label is 3 mg.',
  indicator: 'warning',
  inputs: { age: 68, sex: 'female', weightKg: 70, creatinineMgPerDl: 1.6 },
  result: { creatinineClearanceMlPerMin: 37.2, band: '30-39 mL/min', doseMg: 3 },
  passageIds: ['zoledronic-acid-renal-dosing#zoledronic-acid-dose-by-creatinine-clearance-4'],
};

describe('toCdsCard', () => {
  it('shapes a finding as a CDS Hooks card', () => {
    const card = toCdsCard(finding, { passageTitle: () => 'Zoledronic acid and kidney function' });
    expect(card.uuid).toBe('zoledronic-acid-dose');
    expect(card.indicator).toBe('warning');
    expect(card.source).toEqual({ label: 'Guideline Chat rules', topic: { code: 'zoledronic-acid-dose', display: finding.title } });
    expect(card.summary.length).toBeLessThanOrEqual(CDS_SUMMARY_MAX);
    expect(card.summary.endsWith('…')).toBe(true);
    expect(card.detail).toContain(finding.summary);
    expect(card.detail).toContain('**Inputs:** age: 68; sex: female; weightKg: 70; creatinineMgPerDl: 1.6');
    expect(card.detail).toContain('**Result:** creatinineClearanceMlPerMin: 37.2; band: 30-39 mL/min; doseMg: 3');
    expect(card.detail).toContain('- Zoledronic acid and kidney function (zoledronic-acid-renal-dosing#zoledronic-acid-dose-by-creatinine-clearance-4)');
  });

  it('keeps a short summary whole', () => {
    expect(toCdsCard({ ...finding, summary: 'Short and whole.' }).summary).toBe('Short and whole.');
  });

  it('uses a custom source label', () => {
    expect(toCdsCard(finding, { sourceLabel: 'ACME guidelines' }).source.label).toBe('ACME guidelines');
  });

  it('leaves out empty inputs and results', () => {
    const detail = toCdsCard({ ...finding, inputs: {}, result: {} }).detail;
    expect(detail).not.toContain('Inputs');
    expect(detail).not.toContain('Result');
  });
});

describe('shorten', () => {
  it('cuts at a word boundary within the limit', () => {
    const text = 'word '.repeat(60);
    const short = shorten(text);
    expect(short.length).toBeLessThanOrEqual(140);
    expect(short).toMatch(/word…$/);
  });

  it('cuts a single long token hard', () => {
    expect(shorten('x'.repeat(200)).length).toBe(140);
  });
});
