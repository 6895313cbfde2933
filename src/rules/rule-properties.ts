import type { Finding } from '../domain/types.js';
import type { CaseFacts } from './case-schema.js';
import { NEUROLOGICAL_SYMPTOMS } from './fact-view.js';
import { bandCalcium, bandOfCalcium, type CalciumBand, type CorrectedCalcium } from './calculators/corrected-calcium.js';
import { bandOfClearance, zoledronicAcidDoseForClearance, type ZoledronicAcidDose } from './calculators/zoledronic-acid-dose.js';
import { HYPERCALCAEMIA_OF_MALIGNANCY, OPIOID_SPECIALIST_ADVICE_BELOW_ML_MIN } from './calculators/index.js';
import {
  NORMAL_BASELINE_LIMIT_MG_PER_DL,
  zoledronicAcidRenalDeterioration,
  type RenalDeterioration,
  type RenalDeteriorationInput,
} from './calculators/zoledronic-acid-renal-deterioration.js';

// Properties every combination of findings must keep, whatever the case. Findings state what they
// recommend in their result: `<agent>DoseMg` (a dose), `<agent>: 'not recommended'`, `<agent>: 'withhold'`,
// `calciumSupplement`, `singleFraction`, `spinalSbrt`, `surgicalOpinion`; the zoledronic acid calculator states its dose as `doseMg`, and
// names the creatinine it worked from in its inputs (`creatinineMgPerDl` or `baselineCreatinineMgPerDl`).

export type Contradiction = { property: string; detail: string };

const NOT_RECOMMENDED = 'not recommended';
const DOSE_KEY = /^(\w+)DoseMg$/;
const HYPERCALCAEMIA_BANDS = new Set(['mild', 'moderate', 'severe']);

/** Cord compression, or a sign of it, in the case: what SC-24 excluded from spinal SBRT. */
function cordCompressionOrSigns(facts: Partial<CaseFacts>): string | undefined {
  if (facts.spinalCordCompression === true) return 'spinal cord compression';
  const signs = facts.symptoms?.filter((symptom) => NEUROLOGICAL_SYMPTOMS.has(symptom)) ?? [];
  return signs.length > 0 ? `signs of cord compression (${signs.join(', ')})` : undefined;
}

/** What the findings recommend, read from their results. */
function recommendations(findings: readonly Finding[]) {
  const doses = new Map<string, Map<number, string[]>>();
  const notRecommended = new Map<string, string[]>();
  const add = <K, V>(map: Map<K, V[]>, key: K, value: V) => map.set(key, [...(map.get(key) ?? []), value]);
  for (const finding of findings) {
    const result: Record<string, unknown> = finding.id === 'zoledronic-acid-dose' ? { zoledronicAcidDoseMg: finding.result.doseMg } : finding.result;
    for (const [key, value] of Object.entries(result)) {
      const agent = DOSE_KEY.exec(key)?.[1];
      if (agent && typeof value === 'number') {
        const byDose = doses.get(agent) ?? new Map<number, string[]>();
        add(byDose, value, finding.id);
        doses.set(agent, byDose);
      } else if (agent && value === NOT_RECOMMENDED) add(notRecommended, agent, finding.id);
      else if (value === NOT_RECOMMENDED) add(notRecommended, key, finding.id);
    }
  }
  return { doses, notRecommended };
}

function hasHypercalcaemia(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.id === 'corrected-calcium' && HYPERCALCAEMIA_BANDS.has(String(finding.result.band)));
}

function hasHypercalcaemiaOfMalignancy(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.id === 'corrected-calcium' && HYPERCALCAEMIA_OF_MALIGNANCY.has(String(finding.result.band)));
}

/** Why a lesion is not uncomplicated, if it is not: cord compression or its signs, fracture, impending fracture, instability, surgery. */
function complication(facts: Partial<CaseFacts>, findings: readonly Finding[]): string | undefined {
  const score = (id: string) => findings.find((finding) => finding.id === id)?.result.score;
  const compression = cordCompressionOrSigns(facts);
  if (compression) return compression;
  if (facts.boneLesions?.some((lesion) => lesion.pathologicalFracture === true)) return 'pathological fracture';
  if (facts.boneLesions?.some((lesion) => lesion.surgicallyStabilised === true)) return 'surgical stabilisation';
  const mirels = Math.max(Number(score('mirels-score') ?? 0), facts.mirelsScore ?? 0);
  if (mirels >= 9) return `Mirels ${mirels} (impending fracture)`;
  const sins = Number(score('sins-score') ?? facts.sinsScore ?? 0);
  if (sins >= 7) return `SINS ${sins} (possible instability)`;
  return undefined;
}

/** Whether a finding decides the zoledronic acid dose: the dose calculator, or a rule that names one. */
function decidesZoledronicAcidDose(finding: Finding): boolean {
  return finding.id === 'zoledronic-acid-dose' || Object.hasOwn(finding.result, 'zoledronicAcidDoseMg');
}

