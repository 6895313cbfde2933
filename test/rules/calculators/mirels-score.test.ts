import { describe, expect, it } from 'vitest';
import { mirelsScore, mirelsScoreFinding, type MirelsInput } from '../../../src/rules/calculators/mirels-score.js';

const SITES = ['upper-limb', 'lower-limb', 'peritrochanteric'] as const;
const PAINS = ['mild', 'moderate', 'functional'] as const;
const TYPES = ['blastic', 'mixed', 'lytic'] as const;
const SIZES = ['under-one-third', 'one-third-to-two-thirds', 'over-two-thirds'] as const;

describe('Mirels score (Mirels 1989)', () => {
  it('scores a lytic peritrochanteric lesion over 2/3 of the cortex with functional pain at the maximum, 12', () => {
    expect(mirelsScore({ site: 'peritrochanteric', pain: 'functional', type: 'lytic', size: 'over-two-thirds' })).toEqual({
      score: 12,
      recommendation: 'prophylactic-fixation',
    });
  });

  it('scores a blastic upper-limb lesion under 1/3 of the cortex with mild pain at the minimum, 4', () => {
    expect(mirelsScore({ site: 'upper-limb', pain: 'mild', type: 'blastic', size: 'under-one-third' }).score).toBe(4);
  });

  it('works the classic example: lytic intertrochanteric lesion over 2/3 of the cortex with mild pain → 10', () => {
    expect(mirelsScore({ site: 'peritrochanteric', pain: 'mild', type: 'lytic', size: 'over-two-thirds' }).score).toBe(10);
  });

  it('scores every one of the 81 combinations as the sum of 1–3 points per item', () => {
    for (const [s, site] of SITES.entries())
      for (const [p, pain] of PAINS.entries())
        for (const [t, type] of TYPES.entries())
          for (const [z, size] of SIZES.entries()) {
            const input: MirelsInput = { site, pain, type, size };
            expect(mirelsScore(input).score).toBe(s + p + t + z + 4);
          }
  });

  it.each([
    [{ site: 'lower-limb', pain: 'moderate', type: 'mixed', size: 'under-one-third' }, 7, 'radiotherapy-and-observation'],
    [{ site: 'lower-limb', pain: 'moderate', type: 'mixed', size: 'one-third-to-two-thirds' }, 8, 'clinical-judgement'],
    [{ site: 'lower-limb', pain: 'moderate', type: 'lytic', size: 'one-third-to-two-thirds' }, 9, 'prophylactic-fixation'],
  ] as const)('boundary: %j scores %i → %s', (input, score, recommendation) => {
    expect(mirelsScore(input)).toEqual({ score, recommendation });
  });

  it('rejects a site Mirels does not cover', () => {
    expect(() => mirelsScore({ site: 'spine', pain: 'mild', type: 'lytic', size: 'under-one-third' } as unknown as MirelsInput)).toThrow();
  });

  it('builds a finding citing the four components and its band', () => {
    const finding = mirelsScoreFinding({ site: 'peritrochanteric', pain: 'functional', type: 'lytic', size: 'one-third-to-two-thirds' }, 'femoral neck');
    expect(finding.summary).toBe('The Mirels score for the femoral neck lesion is 11, so prophylactic surgical fixation is recommended.');
    expect(finding.indicator).toBe('critical');
    expect(finding.passageIds).toHaveLength(5);
    expect(finding.passageIds).toContain('mirels-fracture-risk#mirels-score-bands-1');
  });
});
