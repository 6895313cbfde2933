import { describe, expect, it } from 'vitest';
import { corpusTextsAndVariants } from '../helpers/corpus-variants.js';
import type { CaseFacts } from '../../src/rules/case-schema.js';
import { BASELINE_CREATININE_PATTERNS, describeFacts, extractCaseFacts, mergeCaseFacts, neurologicalSignsOf } from '../../src/rules/extract-facts.js';
import { hasUnboundedRepetition } from '../../src/triage/phrase-pattern.js';

type Case = [string, Partial<CaseFacts>];

function check(cases: Case[]) {
  it.each(cases)('%s', (text, expected) => {
    expect(extractCaseFacts(text)).toMatchObject(expected);
  });
}

describe('extractCaseFacts: age, sex, weight, menopause', () => {
  check([
    ['58-year-old postmenopausal woman', { age: 58, sex: 'female', menopausalStatus: 'postmenopausal' }],
    ['A 68 year old woman', { age: 68, sex: 'female' }],
    ['68 yo F', { age: 68, sex: 'female' }],
    ['58F with MBC', { age: 58, sex: 'female' }],
    ['64M', { age: 64, sex: 'male' }],
    ['62 y/o male', { age: 62, sex: 'male' }],
    ['aged 45', { age: 45 }],
    ['age: 71', { age: 71 }],
    ['a woman of 72, post-menopausal', { age: 72, sex: 'female', menopausalStatus: 'postmenopausal' }],
    ['patient is 80 years of age', { age: 80 }],
    ["I'm 52 and still have periods", { age: 52, sex: 'female', menopausalStatus: 'premenopausal' }],
    ['she is perimenopausal', { sex: 'female', menopausalStatus: 'perimenopausal' }],
    ['pre-menopausal', { menopausalStatus: 'premenopausal' }],
    ['post menopausal', { menopausalStatus: 'postmenopausal' }],
    ['went through the menopause at 50', { menopausalStatus: 'postmenopausal' }],
    ['70 kg', { weightKg: 70 }],
    ['weighs 82.5kg', { weightKg: 82.5 }],
    ['weight 154 lb', { weightKg: 69.9 }],
    ['He weighs 180 pounds', { sex: 'male', weightKg: 81.6 }],
    ['Mr Jones has bone metastases', { sex: 'male' }],
  ]);

  it('reads "MR morphine" as modified-release morphine, not as a man', () => {
    expect(extractCaseFacts('Patient on MR morphine 60 mg bd is barely rousable').sex).toBeUndefined();
  });

  it('leaves age out when the number is not an age', () => {
    expect(extractCaseFacts('creatinine 1.4 mg/dL, 3 lesions').age).toBeUndefined();
  });

  it('does not guess sex from both pronouns', () => {
    expect(extractCaseFacts('she asked whether he should come').sex).toBeUndefined();
  });

  it('reads the patient as the one a man or a woman asks for', () => {
    expect(extractCaseFacts('A man at the counter asks what dose his wife can take. She is on morphine.').sex).toBe('female');
    expect(extractCaseFacts('A lady phoned about her husband, he has bone mets').sex).toBe('male');
    // A man telling of his own illness, his wife beside him, is the patient.
    expect(extractCaseFacts('I am a man with breast cancer and a woman told me about it').sex).toBeUndefined();
    expect(extractCaseFacts('64M, his daughter is with him').sex).toBe('female');
  });
});

