import { describe, expect, it } from 'vitest';
import { boneSiteOf, givesScheduleForOtherSite } from '../../src/answer/bone-sites.js';

describe('boneSiteOf', () => {
  it.each([
    ['if the rib pain comes back after the 8 Gy, how soon can we re-treat?', 'non-spinal'],
    ['re-irradiation of a T10 vertebral metastasis', 'spinal'],
    ['her lower back hurts', 'spinal'],
    ['mets in her spine and her hip', undefined],
    ['what dose of radiotherapy?', undefined],
  ])('%s', (question, site) => {
    expect(boneSiteOf(question)).toBe(site);
  });
});

describe('givesScheduleForOtherSite', () => {
  const spinal = 'ASTRO 2024 recommends 8 Gy in 1 fraction or 20 Gy in 8 fractions for conventional re-irradiation of spinal bone metastases.';
  const other = 'ASTRO 2024 recommends 8 Gy in 1 fraction or 24 Gy in 6 fractions for conventional re-irradiation of non-spinal bone metastases.';
  const both = 'ASTRO 2024 recommends 20 Gy in 8 fractions for spinal bone metastases, and 24 Gy in 6 fractions for non-spinal bone metastases.';

  it('sets aside a schedule for the spine beside a rib, and the reverse', () => {
    expect(givesScheduleForOtherSite(spinal, 'non-spinal')).toBe(true);
    expect(givesScheduleForOtherSite(other, 'spinal')).toBe(true);
  });

  it('keeps a schedule for the case\'s own site, one for both, and a sentence giving no schedule', () => {
    expect(givesScheduleForOtherSite(other, 'non-spinal')).toBe(false);
    expect(givesScheduleForOtherSite(spinal, 'spinal')).toBe(false);
    expect(givesScheduleForOtherSite(both, 'non-spinal')).toBe(false);
    expect(givesScheduleForOtherSite('Spinal bone metastases can press on the cord.', 'non-spinal')).toBe(false);
  });
});
