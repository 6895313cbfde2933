import { describe, expect, it } from 'vitest';
import {
  cockcroftGault,
  ZOLEDRONIC_ACID_DOSE_PASSAGES,
  zoledronicAcidDose,
  zoledronicAcidDoseFinding,
  zoledronicAcidDoseFindingFromBaseline,
  zoledronicAcidDoseForClearance,
} from '../../../src/rules/calculators/zoledronic-acid-dose.js';

describe('Cockcroft-Gault', () => {
  it('computes (140 − age) × weight / (72 × creatinine)', () => {
    // 60-year-old man, 72 kg, creatinine 1.0 mg/dL: 80 × 72 / 72 = 80 mL/min
    expect(cockcroftGault({ age: 60, sex: 'male', weightKg: 72, creatinineMgPerDl: 1 })).toBeCloseTo(80, 6);
  });

  it('multiplies by 0.85 for women', () => {
    expect(cockcroftGault({ age: 60, sex: 'female', weightKg: 72, creatinineMgPerDl: 1 })).toBeCloseTo(68, 6);
  });

  it('uses the actual body weight given', () => {
    const light = cockcroftGault({ age: 50, sex: 'male', weightKg: 60, creatinineMgPerDl: 1 });
    const heavy = cockcroftGault({ age: 50, sex: 'male', weightKg: 120, creatinineMgPerDl: 1 });
    expect(heavy).toBeCloseTo(light * 2, 6);
  });

  it('rejects impossible inputs', () => {
    expect(() => cockcroftGault({ age: 60, sex: 'male', weightKg: -1, creatinineMgPerDl: 1 })).toThrow();
    expect(() => cockcroftGault({ age: 60, sex: 'male', weightKg: 70, creatinineMgPerDl: 0 })).toThrow();
  });
});

describe('zoledronic acid dose (Zometa label, bone metastases)', () => {
  it('works the issue example: 68-year-old woman, 70 kg, creatinine 1.6 mg/dL → 37.2 mL/min → 3 mg', () => {
    // (140 − 68) × 70 / (72 × 1.6) × 0.85 = 37.19
    expect(zoledronicAcidDose({ age: 68, sex: 'female', weightKg: 70, creatinineMgPerDl: 1.6 })).toEqual({
      creatinineClearance: 37.2,
      band: '30-39 mL/min',
      doseMg: 3,
    });
  });

  it('gives 4 mg with normal kidney function', () => {
    expect(zoledronicAcidDose({ age: 55, sex: 'female', weightKg: 65, creatinineMgPerDl: 0.8 }).doseMg).toBe(4);
  });

  it.each([
    [250, 4],
    [75, 4],
    [60.1, 4],
    [60.04, 3.5], // shown as 60, banded as shown
    [60, 3.5],
    [55, 3.5],
    [50, 3.5],
    [49.95, 3.3], // below 50: rounding to 50.0 must not raise the dose
    [49.9, 3.3],
    [45, 3.3],
    [40, 3.3],
    [39.9, 3],
    [35, 3],
    [30, 3],
    [29.96, null], // below 30: rounding to 30.0 must not make it 3 mg
    [29.9, null],
    [10, null],
    [0, null],
  ])('creatinine clearance %s mL/min → %s mg', (clearance, dose) => {
    expect(zoledronicAcidDoseForClearance(clearance).doseMg).toBe(dose);
  });

  it('names the label band for each dose', () => {
    expect(zoledronicAcidDoseForClearance(61).band).toBe('> 60 mL/min');
    expect(zoledronicAcidDoseForClearance(50).band).toBe('50-60 mL/min');
    expect(zoledronicAcidDoseForClearance(40).band).toBe('40-49 mL/min');
    expect(zoledronicAcidDoseForClearance(30).band).toBe('30-39 mL/min');
    expect(zoledronicAcidDoseForClearance(29).band).toBe('< 30 mL/min');
  });

  it('builds a finding whose numbers come from its result and cites Cockcroft-Gault and the band row', () => {
    const finding = zoledronicAcidDoseFinding({ age: 68, sex: 'female', weightKg: 70, creatinineMgPerDl: 1.6 });
    expect(finding.summary).toBe(
      'Creatinine clearance by Cockcroft-Gault is 37.2 mL/min (30-39 mL/min), so the zoledronic acid dose for bone metastases per the label is 3 mg.',
    );
    expect(finding.result).toEqual({ creatinineClearanceMlPerMin: 37.2, band: '30-39 mL/min', doseMg: 3 });
    expect(finding.indicator).toBe('warning');
    expect(finding.passageIds).toEqual([
      'zoledronic-acid-renal-dosing#measuring-kidney-function-before-the-first-dose-2',
      'zoledronic-acid-renal-dosing#zoledronic-acid-dose-by-creatinine-clearance-4',
    ]);
    for (const id of finding.passageIds) expect(ZOLEDRONIC_ACID_DOSE_PASSAGES).toContain(id);
  });

  it('works the dose from a baseline creatinine and says so, keeping the id and result shape', () => {
    // (140 − 68) × 70 × 0.85 / (72 × 0.9) = 66.1 mL/min → 4 mg
    const finding = zoledronicAcidDoseFindingFromBaseline({ age: 68, sex: 'female', weightKg: 70, baselineCreatinineMgPerDl: 0.9 });
    expect(finding.id).toBe('zoledronic-acid-dose');
    expect(finding.summary).toBe(
      'Creatinine clearance by Cockcroft-Gault from the baseline creatinine is 66.1 mL/min (> 60 mL/min), so the zoledronic acid dose for bone metastases per the label is 4 mg.',
    );
    expect(finding.inputs).toEqual({ age: 68, sex: 'female', weightKg: 70, baselineCreatinineMgPerDl: 0.9 });
    expect(finding.result).toEqual({ creatinineClearanceMlPerMin: 66.1, band: '> 60 mL/min', doseMg: 4 });
  });

  it('says "not recommended" below 30 mL/min instead of a dose', () => {
    const finding = zoledronicAcidDoseFinding({ age: 85, sex: 'female', weightKg: 45, creatinineMgPerDl: 2.5 });
    expect(finding.result.doseMg).toBe('not recommended');
    expect(finding.summary).toMatch(/not recommended/);
    expect(finding.passageIds).toContain('zoledronic-acid-renal-dosing#zoledronic-acid-dose-by-creatinine-clearance-5');
  });
});
