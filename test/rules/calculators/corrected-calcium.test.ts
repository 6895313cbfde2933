import { describe, expect, it } from 'vitest';
import { bandCalcium, correctedCalcium, correctedCalciumFinding } from '../../../src/rules/calculators/corrected-calcium.js';

describe('albumin-corrected calcium', () => {
  it('adds 0.8 × (4.0 − albumin): calcium 12.8 mg/dL with albumin 2.9 g/dL → 13.7 mg/dL, moderate', () => {
    expect(correctedCalcium({ calciumMgPerDl: 12.8, albuminGPerDl: 2.9 })).toMatchObject({ correctedCalcium: 13.7, band: 'moderate' });
  });

  it('leaves calcium unchanged at albumin 4.0 and lowers it above 4.0', () => {
    expect(correctedCalcium({ calciumMgPerDl: 10, albuminGPerDl: 4 }).correctedCalcium).toBe(10);
    expect(correctedCalcium({ calciumMgPerDl: 10, albuminGPerDl: 5 }).correctedCalcium).toBe(9.2);
  });

  it('turns a mild-looking total calcium into severe hypercalcaemia when albumin is very low', () => {
    // 12.5 + 0.8 × (4.0 − 1.8) = 14.26
    expect(correctedCalcium({ calciumMgPerDl: 12.5, albuminGPerDl: 1.8 })).toMatchObject({ correctedCalcium: 14.3, band: 'severe' });
  });

  it.each([
    [8.4, 'low'],
    [8.5, 'normal'],
    [10.5, 'normal'],
    [10.6, 'mild'],
    [11.9, 'mild'],
    [11.95, 'moderate'], // rounds to 12.0
    [11.91, 'moderate'], // rounds toward caution: 12.0
    [12, 'moderate'],
    [13.9, 'moderate'],
    [14, 'moderate'],
    [14.04, 'severe'], // above 14: rounding to 14.0 must not make it moderate
    [8.46, 'low'], // below 8.5: rounding to 8.5 must not make it normal
    [10.54, 'mild'], // above 10.5: rounding to 10.5 must not make it normal
    [14.1, 'severe'],
    [18, 'severe'],
  ])('corrected calcium %s mg/dL is %s', (value, band) => {
    expect(bandCalcium(value).band).toBe(band);
  });

  it('shows the usual rounding unless it would read as another band', () => {
    expect(bandCalcium(12.84).correctedCalcium).toBe(12.8);
    expect(bandCalcium(14.04)).toMatchObject({ correctedCalcium: 14.1, band: 'severe' });
    expect(bandCalcium(8.46)).toMatchObject({ correctedCalcium: 8.4, band: 'low' });
  });

  it('accepts a laboratory reference range', () => {
    expect(correctedCalcium({ calciumMgPerDl: 10.4, albuminGPerDl: 4, reference: { lower: 8.6, upper: 10.2 } }).band).toBe('mild');
  });

  it('rejects impossible values', () => {
    expect(() => correctedCalcium({ calciumMgPerDl: 0, albuminGPerDl: 4 })).toThrow();
    expect(() => correctedCalcium({ calciumMgPerDl: 10, albuminGPerDl: 40 })).toThrow();
  });

  it('builds a finding that cites the formula and the severity band', () => {
    const finding = correctedCalciumFinding({ calciumMgPerDl: 12.8, albuminGPerDl: 2.9 });
    expect(finding.summary).toBe('Albumin-corrected calcium is 13.7 mg/dL (3.41 mmol/L), which is moderate hypercalcaemia (12 to 14 mg/dL, 3.0 to 3.5 mmol/L).');
    expect(finding.passageIds).toEqual([
      'hypercalcemia-of-malignancy#correcting-calcium-for-albumin-1',
      'hypercalcemia-of-malignancy#how-severe-is-the-hypercalcaemia-2',
    ]);
    expect(correctedCalciumFinding({ calciumMgPerDl: 14.5, albuminGPerDl: 4 }).indicator).toBe('critical');
    expect(correctedCalciumFinding({ calciumMgPerDl: 9.5, albuminGPerDl: 4 }).passageIds).toEqual(['hypercalcemia-of-malignancy#correcting-calcium-for-albumin-1']);
  });
});