/**
 * The label doses zoledronic acid by the baseline clearance and resumes the same dose after renal
 * deterioration, so a dose worked out from the raised creatinine of that deterioration is against it.
 */
function dosesFromRaisedCreatinine(findings: readonly Finding[]): Contradiction[] {
  const contradictions: Contradiction[] = [];
  for (const deterioration of findings.filter((finding) => finding.result.zoledronicAcid === 'withhold')) {
    const raised = deterioration.inputs.creatinineMgPerDl;
    if (raised === undefined) continue;
    for (const finding of findings) {
      if (finding !== deterioration && decidesZoledronicAcidDose(finding) && finding.inputs.creatinineMgPerDl === raised) {
        contradictions.push({
          property: 'a dose from the raised creatinine of renal deterioration',
          detail: `${finding.id} works from creatinine ${raised} mg/dL, the rise ${deterioration.id} withholds zoledronic acid for`,
        });
      }
    }
  }
  return contradictions;
}

/** Every contradiction between the findings for one case; empty when they agree. */
export function findContradictions(facts: Partial<CaseFacts>, findings: readonly Finding[]): Contradiction[] {
  const contradictions: Contradiction[] = [];
  const { doses, notRecommended } = recommendations(findings);
  for (const [agent, byDose] of doses) {
    const against = notRecommended.get(agent);
    if (against) {
      contradictions.push({ property: 'an agent is both not recommended and dosed', detail: `${agent}: not recommended by ${against.join(', ')}, dosed by ${[...byDose.values()].flat().join(', ')}` });
    }
    if (byDose.size > 1) {
      const listed = [...byDose].map(([dose, ids]) => `${dose} mg (${ids.join(', ')})`).join(' vs ');
      contradictions.push({ property: 'two different doses of one drug', detail: `${agent}: ${listed}` });
    }
  }
  const supplement = findings.find((finding) => finding.result.calciumSupplement === true);
  if (supplement && hasHypercalcaemia(findings)) {
    contradictions.push({ property: 'calcium supplements with hypercalcaemia', detail: `${supplement.id} fires with a hypercalcaemia band` });
  }
  const singleFraction = findings.find((finding) => finding.result.singleFraction === true);
  const why = singleFraction ? complication(facts, findings) : undefined;
  if (singleFraction && why) {
    contradictions.push({ property: 'single fraction on a complicated lesion', detail: `${singleFraction.id} fires with ${why}` });
  }
  const sbrt = findings.find((finding) => finding.result.spinalSbrt === true);
  const compression = sbrt ? cordCompressionOrSigns(facts) : undefined;
  if (sbrt && compression) {
    contradictions.push({ property: 'spinal SBRT beside cord compression', detail: `${sbrt.id} fires with ${compression}` });
  }
  const surgery = findings.find((finding) => finding.result.surgicalOpinion === true);
  if (surgery && facts.fitForSurgery === false) {
    contradictions.push({ property: 'a surgical opinion for a person not fit for surgery', detail: `${surgery.id} fires with fitForSurgery false` });
  }
  contradictions.push(...dosesFromRaisedCreatinine(findings));
  // A rescue dose is worked out only where NICE CG140 needs no specialist advice first, and never above one-sixth of the day's total.
  const rescue = findings.find((finding) => finding.id === 'morphine-rescue-dose');
  if (rescue) {
    const kidneys = [facts.egfr, facts.creatinineClearance, facts.creatinineClearanceOnTreatment].find((value) => value !== undefined && value < OPIOID_SPECIALIST_ADVICE_BELOW_ML_MIN);
    if (kidneys !== undefined) contradictions.push({ property: 'a rescue dose worked out with impaired kidney function', detail: `${rescue.id} fires at ${kidneys} mL/min` });
    const { rescueDoseLowMg: low, rescueDoseHighMg: high } = rescue.result;
    const total = facts.regularOralMorphineMgPerDay ?? 0;
    if (typeof low !== 'number' || typeof high !== 'number' || low > high || high > total / 6) {
      contradictions.push({ property: 'a rescue dose outside one-tenth to one-sixth of the daily total', detail: `${low}–${high} mg for ${total} mg a day` });
    }
  }
  // The label's reduced doses are for bone metastases; in hypercalcaemia of malignancy they would underdose.
  if (hasHypercalcaemiaOfMalignancy(findings)) {
    for (const finding of findings.filter(decidesZoledronicAcidDose)) {
      const dose = finding.id === 'zoledronic-acid-dose' ? finding.result.doseMg : finding.result.zoledronicAcidDoseMg;
      if (typeof dose === 'number' && dose < 4) contradictions.push({ property: 'a reduced zoledronic acid dose in hypercalcaemia of malignancy', detail: `${finding.id} gives ${dose} mg` });
    }
  }
  return contradictions;
}

// Lower is more cautious: a lower dose, and no dose at all most of all.
const CLEARANCE_CAUTION: Record<ZoledronicAcidDose['band'], number> = { '> 60 mL/min': 0, '50-60 mL/min': 1, '40-49 mL/min': 2, '30-39 mL/min': 3, '< 30 mL/min': 4 };
// Away from normal is more cautious, on either side.
const CALCIUM_CAUTION: Record<CalciumBand, number> = { normal: 0, low: 1, mild: 1, moderate: 2, severe: 3 };

