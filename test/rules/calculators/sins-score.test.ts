import { describe, expect, it } from 'vitest';
import { sinsScore, sinsScoreFinding, spineLocationOfLevel, type SinsInput } from '../../../src/rules/calculators/sins-score.js';

const stable: SinsInput = { location: 'rigid', pain: 'none', lesionType: 'blastic', alignment: 'normal', collapse: 'none', posterolateral: 'none' };

describe('Spinal Instability Neoplastic Score (Fisher 2010)', () => {
  it('scores 0 for the least unstable findings and 18 for the most', () => {
    expect(sinsScore(stable)).toEqual({ score: 0, category: 'stable', surgicalConsultation: false });
    expect(
      sinsScore({ location: 'junctional', pain: 'mechanical', lesionType: 'lytic', alignment: 'subluxation', collapse: 'over-50-percent', posterolateral: 'bilateral' }),
    ).toEqual({ score: 18, category: 'unstable', surgicalConsultation: true });
  });

  it('works an example: lytic T12 lesion, mechanical pain, under 50% collapse, normal alignment, unilateral → 11', () => {
    expect(
      sinsScore({ location: 'junctional', pain: 'mechanical', lesionType: 'lytic', alignment: 'normal', collapse: 'under-50-percent', posterolateral: 'unilateral' }).score,
    ).toBe(11);
  });

  it.each([
    ['location', { junctional: 3, mobile: 2, 'semi-rigid': 1, rigid: 0 }],
    ['pain', { mechanical: 3, occasional: 1, none: 0 }],
    ['lesionType', { lytic: 2, mixed: 1, blastic: 0 }],
    ['alignment', { subluxation: 4, 'de-novo-deformity': 2, normal: 0 }],
    ['collapse', { 'over-50-percent': 3, 'under-50-percent': 2, 'none-over-50-percent-involved': 1, none: 0 }],
    ['posterolateral', { bilateral: 3, unilateral: 1, none: 0 }],
  ] as const)('scores %s per the table', (item, points) => {
    for (const [value, expected] of Object.entries(points)) {
      expect(sinsScore({ ...stable, [item]: value } as SinsInput).score).toBe(expected);
    }
  });

  it.each([
    [{ ...stable, location: 'junctional', pain: 'mechanical' }, 6, 'stable', false],
    [{ ...stable, location: 'junctional', pain: 'mechanical', lesionType: 'mixed' }, 7, 'indeterminate', true],
    [{ ...stable, location: 'junctional', pain: 'mechanical', alignment: 'subluxation', lesionType: 'lytic' }, 12, 'indeterminate', true],
    [{ ...stable, location: 'junctional', pain: 'mechanical', alignment: 'subluxation', lesionType: 'lytic', posterolateral: 'unilateral' }, 13, 'unstable', true],
  ] as const)('boundary: %j → %i %s', (input, score, category, consultation) => {
    expect(sinsScore(input)).toEqual({ score, category, surgicalConsultation: consultation });
  });

  it.each([
    ['occiput', 'junctional'],
    ['C1', 'junctional'],
    ['C2', 'junctional'],
    ['C3', 'mobile'],
    ['C6', 'mobile'],
    ['C7', 'junctional'],
    ['T1', 'junctional'],
    ['T2', 'junctional'],
    ['T3', 'semi-rigid'],
    ['T10', 'semi-rigid'],
    ['T11', 'junctional'],
    ['T12', 'junctional'],
    ['L1', 'junctional'],
    ['L2', 'mobile'],
    ['L4', 'mobile'],
    ['L5', 'junctional'],
    ['S1', 'junctional'],
    ['S2', 'rigid'],
    ['S5', 'rigid'],
    ['t 8', 'semi-rigid'],
    ['C8', undefined],
    ['T13', undefined],
    ['hip', undefined],
  ])('level %s is %s', (level, location) => {
    expect(spineLocationOfLevel(level)).toBe(location);
  });

  it('builds a finding that cites the components, the band and, at 7 or more, the referral', () => {
    const finding = sinsScoreFinding({ ...stable, location: 'junctional', pain: 'mechanical', lesionType: 'mixed' });
    expect(finding.summary).toBe(
      'The Spinal Instability Neoplastic Score is 7, in the indeterminate, potentially unstable band (7 to 12) and warrants a surgical consultation.',
    );
    expect(finding.passageIds).toContain('spinal-instability-sins#sins-score-bands-2');
    expect(finding.passageIds).toContain('spinal-instability-sins#sins-score-bands-4');
    expect(sinsScoreFinding(stable).passageIds).not.toContain('spinal-instability-sins#sins-score-bands-4');
  });
});