describe('extractCaseFacts: receptors and biomarkers', () => {
  check([
    ['ER+/PR+/HER2-', { er: 'positive', pr: 'positive', her2: 'negative' }],
    ['ER+ PR- HER2+', { er: 'positive', pr: 'negative', her2: 'positive' }],
    ['ER-/PR-/HER2+', { er: 'negative', pr: 'negative', her2: 'positive' }],
    ['ER+ HER2- breast cancer', { er: 'positive', her2: 'negative' }],
    ['ER positive, PR negative, HER2 low', { er: 'positive', pr: 'negative', her2: 'low' }],
    ['ER-positive, HER2-negative', { er: 'positive', her2: 'negative' }],
    ['HER2-negative, ER-positive', { er: 'positive', her2: 'negative' }],
    ['er pos, her2 neg', { er: 'positive', her2: 'negative' }],
    ['ER +ve PR -ve', { er: 'positive', pr: 'negative' }],
    ['oestrogen receptor positive', { er: 'positive' }],
    ['estrogen receptor-negative', { er: 'negative' }],
    ['progesterone receptor positive', { pr: 'positive' }],
    ['ER/PR positive, HER2 not amplified', { er: 'positive', pr: 'positive', her2: 'negative' }],
    ['ER and PR negative', { er: 'negative', pr: 'negative' }],
    ['ER 95%, PR 0%', { er: 'positive', pr: 'negative' }],
    ['HR+/HER2-', { hormoneReceptor: 'positive', her2: 'negative' }],
    ['hormone receptor-positive, HER2-negative', { hormoneReceptor: 'positive', her2: 'negative' }],
    ['HER2 low', { her2: 'low' }],
    ['HER2-low disease', { her2: 'low' }],
    ['HER2 1+', { her2: 'low' }],
    ['HER2 (IHC 1+)', { her2: 'low' }],
    ['HER2 2+/ISH-', { her2: 'low' }],
    ['HER2 2+ ISH negative', { her2: 'low' }],
    ['HER2 2+ FISH amplified', { her2: 'positive' }],
    ['HER2 IHC 3+', { her2: 'positive' }],
    ['HER2 0', { her2: 'negative' }],
    ['HER2-neg', { her2: 'negative' }],
    ['HER2 positive', { her2: 'positive' }],
    ['triple negative', { er: 'negative', pr: 'negative', her2: 'negative' }],
    ['TNBC', { er: 'negative', pr: 'negative', her2: 'negative' }],
    ['PD-L1 CPS 12', { pdl1Cps: 12 }],
    ['PD-L1 CPS ≥10', { pdl1Cps: 10 }],
    ['CPS of 5', { pdl1Cps: 5 }],
    ['gBRCA1 carrier', { germlineBrcaVariant: true }],
    ['germline BRCA2 pathogenic variant', { germlineBrcaVariant: true }],
    ['BRCA wild-type', { germlineBrcaVariant: false }],
    ['no BRCA mutation', { germlineBrcaVariant: false }],
    ['PIK3CA mutated', { pik3caMutation: true }],
    ['PIK3CA-mutant tumour', { pik3caMutation: true }],
    ['mutation in PIK3CA', { pik3caMutation: true }],
    ['PIK3CA wild type', { pik3caMutation: false }],
    ['ESR1 mutation detected', { esr1Mutation: true }],
    ['no ESR1 mutation', { esr1Mutation: false }],
    ['AKT1 mutation', { aktPathwayAlteration: true }],
    ['PTEN loss', { aktPathwayAlteration: true }],
    ['BRCA wild-type, no PIK3CA mutation, ESR1 mutation detected', { germlineBrcaVariant: false, pik3caMutation: false, esr1Mutation: true }],
  ]);

  it('does not read HER2 2+ without ISH as any status', () => {
    expect(extractCaseFacts('HER2 2+').her2).toBeUndefined();
  });

  it('does not read a hazard ratio as a hormone receptor status', () => {
    expect(extractCaseFacts('HR 0.82 for time to first SRE')).toEqual({});
  });

  it('does not read a somatic BRCA result as germline', () => {
    expect(extractCaseFacts('somatic BRCA2 mutation').germlineBrcaVariant).toBeUndefined();
  });

  it('does not take a CPS below a threshold as a value', () => {
    expect(extractCaseFacts('CPS < 10').pdl1Cps).toBeUndefined();
  });
});

describe('extractCaseFacts: disease extent and treatment history', () => {
  check([
    ['new bone metastases', { metastaticSites: ['bone'] }],
    ['bone mets', { metastaticSites: ['bone'] }],
    ['osseous metastases', { metastaticSites: ['bone'] }],
    ['bone-only disease', { metastaticSites: ['bone'] }],
    ['cancer has spread to my bones', { metastaticSites: ['bone'] }],
    ['liver and bone metastases', { metastaticSites: expect.arrayContaining(['bone', 'liver']) as unknown as CaseFacts['metastaticSites'] }],
    ['metastatic to the lungs and bones', { metastaticSites: expect.arrayContaining(['lung', 'bone']) as unknown as CaseFacts['metastaticSites'] }],
    ['brain mets', { metastaticSites: ['brain'] }],
    ['3 bone metastases', { metastaticLesionCount: 3 }],
    ['two lesions', { metastaticLesionCount: 2 }],
    ['a solitary bone metastasis', { metastaticLesionCount: 1 }],
    ['oligometastatic disease', { oligometastatic: true }],
    ['not oligometastatic', { oligometastatic: false }],
    ['widespread bone metastases', { oligometastatic: false }],
    ['no visceral crisis', { visceralCrisis: false }],
    ['visceral crisis with rising bilirubin', { visceralCrisis: true }],
    ['progressed on letrozole plus palbociclib', { priorLinesForMetastatic: 1, priorCdk46Inhibitor: true }],
    ['after ribociclib', { priorCdk46Inhibitor: true }],
    ['on letrozole + palbociclib for 2 years, now progressing', { priorCdk46Inhibitor: true }],
    ['CDK4/6 inhibitor-naive', { priorCdk46Inhibitor: false }],
    ['second-line', { priorLinesForMetastatic: 1 }],
    ['third line', { priorLinesForMetastatic: 2 }],
    ['HER2+ MBC, best 2L?', { priorLinesForMetastatic: 1 }],
    ['options for 3L', { priorLinesForMetastatic: 2 }],
    ['dose for HER2+ MBC in later-line?', { priorLinesForMetastatic: 1 }],
    ['first-line treatment', { priorLinesForMetastatic: 0 }],
    ['after 2 prior lines of chemotherapy', { priorLinesForMetastatic: 2, priorChemotherapy: true }],
    ['two previous regimens', { priorLinesForMetastatic: 2 }],
    ['treatment-naive', { priorLinesForMetastatic: 0 }],
    ['de novo stage IV', { priorLinesForMetastatic: 0 }],
    ['no prior chemotherapy', { priorChemotherapy: false }],
    ['previously treated with paclitaxel', { priorChemotherapy: true }],
  ]);

  it('does not read a volume in litres as a line of treatment', () => {
    expect(extractCaseFacts('aim for 2L urine output a day').priorLinesForMetastatic).toBeUndefined();
    expect(extractCaseFacts('1L of saline over 4 hours').priorLinesForMetastatic).toBeUndefined();
  });

  it('keeps sites that are negated out', () => {
    expect(extractCaseFacts('bone metastases, no liver metastases').metastaticSites).toEqual(['bone']);
    expect(extractCaseFacts('no liver or lung metastases').metastaticSites).toBeUndefined();
  });

  it('does not count a lesion size as a number of lesions', () => {
    expect(extractCaseFacts('2 cm lytic lesion in the femur').metastaticLesionCount).toBeUndefined();
  });

  it('does not read triple-negative named as a case to compare as the receptors of this one', () => {
    const facts = extractCaseFacts('What first-line systemic therapy is recommended for HER2-positive metastatic breast cancer with bone-only disease, and what changes if it is triple-negative?');
    expect(facts.her2).toBe('positive');
    expect(facts.er).toBeUndefined();
    expect(extractCaseFacts('triple-negative breast cancer with bone metastases').er).toBe('negative');
  });

  it('does not take a CDK4/6 inhibitor being taken now for one given before', () => {
    expect(extractCaseFacts("I've been started on palbociclib. Why do I need so many blood tests?").priorCdk46Inhibitor).toBeUndefined();
    expect(extractCaseFacts("I have a temperature of 38.5 and feel shivery. I'm on ribociclib.").priorCdk46Inhibitor).toBeUndefined();
  });

  it('takes no fact from visceral crisis asked about, and still reads it told before a question', () => {
    expect(extractCaseFacts('Bone and a few small liver lesions with normal liver tests. Is this visceral crisis, and what first-line treatment?').visceralCrisis).toBeUndefined();
    expect(extractCaseFacts('Does she meet the criteria for visceral crisis?').visceralCrisis).toBeUndefined();
    expect(extractCaseFacts('Liver mets with rising bilirubin - visceral crisis. Does she need chemo?').visceralCrisis).toBe(true);
    expect(extractCaseFacts('Patient in visceral crisis, what treatment?').visceralCrisis).toBe(true);
  });

  it('does not take "no visceral crisis, progressed on palbociclib" as no CDK4/6 inhibitor', () => {
    expect(extractCaseFacts('no visceral crisis, progressed on letrozole and palbociclib')).toMatchObject({ visceralCrisis: false, priorCdk46Inhibitor: true });
  });
});

