import { z } from 'zod';
import { sinsInputSchema } from './calculators/sins-score.js';

// Conversion factors to the units the calculators and rules use (mg/dL, g/dL).
export const CREATININE_UMOL_PER_MG_DL = 88.4;
export const CALCIUM_MG_DL_PER_MMOL_L = 4.008;
export const ALBUMIN_G_L_PER_G_DL = 10;

export const METASTATIC_SITES = ['bone', 'liver', 'lung', 'brain', 'lymph-node', 'pleura', 'skin', 'other'] as const;
export const SYMPTOMS = [
  'back-pain',
  'bone-pain',
  'leg-weakness',
  'numbness',
  'bladder-dysfunction',
  'bowel-dysfunction',
  'thirst',
  'confusion',
  'vomiting',
  'constipation',
  'fever',
  'jaw-pain',
] as const;
export const LESION_SITES = ['upper-limb', 'lower-limb', 'peritrochanteric', 'spine', 'pelvis', 'rib', 'skull', 'other'] as const;
export const CORTICAL_INVOLVEMENT = ['under-one-third', 'one-third-to-two-thirds', 'over-two-thirds'] as const;

export type MetastaticSite = (typeof METASTATIC_SITES)[number];
export type Symptom = (typeof SYMPTOMS)[number];
export type LesionSite = (typeof LESION_SITES)[number];
export type CorticalInvolvement = (typeof CORTICAL_INVOLVEMENT)[number];

/** Micro sign, Greek mu and a plain "u" all mean micro; labs and keyboards use all three. */
function foldMicro(unit: string): string {
  return unit.trim().replace(/[\u00b5\u03bc]/g, 'u').toLowerCase();
}

/**
 * A lab value with its unit, converted to the canonical unit; the plausible range is checked after
 * conversion so one range serves every unit, and the error names `<field>.value`.
 */
function labValue<Unit extends string>(options: {
  units: Record<Unit, number>; // factor that turns a value in this unit into the canonical unit
  canonical: string;
  min: number;
  max: number;
}) {
  const unitNames = Object.keys(options.units) as Unit[];
  return z
    .strictObject({
      value: z.number().finite().positive('must be greater than 0'),
      unit: z.string().transform((unit, context) => {
        const folded = foldMicro(unit);
        const match = unitNames.find((name) => foldMicro(name) === folded);
        if (!match) {
          context.addIssue({ code: 'custom', message: `must be one of ${unitNames.join(', ')}` });
          return z.NEVER;
        }
        return match;
      }),
    })
    .transform((input, context) => {
      const converted = input.value * options.units[input.unit];
      if (converted < options.min || converted > options.max) {
        context.addIssue({
          code: 'custom',
          path: ['value'],
          message: `${input.value} ${input.unit} is outside the possible range (${options.min}–${options.max} ${options.canonical})`,
        });
        return z.NEVER;
      }
      return Math.round(converted * 1000) / 1000;
    });
}

function creatinineValue() {
  return labValue({ units: { 'mg/dL': 1, 'µmol/L': 1 / CREATININE_UMOL_PER_MG_DL }, canonical: 'mg/dL', min: 0.1, max: 30 });
}

const boneLesionSchema = z.strictObject({
  site: z.enum(LESION_SITES),
  /** Free-text description of where, e.g. "femoral neck", "T12". */
  location: z.string().trim().min(1).max(200).optional(),
  /** "present" is pain of unknown severity: enough for radiotherapy rules, not for a Mirels score. */
  pain: z.enum(['none', 'present', 'mild', 'moderate', 'functional']).optional(),
  type: z.enum(['lytic', 'blastic', 'mixed']).optional(),
  /** Fraction of the cortex destroyed: a number 0–1 or a Mirels band. */
  corticalInvolvement: z
    .union([z.number().min(0, 'must be a fraction from 0 to 1').max(1, 'must be a fraction from 0 to 1'), z.enum(CORTICAL_INVOLVEMENT)])
    .transform((value): CorticalInvolvement => {
      if (typeof value === 'string') return value;
      // Mirels bands: < 1/3, 1/3–2/3 (both ends included), > 2/3.
      if (value < 1 / 3) return 'under-one-third';
      if (value <= 2 / 3) return 'one-third-to-two-thirds';
      return 'over-two-thirds';
    })
    .optional(),
  pathologicalFracture: z.boolean().optional(),
  surgicallyStabilised: z.boolean().optional(),
});

