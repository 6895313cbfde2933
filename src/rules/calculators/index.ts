import type { Finding } from '../../domain/types.js';
import type { BoneLesion, CaseFacts } from '../case-schema.js';
import {
  bandCalcium,
  CORRECTED_CALCIUM_PASSAGES,
  correctedCalcium,
  correctedCalciumFinding,
  statedCorrectedCalciumFinding,
  uncorrectedCalciumFinding,
  type CorrectedCalcium,
} from './corrected-calcium.js';
import { MORPHINE_RESCUE_DOSE_PASSAGES, morphineRescueDoseFinding } from './morphine-rescue-dose.js';
import { MIRELS_SCORE_PASSAGES, mirelsScore, mirelsScoreFinding, type MirelsInput, type MirelsScore } from './mirels-score.js';
import { SINS_SCORE_PASSAGES, sinsScore, sinsScoreFinding, type SinsScore } from './sins-score.js';
import {
  ZOLEDRONIC_ACID_DOSE_PASSAGES,
  zoledronicAcidDose,
  zoledronicAcidDoseFinding,
  zoledronicAcidDoseFindingForClearance,
  zoledronicAcidDoseFindingFromBaseline,
  zoledronicAcidDoseForClearance,
  type ZoledronicAcidDose,
} from './zoledronic-acid-dose.js';
import {
  CLEARANCE_ON_TREATMENT_PASSAGES,
  ZOLEDRONIC_ACID_RENAL_DETERIORATION_PASSAGES,
  clearanceOnTreatmentFinding,
  zoledronicAcidRenalDeterioration,
  zoledronicAcidRenalDeteriorationFinding,
  type RenalDeterioration,
} from './zoledronic-acid-renal-deterioration.js';

/** A calculator as the rules engine and `rules:check` see it: where it lives and what it cites. */
export type CalculatorInfo = { id: string; file: string; passageIds: readonly string[] };

export const CALCULATORS: readonly CalculatorInfo[] = [
  { id: 'zoledronic-acid-dose', file: 'src/rules/calculators/zoledronic-acid-dose.ts', passageIds: ZOLEDRONIC_ACID_DOSE_PASSAGES },
  {
    id: 'zoledronic-acid-renal-deterioration',
    file: 'src/rules/calculators/zoledronic-acid-renal-deterioration.ts',
    passageIds: ZOLEDRONIC_ACID_RENAL_DETERIORATION_PASSAGES,
  },
  {
    id: 'zoledronic-acid-clearance-on-treatment',
    file: 'src/rules/calculators/zoledronic-acid-renal-deterioration.ts',
    passageIds: CLEARANCE_ON_TREATMENT_PASSAGES,
  },
  { id: 'corrected-calcium', file: 'src/rules/calculators/corrected-calcium.ts', passageIds: CORRECTED_CALCIUM_PASSAGES },
  { id: 'mirels-score', file: 'src/rules/calculators/mirels-score.ts', passageIds: MIRELS_SCORE_PASSAGES },
  { id: 'sins-score', file: 'src/rules/calculators/sins-score.ts', passageIds: SINS_SCORE_PASSAGES },
  { id: 'morphine-rescue-dose', file: 'src/rules/calculators/morphine-rescue-dose.ts', passageIds: MORPHINE_RESCUE_DOSE_PASSAGES },
];

/**
 * Kidney function below which NICE CG140 advises specialist advice before prescribing strong opioids (moderate
 * to severe renal impairment): no rescue dose is worked out then, as the usual fraction may be too much.
 */
export const OPIOID_SPECIALIST_ADVICE_BELOW_ML_MIN = 60;

const LONG_BONE_SITES = ['upper-limb', 'lower-limb', 'peritrochanteric'] as const;

/** The Mirels input for a lesion, or undefined when the lesion is not in a long bone or lacks an item. */
export function mirelsInputOf(lesion: BoneLesion): MirelsInput | undefined {
  const site = LONG_BONE_SITES.find((name) => name === lesion.site);
  if (!site || !lesion.pain || lesion.pain === 'present' || !lesion.type || !lesion.corticalInvolvement) return undefined;
  // Mirels has no "no pain" grade; a painless lesion scores as mild, the lowest grade.
  const pain = lesion.pain === 'none' ? 'mild' : lesion.pain;
  return { site, pain, type: lesion.type, size: lesion.corticalInvolvement };
}

export type CalculatorResults = {
  zoledronicAcid?: ZoledronicAcidDose;
  renalDeterioration?: RenalDeterioration;
  calcium?: CorrectedCalcium;
  mirels: Array<{ lesion: BoneLesion; score: MirelsScore }>;
  sins?: SinsScore;
  findings: Finding[];
};