describe('extractCaseFacts: laboratory values', () => {
  check([
    ['creatinine 1.4 mg/dL', { creatinineMgPerDl: 1.4 }],
    ['creatinine of 1.2', { creatinineMgPerDl: 1.2 }],
    ['Cr 1.6', { creatinineMgPerDl: 1.6 }],
    ['SCr 0.9 mg/dl', { creatinineMgPerDl: 0.9 }],
    ['serum creatinine was 1,4 mg/dL', { creatinineMgPerDl: 1.4 }],
    ['creat 124 umol/L', { creatinineMgPerDl: 1.403 }],
    ['creatinine 110 µmol/L', { creatinineMgPerDl: 1.244 }],
    ['serum creatinine was 95', { creatinineMgPerDl: 1.075 }],
    ['CrCl 45 mL/min', { creatinineClearance: 45 }],
    ['creatinine clearance of 38 ml/min', { creatinineClearance: 38 }],
    // "creat clearance", and the method named after the label, are a clearance too.
    ['her creat clearance (C-G) is 45. dose?', { creatinineClearance: 45 }],
    ['creatinine clearance (Cockcroft-Gault) 52 mL/min', { creatinineClearance: 52 }],
    // A clearance told as a change is the value now.
    ['and if CrCl drops to 25?', { creatinineClearance: 25 }],
    ['her CrCl has fallen to 28 mL/min', { creatinineClearance: 28 }],
    ['her CrCl has drifted down to 27 over the last few months', { creatinineClearance: 27 }],
    ['eGFR 35', { egfr: 35 }],
    ['eGFR of 28 mL/min/1.73m2', { egfr: 28 }],
    ['GFR 40', { egfr: 40 }],
    // An eGFR told as a change is its latest value; the figure it came from is not read.
    ['eGFR drifted 70 -> 48 over 6 months. zol dose?', { egfr: 48 }],
    ['egfr from 70 to 48 ml/min', { egfr: 48 }],
    ['eGFR 35, now 25', { egfr: 25 }],
    ['her eGFR has fallen to 35', { egfr: 35 }],
    ['Ca 12.8, albumin 2.9', { calciumMgPerDl: 12.8, albuminGPerDl: 2.9 }],
    ['calcium 11.2 mg/dL and alb 3.0', { calciumMgPerDl: 11.2, albuminGPerDl: 3 }],
    ['Ca 2.9 mmol/L, albumin 30 g/L', { calciumMgPerDl: 11.623, albuminGPerDl: 3 }],
    ['serum calcium is 3.1', { calciumMgPerDl: 12.425 }],
    ['corrected calcium 3.2 mmol/L', { correctedCalciumMgPerDl: 12.826 }],
    ['adjusted calcium of 13.1 mg/dL', { correctedCalciumMgPerDl: 13.1 }],
    ['my calcium came back at 3.3', { calciumMgPerDl: 13.226 }],
    ['calcium result came back as 3.1 mmol/L', { calciumMgPerDl: 12.425 }],
    ["calcium on Monday's bloods was 3.2", { calciumMgPerDl: 12.826 }],
    ['creatinine on the bloods today 150 umol/L', { creatinineMgPerDl: 1.697 }],
    ['neuts back at 0.3 on palbo', { neutrophilCount: 0.3 }],
    ['corr Ca 2.0 mmol/L', { correctedCalciumMgPerDl: 8.016 }],
    ['calcium still 3.3 on day 4', { calciumMgPerDl: 13.226 }],
    ['neutrophils are back at 0.3', { neutrophilCount: 0.3 }],
    ['ANC 0.8', { neutrophilCount: 0.8 }],
    ['neutrophils 1.2 x10^9/L', { neutrophilCount: 1.2 }],
    ['neutrophil count of 800/mm3', { neutrophilCount: 0.8 }],
    ['neuts 0.3 on palbo', { neutrophilCount: 0.3 }],
    ['PTH suppressed', { pth: 'suppressed' }],
    ['PTH is inappropriately normal', { pth: 'normal' }],
    ['high PTH', { pth: 'raised' }],
  ]);

  it('reads no line of therapy from a question whether a treatment has failed', () => {
    expect(extractCaseFacts('Her pain is worse three days after radiotherapy. Has it failed?').priorLinesForMetastatic).toBeUndefined();
    expect(extractCaseFacts('Failed letrozole and palbociclib, what next?').priorLinesForMetastatic).toBe(1);
  });

  it('reads a neutrophil count only when its unit is clear, and never rounds it into a milder grade', () => {
    // A differential is a share, not a count; 45 could be ×10⁹/L or per mm³ and is not read.
    expect(extractCaseFacts('neutrophils 60%').neutrophilCount).toBeUndefined();
    expect(extractCaseFacts('neutrophils 45').neutrophilCount).toBeUndefined();
    expect(extractCaseFacts('ANC 1,200').neutrophilCount).toBe(1.2);
    expect(extractCaseFacts('ANC 0.9996').neutrophilCount).toBeLessThan(1);
    expect(describeFacts(extractCaseFacts('neutrophils 0.7 on ribociclib'))).toContain('Absolute neutrophil count: 0.7 ×10⁹/L (grade 3 neutropenia)');
  });

  it('reads a value that ends its sentence, but not part of a longer number', () => {
    expect(extractCaseFacts('My adjusted calcium is 3.4. Been vomiting since lunch.').correctedCalciumMgPerDl).toBeCloseTo(13.6, 1);
    expect(extractCaseFacts('Creatinine 1.7.').creatinineMgPerDl).toBe(1.7);
    expect(extractCaseFacts('calcium 3.4.5').calciumMgPerDl).toBeUndefined();
  });

  it('keeps creatinine clearance apart from creatinine', () => {
    expect(extractCaseFacts('CrCl 45 mL/min').creatinineMgPerDl).toBeUndefined();
  });

  it('does not read ionised calcium as total calcium', () => {
    expect(extractCaseFacts('ionised calcium 1.45 mmol/L').calciumMgPerDl).toBeUndefined();
  });

  it('does not read "breast ca 2 years ago" as a calcium value', () => {
    expect(extractCaseFacts('breast ca 2 years ago').calciumMgPerDl).toBeUndefined();
  });

  it('does not read the tumour markers CA 15-3 and CA 19-9 as calcium values, but still reads a calcium beside them', () => {
    expect(extractCaseFacts('ALP and CA 15-3 are falling').calciumMgPerDl).toBeUndefined();
    expect(extractCaseFacts('CA 19-9 raised').calciumMgPerDl).toBeUndefined();
    expect(extractCaseFacts('CA 15-3 falling, Ca 3.1 mmol/L').calciumMgPerDl).toBeCloseTo(12.4, 1);
  });

  it('uses a corrected calcium instead of correcting twice', () => {
    const facts = extractCaseFacts('corrected calcium 12.6 mg/dL, albumin 2.5');
    expect(facts.correctedCalciumMgPerDl).toBe(12.6);
    expect(facts.calciumMgPerDl).toBeUndefined();
  });

  it('skips a creatinine without a unit when the number fits neither unit', () => {
    expect(extractCaseFacts('creatinine 25').creatinineMgPerDl).toBeUndefined();
  });
});