// The spine findings of a case are exactly the six SINS components.
const spineSchema = sinsInputSchema;

const receptor = z.enum(['positive', 'negative']);

/**
 * A structured case as clients send it (`case` on `POST /v1/chat` and `POST /v1/rules/evaluate`).
 * Every field is optional: rules fire only on the facts they need. Lab values carry explicit units.
 */
export const caseSchema = z
  .strictObject({
    age: z.number().finite().positive('must be greater than 0').max(120, 'must be at most 120 years'),
    sex: z.enum(['female', 'male']),
    weightKg: z.number().finite().positive('must be greater than 0').max(400, 'must be at most 400 kg'),
    menopausalStatus: z.enum(['premenopausal', 'perimenopausal', 'postmenopausal']),
    er: receptor,
    pr: receptor,
    /** Hormone receptor status when ER and PR are not given separately ("HR+"). */
    hormoneReceptor: receptor,
    /** "low" is IHC 1+ or IHC 2+ with a negative ISH test: HER2-negative for first-line choices. */
    her2: z.enum(['positive', 'low', 'negative']),
    pdl1Cps: z.number().finite().min(0, 'must be 0 or more').max(100, 'must be at most 100'),
    germlineBrcaVariant: z.boolean(),
    pik3caMutation: z.boolean(),
    esr1Mutation: z.boolean(),
    /** AKT1 or PTEN alteration (capivasertib eligibility together with PIK3CA). */
    aktPathwayAlteration: z.boolean(),
    metastaticSites: z.array(z.enum(METASTATIC_SITES)).max(METASTATIC_SITES.length),
    metastaticLesionCount: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(1000, 'must be at most 1000'),
    /** Stated as oligometastatic (a limited number of metastases) without a count. */
    oligometastatic: z.boolean(),
    visceralCrisis: z.boolean(),
    priorLinesForMetastatic: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(30, 'must be at most 30'),
    priorCdk46Inhibitor: z.boolean(),
    priorChemotherapy: z.boolean(),
    /** Relapse within 12 months of (neo)adjuvant chemotherapy: counts as a line of therapy for ASCENT. */
    relapseWithin12MonthsOfAdjuvantChemotherapy: z.boolean(),
    creatinine: creatinineValue(),
    /**
     * Serum creatinine before zoledronic acid was started: the label doses by the baseline clearance and
     * judges renal deterioration by the rise from this value.
     */
    baselineCreatinine: creatinineValue(),
    /** A creatinine clearance stated directly (mL/min), used when it cannot be calculated from the case. */
    creatinineClearance: z.number().finite().positive('must be greater than 0').max(250, 'must be at most 250 mL/min'),
    /**
     * A creatinine clearance measured after zoledronic acid was started: it sets no dose (the label doses by
     * the clearance before the first one) and is answered by the label's rule for renal deterioration.
     */
    creatinineClearanceOnTreatment: z.number().finite().positive('must be greater than 0').max(250, 'must be at most 250 mL/min'),
    /** eGFR in mL/min/1.73 m²; not a substitute for Cockcroft-Gault clearance in zoledronic acid dosing. */
    egfr: z.number().finite().positive('must be greater than 0').max(200, 'must be at most 200 mL/min/1.73 m²'),
    /** Absolute neutrophil count in ×10⁹/L (1.0 ×10⁹/L is 1,000/mm³). */
    neutrophilCount: z.number().finite().min(0, 'must be 0 or more').max(30, 'must be at most 30 ×10⁹/L'),
    calcium: labValue({ units: { 'mg/dL': 1, 'mmol/L': CALCIUM_MG_DL_PER_MMOL_L }, canonical: 'mg/dL', min: 2, max: 25 }),
    /** A calcium value the lab has already corrected for albumin. */
    correctedCalcium: labValue({ units: { 'mg/dL': 1, 'mmol/L': CALCIUM_MG_DL_PER_MMOL_L }, canonical: 'mg/dL', min: 2, max: 25 }),
    albumin: labValue({ units: { 'g/dL': 1, 'g/L': 1 / ALBUMIN_G_L_PER_G_DL }, canonical: 'g/dL', min: 0.5, max: 7 }),
    pth: z.enum(['suppressed', 'normal', 'raised']),
    boneLesions: z.array(boneLesionSchema).max(50),
    spine: spineSchema,
    /** Scores computed elsewhere; when lesion or spine details give a score too, the higher one counts. */
    mirelsScore: z.number().int('must be a whole number').min(4, 'must be 4 to 12').max(12, 'must be 4 to 12'),
    sinsScore: z.number().int('must be a whole number').min(0, 'must be 0 to 18').max(18, 'must be 0 to 18'),
    spinalCordCompression: z.boolean(),
    /** false when the person is not a candidate for surgery (too unwell or frail for an operation). */
    fitForSurgery: z.boolean(),
    symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length),
    /** Already receiving a bone-modifying agent (zoledronic acid or denosumab): whether to start one is settled. */
    onBoneModifyingAgent: z.boolean(),
    /** The 24-hour total of regular oral morphine, in mg (MST 60 mg twice daily is 120). */
    regularOralMorphineMgPerDay: z.number().finite().positive('must be greater than 0').max(1000, 'must be at most 1000 mg'),
  })
  .partial()
  .transform(({ creatinine, baselineCreatinine, calcium, correctedCalcium, albumin, ...rest }) => {
    // A key sent as undefined means "not known", the same as leaving it out.
    const facts = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Partial<CaseFacts>;
    if (creatinine !== undefined) facts.creatinineMgPerDl = creatinine;
    if (baselineCreatinine !== undefined) facts.baselineCreatinineMgPerDl = baselineCreatinine;
    if (calcium !== undefined) facts.calciumMgPerDl = calcium;
    if (correctedCalcium !== undefined) facts.correctedCalciumMgPerDl = correctedCalcium;
    if (albumin !== undefined) facts.albuminGPerDl = albumin;
    return facts;
  });

