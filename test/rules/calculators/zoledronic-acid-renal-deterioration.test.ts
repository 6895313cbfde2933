import { describe, expect, it } from 'vitest';
import { caseSchema, CREATININE_UMOL_PER_MG_DL } from '../../../src/rules/case-schema.js';
import {
  ZOLEDRONIC_ACID_RENAL_DETERIORATION_PASSAGES,
  zoledronicAcidRenalDeterioration,
  zoledronicAcidRenalDeteriorationFinding,
} from '../../../src/rules/calculators/zoledronic-acid-renal-deterioration.js';
import { formatHundredths } from '../../../src/rules/format-number.js';

const PASSAGE = (n: number) => `zoledronic-acid-renal-dosing#checking-kidney-function-before-each-dose-${n}`;
const decide = (baselineCreatinineMgPerDl: number, creatinineMgPerDl: number) => zoledronicAcidRenalDeterioration({ baselineCreatinineMgPerDl, creatinineMgPerDl });

describe('renal deterioration on zoledronic acid (Zometa label)', () => {
  it.each([
    // Normal baseline (below 1.4 mg/dL): a rise of 0.5 mg/dL.
    [0.9, 1.5, 'normal', 0.5, true],
    [0.9, 1.4, 'normal', 0.5, true], // 1.4 − 0.9 is 0.4999999999999999 in binary: still a rise of 0.5
    [0.9, 1.39, 'normal', 0.5, false],
    [1.39, 1.89, 'normal', 0.5, true],
    [1.39, 1.88, 'normal', 0.5, false],
    // Exactly 1.4: the label defines neither group; the smaller rise applies.
    [1.4, 1.9, 'at-limit', 0.5, true],
    [1.4, 1.89, 'at-limit', 0.5, false],
    // Abnormal baseline (above 1.4 mg/dL): a rise of 1.0 mg/dL.
    [1.41, 2.41, 'abnormal', 1, true],
    [1.41, 2.4, 'abnormal', 1, false],
    [1.5, 2.5, 'abnormal', 1, true],
    [1.5, 2.49, 'abnormal', 1, false],
    [2.1, 3.1, 'abnormal', 1, true], // 3.1 − 2.1 is 1.0000000000000004 in binary
    [1.5, 2.4, 'abnormal', 1, false], // 0.9 meets the normal rise, not the abnormal one
  ] as const)('baseline %s → %s mg/dL: %s baseline, rise of %s needed, deteriorated %s', (baseline, current, group, needed, deteriorated) => {
    const result = decide(baseline, current);
    expect(result.baselineGroup).toBe(group);
    expect(result.deteriorationRiseMgPerDl).toBe(needed);
    expect(result.deteriorated).toBe(deteriorated);
  });

  it('reports the rise to 0.01 mg/dL, zero or less without a rise', () => {
    expect(decide(0.9, 1.5).riseMgPerDl).toBe(0.6);
    expect(decide(0.9, 0.9).riseMgPerDl).toBe(0);
    expect(decide(0.9, 0.8).riseMgPerDl).toBe(-0.1);
    expect(decide(0.9, 0.8).deteriorated).toBe(false);
  });

  it('resumes at baseline + 10% rounded down to 0.01 mg/dL, never above', () => {
    expect(decide(0.9, 1.5).resumeAtOrBelowMgPerDl).toBe(0.99);
    expect(decide(1.5, 2.5).resumeAtOrBelowMgPerDl).toBe(1.65);
    expect(decide(1.4, 1.9).resumeAtOrBelowMgPerDl).toBe(1.54);
    // 0.87 × 1.1 = 0.957: rounded down to 0.95, not up to 0.96.
    expect(decide(0.87, 1.5).resumeAtOrBelowMgPerDl).toBe(0.95);
    for (const baseline of [0.3, 0.55, 0.905, 1.23, 1.403, 2.37, 7.77]) {
      expect(decide(baseline, baseline + 1).resumeAtOrBelowMgPerDl).toBeLessThanOrEqual(baseline * 1.1 + 1e-9);
    }
  });

  it('reads µmol/L values as the case converts them: 80 → 132 µmol/L is a rise of 0.58 mg/dL from a normal baseline', () => {
    const facts = caseSchema.parse({ baselineCreatinine: { value: 80, unit: 'µmol/L' }, creatinine: { value: 132, unit: 'µmol/L' } });
    expect(facts).toEqual({ baselineCreatinineMgPerDl: 0.905, creatinineMgPerDl: 1.493 });
    const result = decide(facts.baselineCreatinineMgPerDl!, facts.creatinineMgPerDl!);
    expect(result).toMatchObject({ baselineCreatinineMgPerDl: 0.91, creatinineMgPerDl: 1.49, riseMgPerDl: 0.58, baselineGroup: 'normal', deteriorated: true });
    // 80 µmol/L × 1.1 = 88 µmol/L = 0.9955 mg/dL: resume at 0.99 mg/dL or below.
    expect(result.resumeAtOrBelowMgPerDl).toBe(0.99);
  });

  it('counts a baseline of 124 µmol/L (1.403 mg/dL) as 1.4 and 125 µmol/L (1.414 mg/dL) as abnormal', () => {
    expect(decide(124 / CREATININE_UMOL_PER_MG_DL, 1.9).baselineGroup).toBe('at-limit');
    expect(decide(125 / CREATININE_UMOL_PER_MG_DL, 1.9).baselineGroup).toBe('abnormal');
  });

  it('rejects impossible values', () => {
    expect(() => decide(0, 1.5)).toThrow();
    expect(() => decide(0.9, 45)).toThrow();
  });
});

