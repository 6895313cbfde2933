import { z } from 'zod';
import type { Finding } from '../../domain/types.js';

/** Passages for the Mirels score and its recommendations (Mirels, Clin Orthop 1989). */
const COMPONENT_PASSAGES = [1, 2, 3, 4].map((n) => `mirels-fracture-risk#mirels-components-and-points-${n}`);
const BAND_PASSAGES = {
  'prophylactic-fixation': 'mirels-fracture-risk#mirels-score-bands-1',
  'clinical-judgement': 'mirels-fracture-risk#mirels-score-bands-2',
  'radiotherapy-and-observation': 'mirels-fracture-risk#mirels-score-bands-3',
} as const;

/** Every passage the calculator may cite; a finding cites the four components and its band. */
export const MIRELS_SCORE_PASSAGES: readonly string[] = [...COMPONENT_PASSAGES, ...Object.values(BAND_PASSAGES)];

export const mirelsInputSchema = z.strictObject({
  site: z.enum(['upper-limb', 'lower-limb', 'peritrochanteric']),
  pain: z.enum(['mild', 'moderate', 'functional']),
  type: z.enum(['blastic', 'mixed', 'lytic']),
  /** Fraction of the cortex destroyed, as a Mirels band. */
  size: z.enum(['under-one-third', 'one-third-to-two-thirds', 'over-two-thirds']),
});
export type MirelsInput = z.input<typeof mirelsInputSchema>;

export type MirelsRecommendation = 'prophylactic-fixation' | 'clinical-judgement' | 'radiotherapy-and-observation';
export type MirelsScore = { score: number; recommendation: MirelsRecommendation };

const POINTS = {
  site: { 'upper-limb': 1, 'lower-limb': 2, peritrochanteric: 3 },
  pain: { mild: 1, moderate: 2, functional: 3 },
  type: { blastic: 1, mixed: 2, lytic: 3 },
  size: { 'under-one-third': 1, 'one-third-to-two-thirds': 2, 'over-two-thirds': 3 },
} as const;

/** Mirels: four items scored 1–3 (total 4–12); ≥ 9 fixation, 8 judgement, ≤ 7 radiotherapy and observation. */
export function mirelsScore(input: MirelsInput): MirelsScore {
  const lesion = mirelsInputSchema.parse(input);
  const score = POINTS.site[lesion.site] + POINTS.pain[lesion.pain] + POINTS.type[lesion.type] + POINTS.size[lesion.size];
  const recommendation: MirelsRecommendation =
    score >= 9 ? 'prophylactic-fixation' : score === 8 ? 'clinical-judgement' : 'radiotherapy-and-observation';
  return { score, recommendation };
}

const RECOMMENDATION_WORDS: Record<MirelsRecommendation, string> = {
  'prophylactic-fixation': 'prophylactic surgical fixation is recommended',
  'clinical-judgement': 'the score is borderline and the decision on fixation rests on clinical judgement',
  'radiotherapy-and-observation': 'radiotherapy and observation are appropriate without prophylactic fixation',
};

export function mirelsScoreFinding(input: MirelsInput, lesionLabel?: string): Finding {
  const result = mirelsScore(input);
  const where = lesionLabel ? ` for the ${lesionLabel} lesion` : '';
  return {
    id: 'mirels-score',
    title: 'Mirels score for pathological fracture risk',
    summary: `The Mirels score${where} is ${result.score}, so ${RECOMMENDATION_WORDS[result.recommendation]}.`,
    indicator: result.recommendation === 'prophylactic-fixation' ? 'critical' : result.recommendation === 'clinical-judgement' ? 'warning' : 'info',
    inputs: { site: input.site, pain: input.pain, type: input.type, size: input.size, ...(lesionLabel ? { lesion: lesionLabel } : {}) },
    result: { score: result.score, recommendation: result.recommendation },
    passageIds: [...COMPONENT_PASSAGES, BAND_PASSAGES[result.recommendation]],
  };
}
