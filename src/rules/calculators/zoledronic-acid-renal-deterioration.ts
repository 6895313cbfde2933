import { z } from 'zod';
import type { Finding } from '../../domain/types.js';
import { floorToHundredth, formatHundredths, formatNumber, roundToHundredth } from '../format-number.js';

/** Passages of the Zometa label's "checking kidney function before each dose" that the findings rest on. */
const PASSAGE = {
  withholdOnDeterioration: 'zoledronic-acid-renal-dosing#checking-kidney-function-before-each-dose-1',
  riseFromNormalBaseline: 'zoledronic-acid-renal-dosing#checking-kidney-function-before-each-dose-2',
  riseFromAbnormalBaseline: 'zoledronic-acid-renal-dosing#checking-kidney-function-before-each-dose-3',
  resumeWithinTenPercent: 'zoledronic-acid-renal-dosing#checking-kidney-function-before-each-dose-4',
  resumeAtSameDose: 'zoledronic-acid-renal-dosing#checking-kidney-function-before-each-dose-5',
} as const;

/** Every passage the calculator may cite. */
export const ZOLEDRONIC_ACID_RENAL_DETERIORATION_PASSAGES = Object.values(PASSAGE);

/** The label's line between a normal baseline (below it) and an abnormal one (above it), mg/dL. */
export const NORMAL_BASELINE_LIMIT_MG_PER_DL = 1.4;
/** Rises that define renal deterioration, mg/dL, in whole hundredths so that comparing them is exact. */
const RISE_HUNDREDTHS = { normal: 50, abnormal: 100 } as const;
/** Zoledronic acid is resumed once creatinine is back within this fraction above baseline. */
const RESUME_WITHIN = 0.1;

export const renalDeteriorationInputSchema = z.strictObject({
  baselineCreatinineMgPerDl: z.number().min(0.1).max(30),
  creatinineMgPerDl: z.number().min(0.1).max(30),
});
export type RenalDeteriorationInput = z.input<typeof renalDeteriorationInputSchema>;

/**
 * `normal` below 1.4 mg/dL and `abnormal` above it, as the label writes them; `at-limit` is a baseline of
 * exactly 1.4 mg/dL, which the label puts in neither group.
 */
export type BaselineGroup = 'normal' | 'at-limit' | 'abnormal';

export type RenalDeterioration = {
  /** Both creatinine values to 0.01 mg/dL, as labs report them and as the finding shows them. */
  baselineCreatinineMgPerDl: number;
  creatinineMgPerDl: number;
  baselineGroup: BaselineGroup;
  /** Current minus baseline, mg/dL to 0.01: zero or less when creatinine did not rise. */
  riseMgPerDl: number;
  /** The rise that defines renal deterioration from this baseline: 0.5 or 1.0 mg/dL. */
  deteriorationRiseMgPerDl: 0.5 | 1;
  deteriorated: boolean;
  /** Baseline + 10%, rounded down to 0.01 mg/dL: the creatinine at or below which zoledronic acid may resume. */
  resumeAtOrBelowMgPerDl: number;
};

function hundredths(value: number): number {
  return Math.round(roundToHundredth(value) * 100);
}

/**
 * Renal deterioration on zoledronic acid per the Zometa label: a rise in serum creatinine of 0.5 mg/dL
 * from a normal baseline (below 1.4 mg/dL) or of 1.0 mg/dL from an abnormal one (above 1.4 mg/dL).
 *
 * Both values are rounded to 0.01 mg/dL and the rise is compared in whole hundredths, so floating-point
 * error never hides a rise (0.9 → 1.4 is 0.4999999999999999 in binary, and counts as 0.5). Rounding each
 * value half up never makes a rise smaller than the whole hundredths of the exact rise, so a rise that
 * meets the threshold exactly still meets it, and the numbers shown add up to the rise shown.
 *
 * The baseline group is read from the baseline to 0.01 mg/dL too, so a converted 124 µmol/L (1.403 mg/dL)
 * counts as 1.4 rather than as abnormal. A baseline of exactly 1.4 mg/dL is neither "below" nor "above"
 * 1.4 in the label; it takes the smaller rise, 0.5 mg/dL, because withholding on the smaller rise is the
 * cautious reading when the label is silent.
 *
 * The creatinine to resume at is the exact baseline + 10% rounded DOWN to 0.01 mg/dL: never above the
 * label's limit, so zoledronic acid resumes later rather than earlier.
 */
