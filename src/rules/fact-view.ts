import type { CaseFacts, Symptom } from './case-schema.js';
import type { CalculatorResults } from './calculators/index.js';

export type FactValue = string | number | boolean | readonly string[];
/** The flat set of named facts rule conditions test: case facts plus what the calculators derived. */
export type FactView = Record<string, FactValue>;

/**
 * Fact names a rule may test. Each is documented here because rule files refer to them by name and
 * `rules:check` rejects any other name.
 */
export const FACT_NAMES = {
  age: 'years',
  sex: 'female | male',
  weightKg: 'kg',
  menopausalStatus: 'premenopausal | perimenopausal | postmenopausal',
  er: 'positive | negative',
  pr: 'positive | negative',
  her2: 'positive | low | negative',
  hormoneReceptor: 'positive when ER or PR is positive, negative when both are negative',
  subtype: 'hr-positive-her2-negative | her2-positive | triple-negative (HER2-low counts as HER2-negative)',
  her2Low: 'true when HER2 is low (IHC 1+ or 2+/ISH-negative)',
  pdl1Cps: 'PD-L1 combined positive score',
  germlineBrcaVariant: 'boolean',
  pik3caMutation: 'boolean',
  esr1Mutation: 'boolean',
  aktPathwayAlteration: 'boolean',
  metastaticSites: 'list of sites',
  metastatic: 'true when any metastasis is known',
  boneMetastases: 'true when bone metastases are known',
  metastaticLesionCount: 'number of metastatic lesions',
  oligometastatic: 'true when stated oligometastatic or 1 to 5 metastatic lesions are counted',
  visceralCrisis: 'boolean',
  priorLinesForMetastatic: 'lines of therapy given for metastatic disease',
  priorCdk46Inhibitor: 'boolean',
  priorChemotherapy: 'boolean',
  relapseWithin12MonthsOfAdjuvantChemotherapy: 'true when the cancer relapsed within 12 months of (neo)adjuvant chemotherapy',
  creatinineMgPerDl: 'mg/dL (the latest value when a baseline is given too)',
  baselineCreatinineMgPerDl: 'mg/dL, before zoledronic acid was started',
  renalDeterioration: 'true when creatinine rose from baseline by the zoledronic acid label definition of renal deterioration',
  egfr: 'mL/min/1.73 m²',
  neutrophilCount: 'absolute neutrophil count, ×10⁹/L',
  creatinineClearance: 'Cockcroft-Gault, mL/min (from the baseline creatinine when one is given)',
  zoledronicAcidDoseMg: 'label dose in mg (absent when not recommended)',
  calciumMgPerDl: 'mg/dL (measured)',
  albuminGPerDl: 'g/dL',
  correctedCalcium: 'albumin-corrected calcium, mg/dL',
  calciumBand: 'low | normal | mild | moderate | severe',
  pth: 'suppressed | normal | raised',
  maxMirelsScore: 'highest Mirels score: of the long-bone lesions and the score given',
  sinsScore: 'Spinal Instability Neoplastic Score: the higher of the calculated and the given score',
  sinsCategory: 'stable | indeterminate | unstable',
  spinalCordCompression: 'boolean',
  fitForSurgery: 'false when the person is not a candidate for surgery',
  neurologicalSigns: 'true when leg weakness, numbness, or a bladder or bowel change is reported: signs of possible cord compression',
  painfulBoneLesion: 'true when a bone lesion hurts and has no fracture, cord compression or fixation',
  painfulSpinalLesion: 'true when a spinal lesion hurts and has no fracture or fixation',
  postOperativeBoneLesion: 'true when a bone lesion has been surgically stabilised',
  pathologicalFracture: 'boolean',
  symptoms: 'list of symptoms',
  onBoneModifyingAgent: 'true when the person is already receiving zoledronic acid or denosumab',
  regularOralMorphineMgPerDay: 'the 24-hour total of regular oral morphine, mg',
} as const;

export type FactName = keyof typeof FACT_NAMES;

// Signs that a spinal lesion may be pressing on the cord: such a lesion is not an uncomplicated one.
export const NEUROLOGICAL_SYMPTOMS: ReadonlySet<Symptom> = new Set(['leg-weakness', 'numbness', 'bladder-dysfunction', 'bowel-dysfunction']);