/** The calcium bands the zoledronic acid label treats as hypercalcaemia of malignancy (albumin-corrected calcium of 12 mg/dL or more). */
export const HYPERCALCAEMIA_OF_MALIGNANCY: ReadonlySet<string> = new Set(['moderate', 'severe']);

/** Runs every calculator whose inputs are all present. */
export function runCalculators(facts: Partial<CaseFacts>): CalculatorResults {
  const results: CalculatorResults = { mirels: [], findings: [] };
  const { age, sex, weightKg, creatinineMgPerDl, baselineCreatinineMgPerDl, calciumMgPerDl, albuminGPerDl } = facts;
  const patient = age !== undefined && sex !== undefined && weightKg !== undefined ? { age, sex, weightKg } : undefined;
  if (facts.correctedCalciumMgPerDl !== undefined) {
    // A lab-corrected value wins: correcting it again for albumin would count the albumin twice.
    results.calcium = bandCalcium(facts.correctedCalciumMgPerDl);
    results.findings.push(statedCorrectedCalciumFinding(facts.correctedCalciumMgPerDl));
  } else if (calciumMgPerDl !== undefined && albuminGPerDl !== undefined) {
    const input = { calciumMgPerDl, albuminGPerDl };
    results.calcium = correctedCalcium(input);
    results.findings.push(correctedCalciumFinding(input));
  } else if (calciumMgPerDl !== undefined) {
    // Without albumin only a value above the range can be graded (a low albumin would raise it further).
    const finding = uncorrectedCalciumFinding(calciumMgPerDl);
    if (finding) {
      results.calcium = bandCalcium(calciumMgPerDl);
      results.findings.push(finding);
    }
  }
  // Hypercalcaemia of malignancy (12 mg/dL or more) is dosed at 4 mg whatever the clearance below a creatinine of
  // 4.5 mg/dL: the label's reduced doses for bone metastases would read as the dose to give now (a pitfall the
  // knowledge names), so the bone-metastasis dose finding is left to the hypercalcaemia rules.
  const treatingHypercalcaemia = results.calcium !== undefined && HYPERCALCAEMIA_OF_MALIGNANCY.has(results.calcium.band);
  if (patient && baselineCreatinineMgPerDl !== undefined) {
    // The label doses by the baseline clearance, and a later rise never changes the dose, only whether it is given.
    results.zoledronicAcid = zoledronicAcidDose({ ...patient, creatinineMgPerDl: baselineCreatinineMgPerDl });
    if (!treatingHypercalcaemia) results.findings.push(zoledronicAcidDoseFindingFromBaseline({ ...patient, baselineCreatinineMgPerDl }));
  } else if (patient && creatinineMgPerDl !== undefined) {
    const input = { ...patient, creatinineMgPerDl };
    results.zoledronicAcid = zoledronicAcidDose(input);
    if (!treatingHypercalcaemia) results.findings.push(zoledronicAcidDoseFinding(input));
  } else if (facts.creatinineClearance !== undefined) {
    results.zoledronicAcid = zoledronicAcidDoseForClearance(facts.creatinineClearance);
    if (!treatingHypercalcaemia) results.findings.push(zoledronicAcidDoseFindingForClearance(facts.creatinineClearance, facts.creatinineClearanceOnTreatment !== undefined));
  }
  if (facts.creatinineClearanceOnTreatment !== undefined) results.findings.push(clearanceOnTreatmentFinding(facts.creatinineClearanceOnTreatment));
  if (baselineCreatinineMgPerDl !== undefined && creatinineMgPerDl !== undefined) {
    const input = { baselineCreatinineMgPerDl, creatinineMgPerDl };
    results.renalDeterioration = zoledronicAcidRenalDeterioration(input);
    const finding = zoledronicAcidRenalDeteriorationFinding(input);
    if (finding) results.findings.push(finding);
  }
  for (const lesion of facts.boneLesions ?? []) {
    const input = mirelsInputOf(lesion);
    if (!input) continue;
    results.mirels.push({ lesion, score: mirelsScore(input) });
    results.findings.push(mirelsScoreFinding(input, lesion.location));
  }
  if (facts.spine) {
    results.sins = sinsScore(facts.spine);
    results.findings.push(sinsScoreFinding(facts.spine));
  }
  const kidneyFunction = [facts.egfr, facts.creatinineClearance, facts.creatinineClearanceOnTreatment, results.zoledronicAcid?.creatinineClearance];
  const impairedKidneys = kidneyFunction.some((value) => value !== undefined && value < OPIOID_SPECIALIST_ADVICE_BELOW_ML_MIN);
  if (facts.regularOralMorphineMgPerDay !== undefined && !impairedKidneys) results.findings.push(morphineRescueDoseFinding(facts.regularOralMorphineMgPerDay));
  return results;
}
