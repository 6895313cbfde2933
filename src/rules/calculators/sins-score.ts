import { z } from 'zod';
import type { Finding } from '../../domain/types.js';

/** Passages for SINS and its categories (Fisher et al., Spine 2010). */
const COMPONENT_PASSAGES = [1, 2, 3, 4, 5, 6].map((n) => `spinal-instability-sins#sins-components-and-points-${n}`);
const BAND_PASSAGES = {
  stable: 'spinal-instability-sins#sins-score-bands-1',
  indeterminate: 'spinal-instability-sins#sins-score-bands-2',
  unstable: 'spinal-instability-sins#sins-score-bands-3',
} as const;
const CONSULTATION_PASSAGE = 'spinal-instability-sins#sins-score-bands-4';

/** Every passage the calculator may cite; a finding cites the six components, its band and, at 7 or more, the referral. */
export const SINS_SCORE_PASSAGES: readonly string[] = [...COMPONENT_PASSAGES, ...Object.values(BAND_PASSAGES), CONSULTATION_PASSAGE];

export const sinsInputSchema = z.strictObject({
  location: z.enum(['junctional', 'mobile', 'semi-rigid', 'rigid']),
  pain: z.enum(['mechanical', 'occasional', 'none']),
  lesionType: z.enum(['lytic', 'mixed', 'blastic']),
  alignment: z.enum(['subluxation', 'de-novo-deformity', 'normal']),
  collapse: z.enum(['over-50-percent', 'under-50-percent', 'none-over-50-percent-involved', 'none']),
  posterolateral: z.enum(['bilateral', 'unilateral', 'none']),
});
export type SinsInput = z.input<typeof sinsInputSchema>;

export type SinsCategory = 'stable' | 'indeterminate' | 'unstable';
export type SinsScore = { score: number; category: SinsCategory; surgicalConsultation: boolean };

// Fisher et al. 2010, table 1.
const POINTS = {
  // junctional: occiput–C2, C7–T2, T11–L1, L5–S1; mobile: C3–C6, L2–L4; semi-rigid: T3–T10; rigid: S2–S5
  location: { junctional: 3, mobile: 2, 'semi-rigid': 1, rigid: 0 },
  // mechanical: relieved by lying down or worse with movement or loading of the spine
  pain: { mechanical: 3, occasional: 1, none: 0 },
  lesionType: { lytic: 2, mixed: 1, blastic: 0 },
  alignment: { subluxation: 4, 'de-novo-deformity': 2, normal: 0 },
  collapse: { 'over-50-percent': 3, 'under-50-percent': 2, 'none-over-50-percent-involved': 1, none: 0 },
  posterolateral: { bilateral: 3, unilateral: 1, none: 0 },
} as const;

/** SINS 0–18: 0–6 stable, 7–12 indeterminate (possibly impending instability), 13–18 unstable; ≥ 7 → surgical consultation. */
export function sinsScore(input: SinsInput): SinsScore {
  const spine = sinsInputSchema.parse(input);
  const score =
    POINTS.location[spine.location] +
    POINTS.pain[spine.pain] +
    POINTS.lesionType[spine.lesionType] +
    POINTS.alignment[spine.alignment] +
    POINTS.collapse[spine.collapse] +
    POINTS.posterolateral[spine.posterolateral];
  const category: SinsCategory = score >= 13 ? 'unstable' : score >= 7 ? 'indeterminate' : 'stable';
  return { score, category, surgicalConsultation: score >= 7 };
}

/** Maps a vertebral level ("T12", "L5", "occiput") to its SINS location class. */
export function spineLocationOfLevel(level: string): SinsInput['location'] | undefined {
  const match = /^(occiput|[CTLS])\s*-?\s*(\d{1,2})?$/i.exec(level.trim());
  if (!match) return undefined;
  const region = match[1]!.toUpperCase();
  if (region === 'OCCIPUT') return 'junctional';
  const number = Number(match[2]);
  if (!Number.isInteger(number) || number < 1) return undefined;
  switch (region) {
    case 'C':
      if (number > 7) return undefined;
      return number <= 2 || number === 7 ? 'junctional' : 'mobile';
    case 'T':
      if (number > 12) return undefined;
      return number <= 2 || number >= 11 ? 'junctional' : 'semi-rigid';
    case 'L':
      if (number > 5) return undefined;
      return number === 1 || number === 5 ? 'junctional' : 'mobile';
    case 'S':
      if (number > 5) return undefined;
      return number === 1 ? 'junctional' : 'rigid';
    default:
      return undefined;
  }
}

const CATEGORY_WORDS: Record<SinsCategory, string> = {
  stable: 'in the stable band (0 to 6)',
  indeterminate: 'in the indeterminate, potentially unstable band (7 to 12) and warrants a surgical consultation',
  unstable: 'in the unstable band (13 to 18) and warrants a surgical consultation',
};

export function sinsScoreFinding(input: SinsInput): Finding {
  const result = sinsScore(input);
  return {
    id: 'sins-score',
    title: 'Spinal Instability Neoplastic Score (SINS)',
    summary: `The Spinal Instability Neoplastic Score is ${result.score}, ${CATEGORY_WORDS[result.category]}.`,
    indicator: result.category === 'unstable' ? 'critical' : result.category === 'indeterminate' ? 'warning' : 'info',
    inputs: { ...input },
    result: { score: result.score, category: result.category, surgicalConsultation: result.surgicalConsultation },
    passageIds: [...COMPONENT_PASSAGES, BAND_PASSAGES[result.category], ...(result.surgicalConsultation ? [CONSULTATION_PASSAGE] : [])],
  };
}