describe('extractCaseFacts: baseline creatinine', () => {
  const bothRead = (baselineCreatinineMgPerDl: number, creatinineMgPerDl: number) => ({ baselineCreatinineMgPerDl, creatinineMgPerDl });

  it.each([
    ['baseline creat 0.9', { baselineCreatinineMgPerDl: 0.9 }],
    ['Baseline creatinine of 0.9 mg/dL', { baselineCreatinineMgPerDl: 0.9 }],
    ['creatinine 1.5 (baseline 0.9)', bothRead(0.9, 1.5)],
    ['creat 1.5, baseline 0.9', bothRead(0.9, 1.5)],
    ['Creatinine 68 baseline, now 121 umol/L', bothRead(0.769, 1.369)],
    ['creatinine 68 at baseline, 121 today', bothRead(0.769, 1.369)],
    ['creatinine 0.9 baseline', { baselineCreatinineMgPerDl: 0.9 }],
    // The value at the start of zoledronic acid is its baseline.
    ['creat was 0.8 at start of zol, now 1.4 mg/dL', bothRead(0.8, 1.4)],
    ['creatinine 0.8 at the start of treatment and 1.4 today', bothRead(0.8, 1.4)],
    ['creatinine rose from 0.9 to 1.5', bothRead(0.9, 1.5)],
    ['creat up from 0.9 to 1.5 mg/dL', bothRead(0.9, 1.5)],
    ['Creatinine has gone from 0.9 to 1.5', bothRead(0.9, 1.5)],
    ['creatinine 1.5 up from 0.9', bothRead(0.9, 1.5)],
    ['creatinine 132 umol/L, baseline 80', bothRead(0.905, 1.493)],
    ['creatinine 132 µmol/L (baseline 80 µmol/L)', bothRead(0.905, 1.493)],
    ['creatinine from 80 to 132 umol/L', bothRead(0.905, 1.493)],
    ['CREATININE 1.5 MG/DL, UP FROM A BASELINE OF 0.9 MG/DL', bothRead(0.9, 1.5)],
    ['creatinine 1.5 vs. baseline 0.9', bothRead(0.9, 1.5)],
    ['baseline creatinine 0.9, now 1.5', bothRead(0.9, 1.5)],
    ['creatinine at baseline 0.9, today 1.5', bothRead(0.9, 1.5)],
    ['creatinine was 0.9 at baseline and is now 1.5', bothRead(0.9, 1.5)],
    ['baseline creatinine of 1.0 mg/dL and it is now 1.6 mg/dL', bothRead(1, 1.6)],
    ["baseline creat 0.9, it's now 1.5", bothRead(0.9, 1.5)],
    ['Cr 0.9 → 1.5', bothRead(0.9, 1.5)],
    ['Creatinine is 160. Baseline was 112.', bothRead(1.267, 1.81)],
    ['creatinine before the 3rd dose is 1.7 mg/dL, it was 1.1 at baseline', bothRead(1.1, 1.7)],
    ['creat before the next infusion 1.5, it was 0.9 at baseline', bothRead(0.9, 1.5)],
  ])('%s', (text, expected) => {
    expect(extractCaseFacts(text)).toEqual(expected);
  });

  it('reads the current creatinine as the later value, never the baseline stated first', () => {
    expect(extractCaseFacts("Baseline creat 0.9, on zol 4 mg q4w, creat 1.5 mg/dL on today's pre-dose bloods. Hold it? When do we restart, and at what dose?")).toEqual({ ...bothRead(0.9, 1.5), onBoneModifyingAgent: true });
    // …or the bloods told after it with a creatinine's unit.
    expect(extractCaseFacts('had a baseline serum creatinine of 0.8 mg/dL. Her pre-infusion bloods today show 1.5 mg/dL')).toMatchObject(bothRead(0.8, 1.5));
    expect(extractCaseFacts('baseline creatinine 0.8 mg/dL; her calcium results are 2.4 mmol/L')).not.toHaveProperty('creatinineMgPerDl');
    expect(extractCaseFacts('creatinine 1.5 today, baseline creatinine 0.9')).toEqual(bothRead(0.9, 1.5));
    expect(extractCaseFacts('68 yo woman, 70 kg, baseline cr 1.1, cr 1.7 this week')).toMatchObject({ age: 68, sex: 'female', weightKg: 70, ...bothRead(1.1, 1.7) });
  });

  it('keeps a baseline when zoledronic acid was given, paused or is being asked about', () => {
    for (const text of [
      'Baseline creat 0.9, on zol, creat 1.5 today. Hold it, or no zol this month?',
      'baseline creatinine 0.9; has not had zoledronic acid for 3 months; creatinine 1.5 now',
    ]) {
      expect(extractCaseFacts(text), text).toMatchObject(bothRead(0.9, 1.5));
    }
  });

  it('reads the 24-hour total of regular oral morphine from a modified-release dose and how often it is taken', () => {
    const total = (text: string) => extractCaseFacts(text).regularOralMorphineMgPerDay;
    expect(total('on MST 60 mg bd. what breakthrough dose of oramorph?')).toBe(120);
    expect(total('pt on zomorph 30mg twice daily, breakthrough pain')).toBe(60);
    expect(total('she takes 20 mg twice a day of MR morphine')).toBe(40);
    expect(total('morphine sulfate MR 45 mg 12-hourly')).toBe(90);
    expect(total('oral morphine 30 mg a day in total')).toBe(30);
    expect(total('pt on MST 60 bd, breakthrough pain not controlled')).toBe(120);
    // No frequency, an immediate-release dose, another opioid, or two regimens told: nothing is read.
    expect(total('on MST 60 mg')).toBeUndefined();
    expect(total('oramorph 10 mg when needed')).toBeUndefined();
    expect(total('oral morphine 10 mg 4-hourly')).toBeUndefined();
    expect(total('oxycodone MR 20 mg bd')).toBeUndefined();
    expect(total('was on MST 30 mg bd, now MST 60 mg bd')).toBeUndefined();
    expect(total('morphine 10 mg subcut')).toBeUndefined();
  });

  it('reads a bone-modifying agent the person is already on, not one about to start or never had', () => {
    const on = (text: string) => extractCaseFacts(text).onBoneModifyingAgent;
    expect(on('a woman on 12-weekly zoledronic acid for bone metastases')).toBe(true);
    expect(on('has had zoledronic acid for breast cancer bone metastases for 4 years')).toBe(true);
    expect(on('dmab q4w pt, last inj 10 wks ago')).toBe(true);
    expect(on('Lady on denosumab 120 mg for bone mets')).toBe(true);
    expect(on('starting denosumab next week')).toBeUndefined();
    expect(on('she has never had zol')).toBeUndefined();
    expect(on('not on a bisphosphonate yet')).toBeUndefined();
    expect(on('should she start zoledronic acid or denosumab?')).toBeUndefined();
  });

  it.each([
    ['creatinine 1.5', { creatinineMgPerDl: 1.5 }],
    ['baseline scan 3 months ago, creatinine 1.5', { creatinineMgPerDl: 1.5 }],
    ['creatinine 1.5, baseline 3 months ago', { creatinineMgPerDl: 1.5 }],
    ['baseline bone scan showed lytic lesions; creat 1.2', { creatinineMgPerDl: 1.2 }],
    ['baseline creatinine clearance 60 mL/min, creatinine 1.5', { creatinineClearance: 60, creatinineMgPerDl: 1.5 }],
    ['creatinine 1.5 from bloods 2 days ago', { creatinineMgPerDl: 1.5 }],
    ['baseline creat 0.9, now on zol 4 mg', { baselineCreatinineMgPerDl: 0.9 }],
    ['creatinine 1.5 mg/dL, baseline 80', { creatinineMgPerDl: 1.5 }], // 80 mg/dL is no creatinine
    ['68-year-old woman, 70 kg, creatinine 1.6 mg/dL → 37.2 mL/min → 3 mg', { creatinineMgPerDl: 1.6 }],
    // Before any zoledronic acid, a "baseline" is no zoledronic acid baseline: the first dose goes by today's value.
    ['Labs: creatinine 1.6 mg/dL (baseline 0.9). She has not yet received any bone-modifying agent.', { creatinineMgPerDl: 1.6 }],
    ['bisphosphonate-naive; creatinine rose from 0.9 to 1.5', { creatinineMgPerDl: 1.5 }],
    ['Baseline creat 0.9, creat 1.5 today, no zoledronic acid given yet', { creatinineMgPerDl: 1.5 }],
  ])('does not read a baseline (or a current value) that is not there: %s', (text, expected) => {
    expect(extractCaseFacts(text)).toMatchObject(expected);
    expect(Object.keys(extractCaseFacts(text)).filter((key) => key.toLowerCase().includes('creatinine')).sort()).toEqual(Object.keys(expected).filter((key) => key.toLowerCase().includes('creatinine')).sort());
  });

  it('lists the baseline among the understood facts', () => {
    expect(describeFacts(extractCaseFacts('creatinine 1.5 (baseline 0.9)'))).toEqual(['Serum creatinine: 1.5 mg/dL', 'Baseline serum creatinine: 0.9 mg/dL']);
  });

  it('reads them with patterns of bounded repetition only, so a scan stays linear in the length of the text', () => {
    expect(BASELINE_CREATININE_PATTERNS.length).toBeGreaterThan(3);
    expect(BASELINE_CREATININE_PATTERNS.filter((pattern) => hasUnboundedRepetition(pattern.source)).map((pattern) => pattern.source)).toEqual([]);
  });
});