export function deriveFactView(facts: Partial<CaseFacts>, calculated: CalculatorResults): FactView {
  const view: FactView = {};
  const set = (name: FactName, value: FactValue | undefined) => {
    if (value !== undefined) view[name] = value;
  };
  const copied = [
    'age', 'sex', 'weightKg', 'menopausalStatus', 'er', 'pr', 'her2', 'pdl1Cps', 'germlineBrcaVariant', 'pik3caMutation',
    'esr1Mutation', 'aktPathwayAlteration', 'metastaticSites', 'metastaticLesionCount', 'visceralCrisis',
    'priorLinesForMetastatic', 'priorCdk46Inhibitor', 'priorChemotherapy', 'relapseWithin12MonthsOfAdjuvantChemotherapy', 'creatinineMgPerDl', 'baselineCreatinineMgPerDl', 'egfr', 'neutrophilCount', 'calciumMgPerDl',
    'albuminGPerDl', 'pth', 'spinalCordCompression', 'fitForSurgery', 'symptoms', 'onBoneModifyingAgent', 'regularOralMorphineMgPerDay',
  ] as const satisfies readonly (keyof CaseFacts & FactName)[];
  for (const name of copied) set(name, facts[name]);
  if (facts.symptoms?.some((symptom) => NEUROLOGICAL_SYMPTOMS.has(symptom))) set('neurologicalSigns', true);

  const { er, pr, her2 } = facts;
  const hormoneReceptor =
    er === 'positive' || pr === 'positive'
      ? 'positive'
      : er === 'negative' && pr === 'negative'
        ? 'negative'
        : facts.hormoneReceptor;
  set('hormoneReceptor', hormoneReceptor);
  if (her2 !== undefined) set('her2Low', her2 === 'low');
  if (her2 === 'positive') set('subtype', 'her2-positive');
  else if (her2 !== undefined && hormoneReceptor === 'positive') set('subtype', 'hr-positive-her2-negative');
  else if (her2 !== undefined && hormoneReceptor === 'negative') set('subtype', 'triple-negative');

  const lesions = facts.boneLesions ?? [];
  const boneMetastases = (facts.metastaticSites?.includes('bone') ?? false) || lesions.length > 0 || facts.spine !== undefined;
  if (boneMetastases) set('boneMetastases', true);
  else if (facts.metastaticSites !== undefined) set('boneMetastases', false);
  if (boneMetastases || (facts.metastaticSites?.length ?? 0) > 0 || (facts.metastaticLesionCount ?? 0) > 0) set('metastatic', true);

  const count = facts.metastaticLesionCount;
  if (facts.oligometastatic === true || (count !== undefined && count >= 1 && count <= 5)) set('oligometastatic', true);
  else if (facts.oligometastatic === false || (count !== undefined && count > 5)) set('oligometastatic', false);

  if (lesions.length > 0) {
    const complicated = (lesion: (typeof lesions)[number]) => lesion.pathologicalFracture === true || lesion.surgicallyStabilised === true;
    const painful = (lesion: (typeof lesions)[number]) => lesion.pain !== undefined && lesion.pain !== 'none';
    set('painfulBoneLesion', facts.spinalCordCompression !== true && lesions.some((lesion) => painful(lesion) && !complicated(lesion)));
    set('painfulSpinalLesion', lesions.some((lesion) => lesion.site === 'spine' && painful(lesion) && !complicated(lesion)));
    set('postOperativeBoneLesion', lesions.some((lesion) => lesion.surgicallyStabilised === true));
    set('pathologicalFracture', lesions.some((lesion) => lesion.pathologicalFracture === true));
  }

  if (calculated.zoledronicAcid) {
    set('creatinineClearance', calculated.zoledronicAcid.creatinineClearance);
    if (calculated.zoledronicAcid.doseMg !== null) set('zoledronicAcidDoseMg', calculated.zoledronicAcid.doseMg);
  }
  if (calculated.renalDeterioration) set('renalDeterioration', calculated.renalDeterioration.deteriorated);
  if (calculated.calcium) {
    set('correctedCalcium', calculated.calcium.correctedCalcium);
    set('calciumBand', calculated.calcium.band);
  }
  // When a score is both given and calculated, the higher one counts: the more cautious reading.
  const mirelsScores = [...calculated.mirels.map((entry) => entry.score.score), ...(facts.mirelsScore !== undefined ? [facts.mirelsScore] : [])];
  if (mirelsScores.length > 0) set('maxMirelsScore', Math.max(...mirelsScores));
  const sinsScores = [calculated.sins?.score, facts.sinsScore].filter((score): score is number => score !== undefined);
  const sins = sinsScores.length > 0 ? Math.max(...sinsScores) : undefined;
  if (sins !== undefined) {
    set('sinsScore', sins);
    set('sinsCategory', sins >= 13 ? 'unstable' : sins >= 7 ? 'indeterminate' : 'stable');
  }
  return view;
}