export function zoledronicAcidRenalDeterioration(input: RenalDeteriorationInput): RenalDeterioration {
  const { baselineCreatinineMgPerDl: baseline, creatinineMgPerDl: current } = renalDeteriorationInputSchema.parse(input);
  const baselineHundredths = hundredths(baseline);
  const limitHundredths = NORMAL_BASELINE_LIMIT_MG_PER_DL * 100;
  const baselineGroup: BaselineGroup = baselineHundredths < limitHundredths ? 'normal' : baselineHundredths > limitHundredths ? 'abnormal' : 'at-limit';
  const thresholdHundredths = baselineGroup === 'abnormal' ? RISE_HUNDREDTHS.abnormal : RISE_HUNDREDTHS.normal;
  const currentHundredths = hundredths(current);
  const riseHundredths = currentHundredths - baselineHundredths;
  return {
    baselineCreatinineMgPerDl: baselineHundredths / 100,
    creatinineMgPerDl: currentHundredths / 100,
    baselineGroup,
    riseMgPerDl: riseHundredths / 100,
    deteriorationRiseMgPerDl: thresholdHundredths === RISE_HUNDREDTHS.abnormal ? 1 : 0.5,
    deteriorated: riseHundredths >= thresholdHundredths,
    resumeAtOrBelowMgPerDl: floorToHundredth(baseline * (1 + RESUME_WITHIN)),
  };
}

function fromBaseline(result: RenalDeterioration): string {
  const baseline = `${formatHundredths(result.baselineCreatinineMgPerDl)} mg/dL`;
  switch (result.baselineGroup) {
    case 'normal':
      return `a normal baseline of ${baseline} (below 1.4 mg/dL)`;
    case 'abnormal':
      return `an abnormal baseline of ${baseline} (above 1.4 mg/dL)`;
    case 'at-limit':
      return `a baseline of ${baseline}, which the label counts neither as normal (below 1.4 mg/dL) nor as abnormal (above 1.4 mg/dL),`;
  }
}

function definitionOf(result: RenalDeterioration): string {
  switch (result.baselineGroup) {
    case 'normal':
      return `the label's definition of renal deterioration (a rise of 0.5 mg/dL from a normal baseline; 1.0 mg/dL from an abnormal baseline above 1.4 mg/dL)`;
    case 'abnormal':
      return `the label's definition of renal deterioration (a rise of 1.0 mg/dL from an abnormal baseline; 0.5 mg/dL from a normal baseline below 1.4 mg/dL)`;
    case 'at-limit':
      return `the label's definition of renal deterioration at the smaller of its two rises (0.5 mg/dL, not 1.0 mg/dL), taken as the cautious reading`;
  }
}

function risenTo(result: RenalDeterioration): string {
  return `Serum creatinine has risen from ${fromBaseline(result)} to ${formatHundredths(result.creatinineMgPerDl)} mg/dL, a rise of ${formatHundredths(result.riseMgPerDl)} mg/dL`;
}

/** The passages that define deterioration for this baseline: the normal row, the abnormal row, or both at 1.4. */
function definitionPassages(result: RenalDeterioration): string[] {
  if (result.baselineGroup === 'normal') return [PASSAGE.riseFromNormalBaseline];
  if (result.baselineGroup === 'abnormal') return [PASSAGE.riseFromAbnormalBaseline];
  return [PASSAGE.riseFromNormalBaseline, PASSAGE.riseFromAbnormalBaseline];
}

/**
 * The finding for a baseline and a current creatinine: critical when the rise meets the label's
 * definition of renal deterioration (withhold; resume within 10% of baseline at the same dose), info when
 * creatinine rose by less, and none when it did not rise.
 */