describe('extractCaseFacts: bone lesions, spine and symptoms', () => {
  check([
    ['lytic lesion in the femoral neck with pain on walking', { boneLesions: [{ site: 'peritrochanteric', location: 'femoral neck', type: 'lytic', pain: 'functional' }] }],
    // Pain brought on by using the limb is the functional pain Mirels scores 3.
    ['lytic lesion in the humeral shaft, about half the cortex, painful on use', { boneLesions: [{ site: 'upper-limb', type: 'lytic', pain: 'functional', corticalInvolvement: 'one-third-to-two-thirds' }] }],
    ['lytic humeral lesion, painful with arm use', { boneLesions: [{ site: 'upper-limb', type: 'lytic', pain: 'functional' }] }],
    ['blastic lesion of the humerus, mild pain, 50% cortical involvement', { boneLesions: [{ site: 'upper-limb', type: 'blastic', pain: 'mild', corticalInvolvement: 'one-third-to-two-thirds' }] }],
    ['painless sclerotic lesion in the tibia', { boneLesions: [{ site: 'lower-limb', type: 'blastic', pain: 'none' }] }],
    ['mixed lytic/sclerotic lesion in the proximal femur involving more than two-thirds of the cortex, severe pain', { boneLesions: [{ site: 'peritrochanteric', type: 'mixed', pain: 'functional', corticalInvolvement: 'over-two-thirds' }] }],
    ['intertrochanteric lytic metastasis, moderate pain, less than a third of the cortex', { boneLesions: [{ site: 'peritrochanteric', type: 'lytic', pain: 'moderate', corticalInvolvement: 'under-one-third' }] }],
    // One site in two words, and a case's pain told in a sentence of its own.
    ['sclerotic metastasis in the left peritrochanteric femur, about half of the cortical thickness. She has moderate pain.', { sex: 'female', boneLesions: [{ site: 'peritrochanteric', location: 'peritrochanteric femur', type: 'blastic', corticalInvolvement: 'one-third-to-two-thirds', pain: 'moderate' }] }],
    ['lytic lesion in the humerus. She has severe back pain.', { sex: 'female', boneLesions: [{ site: 'upper-limb', type: 'lytic' }], symptoms: ['back-pain'] }],
    ['lytic lesion of the femoral shaft, 80% cortical destruction', { boneLesions: [{ site: 'lower-limb', type: 'lytic', corticalInvolvement: 'over-two-thirds' }] }],
    ['pathological fracture of the right humerus', { boneLesions: [{ site: 'upper-limb', pathologicalFracture: true }] }],
    ['s/p intramedullary nailing of the femur for a lytic metastasis', { boneLesions: [{ site: 'lower-limb', surgicallyStabilised: true }] }],
    ['T12 vertebral metastasis with back pain', { boneLesions: [{ site: 'spine', pain: 'present' }], symptoms: ['back-pain'] }],
    ['painful lytic rib lesion', { boneLesions: [{ site: 'rib', type: 'lytic', pain: 'present' }] }],
    ['MRI shows spinal cord compression at T10', { spinalCordCompression: true }],
    ['cord compression ruled out on MRI', { spinalCordCompression: false }],
    ['no evidence of MSCC', { spinalCordCompression: false }],
    ['Mirels score 9', { mirelsScore: 9 }],
    ["Mirels' score of 8", { mirelsScore: 8 }],
    ['SINS of 11', { sinsScore: 11 }],
    ['new back pain and leg weakness', { symptoms: ['back-pain', 'leg-weakness'] }],
    ['very thirsty, confused and constipated', { symptoms: ['thirst', 'confusion', 'constipation'] }],
    ['fever of 38.6 after chemo', { symptoms: ['fever'] }],
    ['jaw pain after a tooth extraction', { symptoms: ['jaw-pain'] }],
  ]);

  it('keeps two lesions in one sentence apart', () => {
    const facts = extractCaseFacts('lytic lesion in the femoral neck and a blastic lesion in the humerus');
    expect(facts.boneLesions).toEqual([
      { site: 'peritrochanteric', location: 'femoral neck', type: 'lytic' },
      { site: 'upper-limb', location: 'humerus', type: 'blastic' },
    ]);
  });

  it('reads "PD-L1" as the protein, not a lesion at L1', () => {
    expect(extractCaseFacts('Triple-negative breast cancer with new bone metastases, PD-L1 CPS 10 or more. First-line?').boneLesions).toBeUndefined();
    expect(extractCaseFacts('PDL1 positive, painful lesion at L1').boneLesions).toEqual([{ site: 'spine', location: 'l1', pain: 'present' }]);
  });

  it('reads an atypical femoral fracture as a harm of a bone medicine, not a fracture through a metastasis', () => {
    expect(extractCaseFacts('atypical femoral fracture on zoledronic acid for 5 years').boneLesions).toBeUndefined();
    expect(extractCaseFacts('AFF on zol x5y').boneLesions).toBeUndefined();
    expect(extractCaseFacts('pathological fracture of the femur through a lytic metastasis').boneLesions?.[0]?.pathologicalFracture).toBe(true);
  });

  it('marks a fracture that is denied as absent', () => {
    expect(extractCaseFacts('no fracture, lytic lesion in the femur').boneLesions?.[0]?.pathologicalFracture).toBe(false);
  });

  it('does not treat a suspicion as a confirmed cord compression', () => {
    expect(extractCaseFacts('suspected cord compression').spinalCordCompression).toBeUndefined();
  });

  it('ignores negated symptoms', () => {
    expect(extractCaseFacts('back pain but no leg weakness, numbness or bladder problems').symptoms).toEqual(['back-pain']);
    expect(extractCaseFacts('denies fever or vomiting').symptoms).toBeUndefined();
  });

  it('adds bone to the metastatic sites when a bone lesion is described', () => {
    expect(extractCaseFacts('lytic lesion in the humerus').metastaticSites).toEqual(['bone']);
  });
});