export type CaseInput = z.input<typeof caseSchema>;
export type BoneLesion = z.output<typeof boneLesionSchema>;
export type SpineFindings = z.output<typeof spineSchema>;

/** Case facts with every lab value in one unit: creatinine (current and baseline) mg/dL, calcium mg/dL, albumin g/dL. */
export type CaseFacts = {
  age: number;
  sex: 'female' | 'male';
  weightKg: number;
  menopausalStatus: 'premenopausal' | 'perimenopausal' | 'postmenopausal';
  er: 'positive' | 'negative';
  pr: 'positive' | 'negative';
  hormoneReceptor: 'positive' | 'negative';
  her2: 'positive' | 'low' | 'negative';
  pdl1Cps: number;
  germlineBrcaVariant: boolean;
  pik3caMutation: boolean;
  esr1Mutation: boolean;
  aktPathwayAlteration: boolean;
  metastaticSites: MetastaticSite[];
  metastaticLesionCount: number;
  oligometastatic: boolean;
  visceralCrisis: boolean;
  priorLinesForMetastatic: number;
  priorCdk46Inhibitor: boolean;
  priorChemotherapy: boolean;
  relapseWithin12MonthsOfAdjuvantChemotherapy: boolean;
  creatinineMgPerDl: number;
  /** Serum creatinine before zoledronic acid was started; `creatinineMgPerDl` is then the latest value. */
  baselineCreatinineMgPerDl: number;
  /** The clearance the zoledronic acid dose is read from: the baseline one when a later one is given too. */
  creatinineClearance: number;
  /** A clearance measured after zoledronic acid was started. */
  creatinineClearanceOnTreatment: number;
  egfr: number;
  /** Absolute neutrophil count, ×10⁹/L. */
  neutrophilCount: number;
  calciumMgPerDl: number;
  correctedCalciumMgPerDl: number;
  albuminGPerDl: number;
  pth: 'suppressed' | 'normal' | 'raised';
  boneLesions: BoneLesion[];
  spine: SpineFindings;
  mirelsScore: number;
  sinsScore: number;
  spinalCordCompression: boolean;
  fitForSurgery: boolean;
  symptoms: Symptom[];
  onBoneModifyingAgent: boolean;
  /** The 24-hour total of regular oral morphine, mg. */
  regularOralMorphineMgPerDay: number;
};

export type CaseIssue = { path: string; message: string };

/** Parses a client case; on failure returns issues that name the field (`creatinine.value`). */
export function parseCase(input: unknown): { ok: true; facts: Partial<CaseFacts> } | { ok: false; issues: CaseIssue[] } {
  const result = caseSchema.safeParse(input);
  if (result.success) return { ok: true, facts: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(case)', message: issue.message })),
  };
}
