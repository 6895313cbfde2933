import { z } from 'zod';
import type { Finding } from '../../domain/types.js';
import { cautiousTenth, floorToTenth, formatNumber } from '../format-number.js';

/** Passages the dose table and the Cockcroft-Gault method rest on (Zometa prescribing information). */
const COCKCROFT_GAULT_PASSAGE = 'zoledronic-acid-renal-dosing#measuring-kidney-function-before-the-first-dose-2';
const BAND_PASSAGES = {
  '> 60 mL/min': 'zoledronic-acid-renal-dosing#zoledronic-acid-dose-by-creatinine-clearance-1',
  '50-60 mL/min': 'zoledronic-acid-renal-dosing#zoledronic-acid-dose-by-creatinine-clearance-2',
  '40-49 mL/min': 'zoledronic-acid-renal-dosing#zoledronic-acid-dose-by-creatinine-clearance-3',
  '30-39 mL/min': 'zoledronic-acid-renal-dosing#zoledronic-acid-dose-by-creatinine-clearance-4',
  '< 30 mL/min': 'zoledronic-acid-renal-dosing#zoledronic-acid-dose-by-creatinine-clearance-5',
} as const;

/** Every passage the calculator may cite; a finding cites the Cockcroft-Gault passage and its band's row. */
export const ZOLEDRONIC_ACID_DOSE_PASSAGES = [COCKCROFT_GAULT_PASSAGE, ...Object.values(BAND_PASSAGES)] as const;

export const zoledronicAcidDoseInputSchema = z.strictObject({
  age: z.number().positive().max(120),
  sex: z.enum(['female', 'male']),
  /** Body weight as given. The Zometa label names Cockcroft-Gault but no public copy checked says which weight; see docs/knowledge-sources.md. */
  weightKg: z.number().positive().max(400),
  creatinineMgPerDl: z.number().min(0.1).max(30),
});
export type ZoledronicAcidDoseInput = z.input<typeof zoledronicAcidDoseInputSchema>;

export type ZoledronicAcidDose = {
  /** Cockcroft-Gault creatinine clearance in mL/min to one decimal, as shown (see `cautiousTenth`). */
  creatinineClearance: number;
  /** The label's band, as the label writes it. */
  band: '> 60 mL/min' | '50-60 mL/min' | '40-49 mL/min' | '30-39 mL/min' | '< 30 mL/min';
  /** Dose per infusion in mg, or null when the label does not recommend zoledronic acid. */
  doseMg: 4 | 3.5 | 3.3 | 3 | null;
};

/** Cockcroft-Gault: (140 − age) × weight / (72 × creatinine), × 0.85 for women. */
export function cockcroftGault(input: ZoledronicAcidDoseInput): number {
  const { age, sex, weightKg, creatinineMgPerDl } = zoledronicAcidDoseInputSchema.parse(input);
  const clearance = ((140 - age) * weightKg) / (72 * creatinineMgPerDl);
  return Math.max(0, sex === 'female' ? clearance * 0.85 : clearance);
}

/**
 * Zometa label, bone metastases: > 60 mL/min 4 mg; 50–60 3.5 mg; 40–49 3.3 mg; 30–39 3 mg;
 * < 30 not recommended. The label's bands are whole numbers; the band is chosen on the clearance
 * rounded down to one decimal, because a lower clearance is always the more cautious reading: 49.5 falls
 * in 40–49, 60.04 counts as 60 and 29.96 shows as 29.9 (not recommended).
 */
export function zoledronicAcidDose(input: ZoledronicAcidDoseInput): ZoledronicAcidDose {
  // A calculated clearance may exceed what a stated one could plausibly be (tiny creatinine); it is still > 60.
  return doseRow(cockcroftGault(input));
}