describe('extractCaseFacts: whole messages', () => {
  it('reads the issue example', () => {
    expect(
      extractCaseFacts('68-year-old woman, 70 kg, creatinine 1.6 mg/dL, new bone metastases from ER+ HER2- breast cancer — which bone agent and what dose?'),
    ).toEqual({ age: 68, sex: 'female', weightKg: 70, creatinineMgPerDl: 1.6, er: 'positive', her2: 'negative', metastaticSites: ['bone'] });
  });

  it('is deterministic', () => {
    const text = '58-year-old postmenopausal woman, ER+/PR+/HER2-, Ca 12.8, albumin 2.9, eGFR 35, lytic lesion in the femoral neck with pain on walking';
    expect(extractCaseFacts(text)).toEqual(extractCaseFacts(text));
  });

  it('returns nothing for a question without case facts', () => {
    expect(extractCaseFacts('How does denosumab work?')).toEqual({});
  });
});

describe('mergeCaseFacts and describeFacts', () => {
  it('lets later (explicit) facts win', () => {
    expect(mergeCaseFacts({ age: 60, sex: 'female' }, { age: 62 })).toEqual({ age: 62, sex: 'female' });
  });

  it('lists understood facts in words and units', () => {
    const lines = describeFacts(
      extractCaseFacts('68-year-old woman, 70 kg, creatinine 1.6 mg/dL, ER+ HER2- with a lytic lesion in the femoral neck with pain on walking'),
    );
    expect(lines).toEqual([
      'Age: 68 years',
      'Sex: female',
      'Weight: 70 kg',
      'Receptors: ER positive, HER2 negative',
      'Metastatic sites: bone',
      'Serum creatinine: 1.6 mg/dL',
      'Bone lesion: lytic, femoral neck (peritrochanteric femur), functional pain',
    ]);
  });

  it('describes an empty case as no lines', () => {
    expect(describeFacts({})).toEqual([]);
  });
});

