import { describe, expect, it } from 'vitest';
import { morphineRescueDose, morphineRescueDoseFinding } from '../../../src/rules/calculators/morphine-rescue-dose.js';
import { runCalculators } from '../../../src/rules/calculators/index.js';

// BNF guidance on prescribing in palliative care, as held in cancer-pain-practicalities: the rescue dose is
// one-tenth to one-sixth of the 24-hour total of regular oral morphine, repeated every 2 to 4 hours as needed.
describe('rescue dose on regular oral morphine', () => {
  it('gives one-tenth to one-sixth of the 24-hour total: 120 mg a day is 12 to 20 mg', () => {
    expect(morphineRescueDose(120)).toEqual({ lowMg: 12, highMg: 20 });
    expect(morphineRescueDose(60)).toEqual({ lowMg: 6, highMg: 10 });
  });

  it('rounds down, never up, where the fraction is not whole: 40 mg a day is 4 to 6.6 mg', () => {
    expect(morphineRescueDose(40)).toEqual({ lowMg: 4, highMg: 6.6 });
    expect(morphineRescueDose(25)).toEqual({ lowMg: 2.5, highMg: 4.1 });
  });

  it('refuses a total that is not a dose', () => {
    expect(() => morphineRescueDose(0)).toThrow();
    expect(() => morphineRescueDose(Number.NaN)).toThrow();
    expect(() => morphineRescueDose(5000)).toThrow();
  });

  it('says the range, how often it can be repeated, and cites both passages', () => {
    const finding = morphineRescueDoseFinding(120);
    expect(finding.summary).toMatch(/120 mg in 24 hours .* of 12–20 mg .* every 2 to 4 hours/);
    expect(finding.passageIds).toEqual([
      'cancer-pain-practicalities#rescue-doses-for-someone-already-on-regular-morphine-1',
      'cancer-pain-practicalities#rescue-doses-for-someone-already-on-regular-morphine-2',
    ]);
  });

  it('works out no rescue dose when kidney function is below 60 mL/min, where NICE CG140 advises specialist advice first', () => {
    const rescue = (facts: Parameters<typeof runCalculators>[0]) => runCalculators(facts).findings.some((finding) => finding.id === 'morphine-rescue-dose');
    expect(rescue({ regularOralMorphineMgPerDay: 120 })).toBe(true);
    expect(rescue({ regularOralMorphineMgPerDay: 120, egfr: 45 })).toBe(false);
    expect(rescue({ regularOralMorphineMgPerDay: 120, creatinineClearance: 59 })).toBe(false);
    expect(rescue({ regularOralMorphineMgPerDay: 120, egfr: 60 })).toBe(true);
    expect(rescue({ regularOralMorphineMgPerDay: 120, age: 80, sex: 'female', weightKg: 50, creatinineMgPerDl: 1.2 })).toBe(false);
  });
});
