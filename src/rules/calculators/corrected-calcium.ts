import { z } from 'zod';
import type { Finding } from '../../domain/types.js';
import { CALCIUM_MG_DL_PER_MMOL_L } from '../case-schema.js';
import { cautiousTenth, ceilToTenth, floorToTenth, formatNumber, roundToHundredth, roundToTenth } from '../format-number.js';

/** Passages for the albumin correction and the severity bands (Endocrine Society 2023). */
const FORMULA_PASSAGE = 'hypercalcemia-of-malignancy#correcting-calcium-for-albumin-1';
const LOW_ALBUMIN_PASSAGE = 'hypercalcemia-of-malignancy#correcting-calcium-for-albumin-3';
const BAND_PASSAGES: Partial<Record<CalciumBand, string>> = {
  mild: 'hypercalcemia-of-malignancy#how-severe-is-the-hypercalcaemia-1',
  moderate: 'hypercalcemia-of-malignancy#how-severe-is-the-hypercalcaemia-2',
  severe: 'hypercalcemia-of-malignancy#how-severe-is-the-hypercalcaemia-3',
};

/** Every passage the calculator may cite; a finding cites the formula and its band's definition. */
export const CORRECTED_CALCIUM_PASSAGES = [FORMULA_PASSAGE, LOW_ALBUMIN_PASSAGE, ...Object.values(BAND_PASSAGES)] as const;

// A common adult reference range for total calcium; labs differ slightly, so callers may pass their own.
export const DEFAULT_CALCIUM_REFERENCE = { lower: 8.5, upper: 10.5 } as const;

export const correctedCalciumInputSchema = z.strictObject({
  calciumMgPerDl: z.number().min(2).max(25),
  albuminGPerDl: z.number().min(0.5).max(7),
  reference: z
    .strictObject({ lower: z.number().min(6).max(10), upper: z.number().min(9).max(12) })
    .refine((range) => range.lower < range.upper, 'lower must be below upper')
    .optional(),
});
export type CorrectedCalciumInput = z.input<typeof correctedCalciumInputSchema>;

export type CalciumBand = 'low' | 'normal' | 'mild' | 'moderate' | 'severe';
export type CorrectedCalcium = { correctedCalcium: number; band: CalciumBand; /** unrounded, for the value in SI units */ exact: number };

/**
 * Corrected calcium (mg/dL) = measured calcium + 0.8 × (4.0 − albumin g/dL).
 * Bands (Endocrine Society 2023): mild above the reference range and < 12 mg/dL, moderate 12–14 mg/dL,
 * severe > 14 mg/dL. The band is read from the value rounded to one decimal away from the normal range, so
 * a band edge never moves a patient into a less cautious band (14.01 is severe and shows as 14.1; 8.46 is low).
 */
export function correctedCalcium(input: CorrectedCalciumInput): CorrectedCalcium {
  const { calciumMgPerDl, albuminGPerDl, reference = DEFAULT_CALCIUM_REFERENCE } = correctedCalciumInputSchema.parse(input);
  return bandCalcium(calciumMgPerDl + 0.8 * (4.0 - albuminGPerDl), reference);
}

/** The band of an exact (unrounded) corrected calcium. */
export function bandOfCalcium(value: number, reference: { lower: number; upper: number } = DEFAULT_CALCIUM_REFERENCE): CalciumBand {
  if (value > 14) return 'severe';
  if (value >= 12) return 'moderate';
  if (value > reference.upper) return 'mild';
  if (value >= reference.lower) return 'normal';
  return 'low';
}

/** The band of a calcium value that is already corrected for albumin. */
export function bandCalcium(correctedMgPerDl: number, reference: { lower: number; upper: number } = DEFAULT_CALCIUM_REFERENCE): CorrectedCalcium {
  const bandOf = (value: number) => bandOfCalcium(value, reference);
  // Away from the normal range is the cautious direction, on either side of it.
  const cautious = (value: number) => (value > reference.upper ? ceilToTenth(value) : value < reference.lower ? floorToTenth(value) : roundToTenth(value));
  const { shown, band } = cautiousTenth(correctedMgPerDl, cautious, bandOf);
  return { correctedCalcium: shown, band, exact: correctedMgPerDl };
}

// Each band in both units, as the severity passages state them.
const BAND_WORDS: Record<CalciumBand, string> = {
  low: 'below the reference range (low calcium)',
  normal: 'within the reference range',
  mild: 'mild hypercalcaemia (below 12 mg/dL, 3.0 mmol/L)',
  moderate: 'moderate hypercalcaemia (12 to 14 mg/dL, 3.0 to 3.5 mmol/L)',
  severe: 'severe hypercalcaemia (above 14 mg/dL, 3.5 mmol/L)',
};

/** A calcium in mg/dL in SI units, to two decimals as laboratories report it (2.05 mmol/L read in stays 2.05). */
function inMmolPerL(mgPerDl: number): string {
  return roundToHundredth(mgPerDl / CALCIUM_MG_DL_PER_MMOL_L).toFixed(2);
}

function findingOf(result: CorrectedCalcium, inputs: Finding['inputs']): Finding {
  const bandPassage = BAND_PASSAGES[result.band];
  return {
    id: 'corrected-calcium',
    title: 'Albumin-corrected calcium',
    summary: `Albumin-corrected calcium is ${formatNumber(result.correctedCalcium)} mg/dL (${inMmolPerL(result.exact)} mmol/L), which is ${BAND_WORDS[result.band]}.`,
    indicator: result.band === 'severe' ? 'critical' : result.band === 'normal' ? 'info' : 'warning',
    inputs,
    result: { correctedCalciumMgPerDl: result.correctedCalcium, correctedCalciumMmolPerL: inMmolPerL(result.exact), band: result.band },
    passageIds: bandPassage ? [FORMULA_PASSAGE, bandPassage] : [FORMULA_PASSAGE],
  };
}

export function correctedCalciumFinding(input: CorrectedCalciumInput): Finding {
  return findingOf(correctedCalcium(input), { calciumMgPerDl: input.calciumMgPerDl, albuminGPerDl: input.albuminGPerDl });
}

/**
 * The finding for a measured calcium without an albumin to correct it, when it lies above the reference
 * range: graded as measured, because a low albumin (usual in advanced cancer) would only raise it.
 * Undefined within or below the range, where the uncorrected value cannot be graded safely.
 */
export function uncorrectedCalciumFinding(measuredMgPerDl: number): Finding | undefined {
  const result = bandCalcium(measuredMgPerDl);
  if (result.band === 'normal' || result.band === 'low') return undefined;
  return {
    id: 'corrected-calcium',
    title: 'Calcium not corrected for albumin',
    summary: `Measured calcium is ${formatNumber(result.correctedCalcium)} mg/dL (${inMmolPerL(result.exact)} mmol/L) without an albumin to correct it, which is already ${BAND_WORDS[result.band]}, and a low albumin would make the corrected value higher.`,
    indicator: result.band === 'severe' ? 'critical' : 'warning',
    inputs: { calciumMgPerDl: measuredMgPerDl },
    result: { measuredCalciumMgPerDl: result.correctedCalcium, measuredCalciumMmolPerL: inMmolPerL(result.exact), band: result.band, correctedForAlbumin: false },
    passageIds: [LOW_ALBUMIN_PASSAGE, BAND_PASSAGES[result.band]!],
  };
}

/** The finding for a calcium value the lab reported as already corrected. */
export function statedCorrectedCalciumFinding(correctedMgPerDl: number): Finding {
  return findingOf(bandCalcium(correctedMgPerDl), { correctedCalciumMgPerDl: correctedMgPerDl });
}