describe('questions about a condition record no case fact', () => {
  it.each(['What is cord compression?', 'Should I worry about cord compression?', 'What are the signs of spinal cord compression?', 'Can breast cancer cause MSCC?', 'Tell me about cord compression'])(
    '%s → no spinal cord compression fact',
    (text) => {
      expect(extractCaseFacts(text).spinalCordCompression).toBeUndefined();
      expect(describeFacts(extractCaseFacts(text))).toEqual([]);
    },
  );

  it('still records a reported cord compression, in a question about its treatment too', () => {
    expect(extractCaseFacts('Patient with cord compression at T10, what radiotherapy dose?').spinalCordCompression).toBe(true);
    expect(extractCaseFacts('She has cord compression. What should we do?').spinalCordCompression).toBe(true);
  });
});

describe('a person not fit for surgery', () => {
  it.each(['MSCC at T10, not fit for surgery', 'Cord compression but she is not a surgical candidate', 'Too frail for an operation, cord compression at L1'])('%s → fitForSurgery false', (text) => {
    expect(extractCaseFacts(text).fitForSurgery).toBe(false);
    expect(describeFacts(extractCaseFacts(text))).toContain('Fit for surgery: no');
  });

  it('records nothing when fitness for surgery is not told, or is asked', () => {
    expect(extractCaseFacts('MSCC at T10, what radiotherapy dose?').fitForSurgery).toBeUndefined();
    expect(extractCaseFacts('Is she fit for surgery with cord compression?').fitForSurgery).toBeUndefined();
  });
});