describe('the renal deterioration finding', () => {
  it('withholds zoledronic acid for the example case, citing every step of the label', () => {
    const finding = zoledronicAcidRenalDeteriorationFinding({ baselineCreatinineMgPerDl: 0.9, creatinineMgPerDl: 1.5 })!;
    expect(finding.id).toBe('zoledronic-acid-renal-deterioration');
    expect(finding.indicator).toBe('critical');
    expect(finding.summary).toBe(
      'Serum creatinine has risen from a normal baseline of 0.9 mg/dL (below 1.4 mg/dL) to 1.5 mg/dL, a rise of 0.6 mg/dL that meets ' +
        "the label's definition of renal deterioration (a rise of 0.5 mg/dL from a normal baseline; 1.0 mg/dL from an abnormal baseline " +
        'above 1.4 mg/dL), so zoledronic acid is withheld; it is resumed only when serum creatinine is back within 10% of baseline ' +
        '(0.99 mg/dL or below), at the same dose as before the interruption.',
    );
    expect(finding.result).toEqual({
      zoledronicAcid: 'withhold',
      renalDeterioration: true,
      baselineCreatinineMgPerDl: 0.9,
      creatinineMgPerDl: 1.5,
      riseMgPerDl: 0.6,
      deteriorationRiseMgPerDl: 0.5,
      resumeAtOrBelowMgPerDl: 0.99,
    });
    expect(finding.inputs).toEqual({ baselineCreatinineMgPerDl: 0.9, creatinineMgPerDl: 1.5 });
    expect(finding.passageIds).toEqual([1, 2, 3, 4, 5].map(PASSAGE));
  });

  it('names the abnormal baseline and its rise of 1.0 mg/dL', () => {
    const finding = zoledronicAcidRenalDeteriorationFinding({ baselineCreatinineMgPerDl: 1.5, creatinineMgPerDl: 2.5 })!;
    expect(finding.indicator).toBe('critical');
    expect(finding.summary).toContain('from an abnormal baseline of 1.5 mg/dL (above 1.4 mg/dL) to 2.5 mg/dL, a rise of 1.0 mg/dL that meets');
    expect(finding.summary).toContain('(1.65 mg/dL or below)');
  });

  it('says why a baseline of exactly 1.4 mg/dL takes the smaller rise', () => {
    const finding = zoledronicAcidRenalDeteriorationFinding({ baselineCreatinineMgPerDl: 1.4, creatinineMgPerDl: 1.9 })!;
    expect(finding.indicator).toBe('critical');
    expect(finding.summary).toContain('neither as normal (below 1.4 mg/dL) nor as abnormal (above 1.4 mg/dL)');
    expect(finding.summary).toContain('smaller of its two rises (0.5 mg/dL, not 1.0 mg/dL)');
  });

  it.each([
    [0.9, 1.3, '0.4', '0.5', [PASSAGE(2)]],
    [1.5, 2.4, '0.9', '1.0', [PASSAGE(3)]],
    [1.4, 1.8, '0.4', '0.5', [PASSAGE(2), PASSAGE(3)]],
  ])('says a rise from %s to %s mg/dL does not meet the definition', (baseline, current, rise, needed, passages) => {
    const finding = zoledronicAcidRenalDeteriorationFinding({ baselineCreatinineMgPerDl: baseline, creatinineMgPerDl: current })!;
    expect(finding.indicator).toBe('info');
    expect(finding.summary).toContain(`a rise of ${rise} mg/dL, which does not meet the label's definition of renal deterioration (a rise of ${needed} mg/dL from this baseline)`);
    expect(finding.result).toMatchObject({ renalDeterioration: false });
    expect(finding.result.zoledronicAcid).toBeUndefined();
    expect(finding.passageIds).toEqual(passages);
  });

  it('gives no finding when creatinine did not rise', () => {
    expect(zoledronicAcidRenalDeteriorationFinding({ baselineCreatinineMgPerDl: 0.9, creatinineMgPerDl: 0.9 })).toBeUndefined();
    expect(zoledronicAcidRenalDeteriorationFinding({ baselineCreatinineMgPerDl: 0.9, creatinineMgPerDl: 0.7 })).toBeUndefined();
  });

  it('cites only passages the calculator declares', () => {
    for (const [baseline, current] of [[0.9, 1.5], [0.9, 1.2], [1.4, 1.6], [2, 2.5]] as const) {
      for (const id of zoledronicAcidRenalDeteriorationFinding({ baselineCreatinineMgPerDl: baseline, creatinineMgPerDl: current })!.passageIds) {
        expect(ZOLEDRONIC_ACID_RENAL_DETERIORATION_PASSAGES).toContain(id);
      }
    }
  });
});

describe('formatHundredths', () => {
  it('prints creatinine to 0.01 and keeps one decimal, as the label writes rises', () => {
    expect([0.99, 1.5, 1, 0.6, 1.493, 0.905].map(formatHundredths)).toEqual(['0.99', '1.5', '1.0', '0.6', '1.49', '0.91']);
  });
});