const DOSE_BY_BAND: Record<ZoledronicAcidDose['band'], ZoledronicAcidDose['doseMg']> = {
  '> 60 mL/min': 4,
  '50-60 mL/min': 3.5,
  '40-49 mL/min': 3.3,
  '30-39 mL/min': 3,
  '< 30 mL/min': null,
};

/** The label band of an exact (unrounded) creatinine clearance. */
export function bandOfClearance(clearance: number): ZoledronicAcidDose['band'] {
  if (clearance > 60) return '> 60 mL/min';
  if (clearance >= 50) return '50-60 mL/min';
  if (clearance >= 40) return '40-49 mL/min';
  if (clearance >= 30) return '30-39 mL/min';
  return '< 30 mL/min';
}

/** The label row for a creatinine clearance already known (mL/min). */
export function zoledronicAcidDoseForClearance(clearance: number): ZoledronicAcidDose {
  return doseRow(z.number().min(0).max(250).parse(clearance));
}

function doseRow(clearance: number): ZoledronicAcidDose {
  const { shown, band } = cautiousTenth(clearance, floorToTenth, bandOfClearance);
  return { creatinineClearance: shown, band, doseMg: DOSE_BY_BAND[band] };
}

function summaryOf(dose: ZoledronicAcidDose, how: string): string {
  const clearance = `${formatNumber(dose.creatinineClearance)} mL/min`;
  return dose.doseMg === null
    ? `Creatinine clearance ${how} is ${clearance} (${dose.band}), so zoledronic acid is not recommended for bone metastases by its label.`
    : `Creatinine clearance ${how} is ${clearance} (${dose.band}), so the zoledronic acid dose for bone metastases per the label is ${formatNumber(dose.doseMg)} mg.`;
}

function indicatorOf(dose: ZoledronicAcidDose): Finding['indicator'] {
  return dose.doseMg === 4 ? 'info' : 'warning';
}

function doseFinding(dose: ZoledronicAcidDose, how: string, inputs: Finding['inputs']): Finding {
  return {
    id: 'zoledronic-acid-dose',
    title: 'Creatinine clearance and zoledronic acid dose',
    summary: summaryOf(dose, how),
    indicator: indicatorOf(dose),
    inputs,
    result: { creatinineClearanceMlPerMin: dose.creatinineClearance, band: dose.band, doseMg: dose.doseMg ?? 'not recommended' },
    passageIds: [COCKCROFT_GAULT_PASSAGE, BAND_PASSAGES[dose.band]],
  };
}

export function zoledronicAcidDoseFinding(input: ZoledronicAcidDoseInput): Finding {
  const { age, sex, weightKg, creatinineMgPerDl } = input;
  return doseFinding(zoledronicAcidDose(input), 'by Cockcroft-Gault', { age, sex, weightKg, creatinineMgPerDl });
}

/**
 * The same finding from the baseline creatinine. The label sets the dose by the baseline creatinine
 * clearance and, after an interruption for renal deterioration, resumes the same dose; a dose worked out
 * from a raised creatinine would lower it against the label.
 */
export function zoledronicAcidDoseFindingFromBaseline(input: Omit<ZoledronicAcidDoseInput, 'creatinineMgPerDl'> & { baselineCreatinineMgPerDl: number }): Finding {
  const { age, sex, weightKg, baselineCreatinineMgPerDl } = input;
  const dose = zoledronicAcidDose({ age, sex, weightKg, creatinineMgPerDl: baselineCreatinineMgPerDl });
  return doseFinding(dose, 'by Cockcroft-Gault from the baseline creatinine', { age, sex, weightKg, baselineCreatinineMgPerDl });
}

/** The same finding from a creatinine clearance stated in the case rather than calculated (`atBaseline` when a later one was told too). */
export function zoledronicAcidDoseFindingForClearance(clearance: number, atBaseline = false): Finding {
  return doseFinding(zoledronicAcidDoseForClearance(clearance), atBaseline ? 'at baseline' : 'as given', { creatinineClearance: clearance });
}