describe('relapse after (neo)adjuvant chemotherapy', () => {
  check([
    ['relapsed 8 months after adjuvant chemotherapy', { relapseWithin12MonthsOfAdjuvantChemotherapy: true }],
    ['metastatic recurrence within 12 months of completing neoadjuvant chemotherapy', { relapseWithin12MonthsOfAdjuvantChemotherapy: true }],
    ['relapsed 30 months after adjuvant chemotherapy', { relapseWithin12MonthsOfAdjuvantChemotherapy: false }],
  ]);

  it('leaves the fact out when no interval is stated', () => {
    expect(extractCaseFacts('relapsed after adjuvant chemotherapy').relapseWithin12MonthsOfAdjuvantChemotherapy).toBeUndefined();
  });
});

describe('the prefilter of the fact readers', () => {
  it('yields exactly the facts that running every reader yields, on every corpus text and variants of it', () => {
    const { texts, all } = corpusTextsAndVariants();
    expect(texts.length).toBeGreaterThan(4000);
    const differ = all.filter((text) => JSON.stringify(extractCaseFacts(text)) !== JSON.stringify(extractCaseFacts(text, { prefilter: false })));
    expect(differ).toEqual([]);
    // The corpus states facts of every kind, so each reader is shown to run where it should.
    const stated = new Set(texts.flatMap((text) => Object.keys(extractCaseFacts(text))));
    expect([...stated].sort()).toEqual(expect.arrayContaining(['age', 'boneLesions', 'calciumMgPerDl', 'er', 'her2', 'metastaticSites', 'priorLinesForMetastatic', 'sex', 'symptoms', 'weightKg']));
  }, 60_000);

  it('skips nothing a message states', () => {
    expect(extractCaseFacts('72 yo woman, calcium 3.1 mmol/L, lytic lesion in the femur, no fever')).toMatchObject({ age: 72, sex: 'female', boneLesions: [{ site: 'lower-limb', type: 'lytic' }] });
    expect(extractCaseFacts('What is the dose of denosumab?')).toEqual({});
  });
});

describe('neurologicalSignsOf', () => {
  it.each([
    ['new weakness in both legs since this morning', 'reported'],
    ['numbness in her bottom and she cannot pass urine', 'reported'],
    ['no leg weakness, no sensory change', 'denied'],
    ['back pain, neuro intact', 'denied'],
    ['no neurological deficit on examination', 'denied'],
    ['back pain for a week', undefined],
    ['New mid-back pain x1/52, no neuro sx so far.', 'denied'],
    ['pain worse lying flat, waking her at night. still no weakness.', 'denied'],
    ['no weakness yesterday but her legs are weak today', 'reported'],
  ])('%s', (text, expected) => {
    expect(neurologicalSignsOf(text)).toBe(expected);
  });
});