export function zoledronicAcidRenalDeteriorationFinding(input: RenalDeteriorationInput): Finding | undefined {
  const result = zoledronicAcidRenalDeterioration(input);
  if (result.riseMgPerDl <= 0) return undefined;
  const inputs = { baselineCreatinineMgPerDl: input.baselineCreatinineMgPerDl, creatinineMgPerDl: input.creatinineMgPerDl };
  const measured = {
    baselineCreatinineMgPerDl: result.baselineCreatinineMgPerDl,
    creatinineMgPerDl: result.creatinineMgPerDl,
    riseMgPerDl: result.riseMgPerDl,
    deteriorationRiseMgPerDl: result.deteriorationRiseMgPerDl,
  };
  if (!result.deteriorated) {
    return {
      id: 'zoledronic-acid-renal-deterioration',
      title: 'Creatinine rise on zoledronic acid below the label definition',
      summary: `${risenTo(result)}, which does not meet the label's definition of renal deterioration (a rise of ${formatHundredths(result.deteriorationRiseMgPerDl)} mg/dL from this baseline).`,
      indicator: 'info',
      inputs,
      result: { renalDeterioration: false, ...measured },
      passageIds: definitionPassages(result),
    };
  }
  const resume = `${formatHundredths(result.resumeAtOrBelowMgPerDl)} mg/dL or below`;
  // The label defines both rises; the summary states both, so it cites both definitions.
  return {
    id: 'zoledronic-acid-renal-deterioration',
    title: 'Renal deterioration on zoledronic acid',
    summary:
      `${risenTo(result)} that meets ${definitionOf(result)}, so zoledronic acid is withheld; it is resumed only when serum ` +
      `creatinine is back within 10% of baseline (${resume}), at the same dose as before the interruption.`,
    indicator: 'critical',
    inputs,
    result: { zoledronicAcid: 'withhold', renalDeterioration: true, ...measured, resumeAtOrBelowMgPerDl: result.resumeAtOrBelowMgPerDl },
    passageIds: [
      PASSAGE.withholdOnDeterioration,
      PASSAGE.riseFromNormalBaseline,
      PASSAGE.riseFromAbnormalBaseline,
      PASSAGE.resumeWithinTenPercent,
      PASSAGE.resumeAtSameDose,
    ],
  };
}

/** The label's "before the first dose" measurement, which the dose table is read from. */
const BEFORE_FIRST_DOSE_PASSAGE = 'zoledronic-acid-renal-dosing#measuring-kidney-function-before-the-first-dose-1';
export const CLEARANCE_ON_TREATMENT_PASSAGES = [BEFORE_FIRST_DOSE_PASSAGE, ...ZOLEDRONIC_ACID_RENAL_DETERIORATION_PASSAGES] as const;

/**
 * The finding for a creatinine clearance measured after zoledronic acid was started ("her CrCl is now
 * 38, what about the next dose?"). The label sets the dose from the clearance before the first dose and
 * judges a later fall by serum creatinine, so a lower band's dose read from a clearance on treatment would
 * reduce the dose against the label; what the label does with a fall is stated instead.
 */
export function clearanceOnTreatmentFinding(clearance: number): Finding {
  return {
    id: 'zoledronic-acid-clearance-on-treatment',
    title: 'Kidney function falling on zoledronic acid',
    summary:
      `A creatinine clearance of ${formatNumber(clearance)} mL/min measured on zoledronic acid sets no new dose: the label reads the dose ` +
      `from kidney function before the first dose, measures serum creatinine before each dose and withholds treatment for renal ` +
      `deterioration (a rise of 0.5 mg/dL from a normal baseline below 1.4 mg/dL, or 1.0 mg/dL from an abnormal one), then resumes ` +
      `the same dose once creatinine is back within 10% of baseline.`,
    indicator: 'warning',
    inputs: { creatinineClearanceOnTreatment: clearance },
    result: { zoledronicAcid: 'check serum creatinine against baseline' },
    passageIds: [...CLEARANCE_ON_TREATMENT_PASSAGES],
  };
}