/**
 * Band edges must round toward caution: the band a calculator reports is never less cautious than the
 * band of the exact value, a low calcium is never reported as another band, and the number shown reads
 * as the band reported. Returns every value that breaks this.
 */
export function bandEdgeViolations(
  clearances: readonly number[],
  calciums: readonly number[],
  calculators: { clearance: (value: number) => ZoledronicAcidDose; calcium: (value: number) => CorrectedCalcium } = { clearance: zoledronicAcidDoseForClearance, calcium: bandCalcium },
): Contradiction[] {
  const violations: Contradiction[] = [];
  for (const clearance of clearances) {
    const reported = calculators.clearance(clearance);
    const exact = bandOfClearance(clearance);
    if (CLEARANCE_CAUTION[reported.band] < CLEARANCE_CAUTION[exact]) {
      violations.push({ property: 'band edge rounds toward caution', detail: `creatinine clearance ${clearance} mL/min is ${exact} but reported as ${reported.band}` });
    }
    if (bandOfClearance(reported.creatinineClearance) !== reported.band) {
      violations.push({ property: 'the number shown reads as its band', detail: `creatinine clearance ${clearance} mL/min shows as ${reported.creatinineClearance}, reported ${reported.band}` });
    }
  }
  for (const calcium of calciums) {
    const reported = calculators.calcium(calcium);
    const exact = bandOfCalcium(calcium);
    if (CALCIUM_CAUTION[reported.band] < CALCIUM_CAUTION[exact] || (exact === 'low' && reported.band !== 'low')) {
      violations.push({ property: 'band edge rounds toward caution', detail: `calcium ${calcium} mg/dL is ${exact} but reported as ${reported.band}` });
    }
    if (bandOfCalcium(reported.correctedCalcium) !== reported.band) {
      violations.push({ property: 'the number shown reads as its band', detail: `calcium ${calcium} mg/dL shows as ${reported.correctedCalcium}, reported ${reported.band}` });
    }
  }
  return violations;
}

// Binary floating point stores 1.4 − 0.9 as 0.4999999999999999; a difference this small is no difference.
const FLOATING_POINT_SLACK = 1e-9;
const RESUME_FACTOR = 1.1;

/** The rise the label defines for an exact baseline: 0.5 mg/dL below 1.4, 1.0 above, and 0.5 at 1.4 (the cautious reading). */
function labelRise(baseline: number): number {
  return baseline > NORMAL_BASELINE_LIMIT_MG_PER_DL + FLOATING_POINT_SLACK ? 1 : 0.5;
}

/**
 * The renal deterioration decision must round toward caution too: it never asks for a larger rise than
 * the label gives for the exact baseline (a baseline of 1.4 takes 0.5), a rise that meets the label's
 * exactly is always deterioration, the creatinine to resume at is never above baseline + 10%, and the
 * rise shown reads as the decision made. Returns every (baseline, creatinine) pair that breaks this.
 */
export function renalDeteriorationEdgeViolations(
  pairs: ReadonlyArray<readonly [baseline: number, current: number]>,
  calculator: (input: RenalDeteriorationInput) => RenalDeterioration = zoledronicAcidRenalDeterioration,
): Contradiction[] {
  const violations: Contradiction[] = [];
  for (const [baseline, current] of pairs) {
    const reported = calculator({ baselineCreatinineMgPerDl: baseline, creatinineMgPerDl: current });
    const where = `baseline creatinine ${baseline} mg/dL, creatinine ${current} mg/dL`;
    const rise = labelRise(baseline);
    if (reported.deteriorationRiseMgPerDl > rise) {
      violations.push({ property: 'band edge rounds toward caution', detail: `${where}: deterioration needs a rise of ${reported.deteriorationRiseMgPerDl} mg/dL, the label's is ${rise} mg/dL` });
    }
    if (current - baseline >= rise - FLOATING_POINT_SLACK && !reported.deteriorated) {
      violations.push({ property: 'a rise at the threshold is deterioration', detail: `${where}: a rise of ${rise} mg/dL or more not reported as renal deterioration` });
    }
    if (reported.resumeAtOrBelowMgPerDl > baseline * RESUME_FACTOR + FLOATING_POINT_SLACK) {
      violations.push({ property: 'resume never above baseline + 10%', detail: `${where}: resume at ${reported.resumeAtOrBelowMgPerDl} mg/dL, above ${baseline * RESUME_FACTOR} mg/dL` });
    }
    if ((reported.riseMgPerDl >= reported.deteriorationRiseMgPerDl) !== reported.deteriorated) {
      violations.push({ property: 'the number shown reads as the decision', detail: `${where}: a rise shown as ${reported.riseMgPerDl} mg/dL against ${reported.deteriorationRiseMgPerDl} mg/dL, reported deteriorated ${reported.deteriorated}` });
    }
  }
  return violations;
}
