// The rule corrections the issue asked for, each on the case that showed the fault, with the bundled
// rules and knowledge, and the case that should still fire beside it.
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectKnowledge } from '../../src/knowledge/load-knowledge.js';
import type { CaseFacts } from '../../src/rules/case-schema.js';
import { extractCaseFacts } from '../../src/rules/extract-facts.js';
import { loadRules } from '../../src/rules/load-rules.js';
import type { RulesEngine } from '../../src/rules/rules-engine.js';

let engine: RulesEngine;
beforeAll(async () => {
  engine = await loadRules('rules', (await inspectKnowledge('knowledge')).base);
});

const ids = (facts: Partial<CaseFacts>) => engine.evaluate(facts).map((finding) => finding.id);
const byId = (facts: Partial<CaseFacts>, id: string) => engine.evaluate(facts).find((finding) => finding.id === id);

describe('rule fixes', () => {
  it('lists no bone-metastasis schedule, reduced for clearance, beside moderate or severe hypercalcaemia', () => {
    for (const correctedCalciumMgPerDl of [13.6, 15]) expect(ids({ metastaticSites: ['bone'], correctedCalciumMgPerDl })).not.toContain('bma-options');
    expect(ids({ metastaticSites: ['bone'], correctedCalciumMgPerDl: 9.5 })).toContain('bma-options');
  });

  it('withholds zoledronic acid when the creatinine told as "it is now" has risen 0.5 mg/dL from a normal baseline', () => {
    const facts = extractCaseFacts('A patient on zoledronic acid had a baseline creatinine of 1.0 mg/dL and it is now 1.6 mg/dL. Should I give the next dose?');
    expect(engine.evaluate(facts).some((finding) => /withheld/.test(finding.summary))).toBe(true);
    expect(engine.evaluate(extractCaseFacts('A patient on zoledronic acid had a baseline creatinine of 1.0 mg/dL and it is now 1.2 mg/dL.')).some((finding) => /withheld/.test(finding.summary))).toBe(false);
  });

  it('gives no calcium and vitamin D supplement card in hypercalcaemia', () => {
    for (const correctedCalciumMgPerDl of [12.8, 15]) {
      const findings = ids({ metastaticSites: ['bone'], correctedCalciumMgPerDl });
      expect(findings).toContain('hypercalcaemia-treatment');
      expect(findings).not.toContain('bma-calcium-vitamin-d');
    }
    expect(ids({ metastaticSites: ['bone'], correctedCalciumMgPerDl: 9.5 })).toContain('bma-calcium-vitamin-d');
  });

  it('gives no reduced bone-metastasis dose of zoledronic acid in hypercalcaemia of malignancy, which is dosed at 4 mg', () => {
    const hypercalcaemia = engine.evaluate(extractCaseFacts('Corrected calcium 3.4 mmol/L, CrCl 35 mL/min, breast cancer with bone mets. What zoledronic acid dose for the hypercalcaemia?'));
    const found = hypercalcaemia.map((finding) => finding.id);
    expect(found).toContain('hypercalcaemia-zoledronic-acid-dose');
    expect(found).not.toContain('zoledronic-acid-dose');
    expect(found).not.toContain('bma-options-reduced-clearance');
    expect(found).not.toContain('reduced-clearance-agent-choice');
    expect(hypercalcaemia.some((finding) => finding.summary.includes('3 mg'))).toBe(false);
    // Without hypercalcaemia, or with a mild one, the clearance still sets the bone-metastasis dose.
    for (const message of ['CrCl 35 mL/min, breast cancer with bone mets', 'Corrected calcium 2.8 mmol/L, CrCl 35 mL/min, breast cancer with bone mets']) {
      const findings = engine.evaluate(extractCaseFacts(message));
      expect(findings.find((finding) => finding.id === 'zoledronic-acid-dose')?.result.doseMg).toBe(3);
      expect(findings.map((finding) => finding.id)).toContain('bma-options-reduced-clearance');
    }
  });

  it('offers a single fraction only for an uncomplicated painful lesion', () => {
    const impending = { site: 'peritrochanteric', pain: 'functional', type: 'lytic', corticalInvolvement: 'over-two-thirds' } as const;
    expect(byId({ boneLesions: [impending] }, 'mirels-score')?.result.score).toBeGreaterThanOrEqual(9);
    expect(ids({ boneLesions: [impending] })).not.toContain('single-fraction-for-painful-bone-metastasis');
    for (const sinsScore of [11, 12]) expect(ids({ metastaticSites: ['bone'], symptoms: ['bone-pain'], sinsScore })).not.toContain('single-fraction-for-painful-bone-metastasis');
    expect(ids({ boneLesions: [{ site: 'rib', pain: 'present' }], spinalCordCompression: true })).not.toContain('single-fraction-for-painful-bone-metastasis');
    expect(ids({ boneLesions: [{ site: 'lower-limb', pain: 'present', surgicallyStabilised: true }] })).not.toContain('single-fraction-for-painful-bone-metastasis');
    expect(ids({ boneLesions: [{ site: 'rib', pain: 'present' }] })).toContain('single-fraction-for-painful-bone-metastasis');
    expect(ids({ metastaticSites: ['bone'], symptoms: ['bone-pain'], sinsScore: 4 })).toContain('single-fraction-for-painful-bone-metastasis');
  });

  it('grades a measured calcium of 15 mg/dL without albumin as severe', () => {
    const findings = engine.evaluate(extractCaseFacts('calcium 15 mg/dL, bone metastases'));
    expect(findings.find((finding) => finding.id === 'corrected-calcium')).toMatchObject({
      indicator: 'critical',
      result: { measuredCalciumMgPerDl: 15, band: 'severe', correctedForAlbumin: false },
    });
    expect(findings.map((finding) => finding.id)).toContain('severe-hypercalcaemia-calcitonin');
    // A normal measured value cannot be graded without albumin: no band, no finding.
    expect(ids({ calciumMgPerDl: 9.4 })).not.toContain('corrected-calcium');
  });

  it('names trastuzumab deruxtecan the standard second line after 1 line, not after 3', () => {
    expect(ids({ her2: 'positive', priorLinesForMetastatic: 1 })).toContain('her2-positive-second-line');
    expect(ids({ her2: 'positive', priorLinesForMetastatic: 3 })).not.toContain('her2-positive-second-line');
  });

  it('offers sacituzumab govitecan after a relapse within 12 months of adjuvant chemotherapy and 1 metastatic line', () => {
    const facts = extractCaseFacts('Triple-negative breast cancer that relapsed 8 months after adjuvant chemotherapy, progressed on 1 line for metastatic disease');
    expect(facts).toMatchObject({ relapseWithin12MonthsOfAdjuvantChemotherapy: true, priorLinesForMetastatic: 1 });
    expect(engine.evaluate(facts).find((finding) => finding.id === 'triple-negative-sacituzumab')?.summary).toMatch(/within 12 months of \(neo\)adjuvant chemotherapy/);
    const late = extractCaseFacts('Triple-negative breast cancer that relapsed 18 months after adjuvant chemotherapy, progressed on 1 line for metastatic disease');
    expect(late.relapseWithin12MonthsOfAdjuvantChemotherapy).toBe(false);
    expect(ids(late)).not.toContain('triple-negative-sacituzumab');
    expect(ids({ er: 'negative', pr: 'negative', her2: 'negative', priorLinesForMetastatic: 2 })).toContain('triple-negative-sacituzumab');
  });

  it('never rounds a creatinine clearance of 29.96 mL/min into the 3 mg band', () => {
    const dose = engine.evaluate(extractCaseFacts('CrCl 29.96 mL/min, bone metastases')).find((finding) => finding.id === 'zoledronic-acid-dose');
    expect(dose?.result).toEqual({ creatinineClearanceMlPerMin: 29.9, band: '< 30 mL/min', doseMg: 'not recommended' });
    expect(dose?.summary).toContain('29.9 mL/min');
  });

  it('tells denosumab\'s kidney advice for an eGFR below 30, and lists no 4 mg zoledronic acid option then', () => {
    const low = engine.evaluate({ metastaticSites: ['bone'], egfr: 25 });
    expect(low.find((finding) => finding.id === 'low-egfr-denosumab')?.summary).toMatch(/no dose adjustment for kidney function[^.]*eGFR of 25 calcium levels and calcium and vitamin D intake should be monitored/);
    expect(low.map((finding) => finding.id)).not.toContain('bma-options');
    expect(ids({ metastaticSites: ['bone'], egfr: 45 })).not.toContain('low-egfr-denosumab');
    expect(ids({ metastaticSites: ['bone'], egfr: 25, creatinineClearance: 28 })).not.toContain('low-egfr-denosumab');
  });

  it('lists no 4 mg zoledronic acid option when zoledronic acid is not recommended or reduced', () => {
    const severe = engine.evaluate(extractCaseFacts('72-year-old woman, 50 kg, creatinine 2.4 mg/dL, bone metastases'));
    expect(severe.map((finding) => finding.id)).toEqual(expect.arrayContaining(['severe-renal-impairment-agent-choice', 'zoledronic-acid-dose']));
    expect(severe.some((finding) => /zoledronic acid[^.]*\b4 mg/.test(finding.summary))).toBe(false);
    const reduced = engine.evaluate(extractCaseFacts('68-year-old woman, 70 kg, creatinine 1.6 mg/dL, bone metastases'));
    expect(reduced.map((finding) => finding.id)).not.toContain('bma-options');
    expect(reduced.find((finding) => finding.id === 'bma-options-reduced-clearance')?.summary).toBe(
      'The options are denosumab 120 mg subcutaneously every 4 weeks, with no dose adjustment for kidney function, or zoledronic acid intravenously every 12 weeks or every 3–4 weeks at 3 mg, the dose for a creatinine clearance of 37.2 mL/min.',
    );
    expect(ids({ metastaticSites: ['bone'] })).toContain('bma-options');
  });

  it('counts the higher Mirels score when one is given and another calculated', () => {
    const lesion = { site: 'upper-limb', pain: 'none', type: 'lytic', corticalInvolvement: 'under-one-third' } as const;
    expect(ids({ boneLesions: [lesion], mirelsScore: 9 })).toContain('mirels-prophylactic-fixation');
  });
});

// The Zometa label doses by the clearance before the first dose and judges a later fall by serum
// creatinine: a clearance measured on treatment must never lower the dose by the table.
describe('a creatinine clearance measured on zoledronic acid', () => {
  const doseOf = (facts: Partial<CaseFacts>) => byId(facts, 'zoledronic-acid-dose')?.result.doseMg;

  it.each([
    ['Her CrCl is now 38, what should I do with the next dose?', undefined, 38],
    ['On zoledronic acid, baseline CrCl 75, her CrCl has dropped to 38. What about the next dose?', 75, 38],
    ['baseline crcl 75, now 38', 75, 38],
    ['CrCl has fallen from 75 to 38 since she started zoledronic acid', 75, 38],
    ['crcl 38 (baseline 75)', 75, 38],
  ])('reads %s as a value on treatment', (text, baseline, onTreatment) => {
    const facts = extractCaseFacts(text);
    expect(facts.creatinineClearance).toBe(baseline);
    expect(facts.creatinineClearanceOnTreatment).toBe(onTreatment);
    const findings = ids(facts);
    expect(findings).toContain('zoledronic-acid-clearance-on-treatment');
    expect(findings).not.toContain('reduced-clearance-agent-choice');
    // Only the baseline sets a dose: 4 mg from 75, never the 3 mg of the 30-39 band.
    expect(doseOf(facts)).toBe(baseline === undefined ? undefined : 4);
    expect(byId(facts, 'zoledronic-acid-clearance-on-treatment')?.summary).toMatch(/withholds treatment for renal deterioration.*resumes the same dose/);
  });

  it.each([
    // Before the first dose the latest clearance is the one the dose is read from.
    ['CrCl has dropped to 38, can she be started on zoledronic acid?', 3],
    ['and if CrCl drops to 25?', 'not recommended'],
    ['CrCl 45 on zoledronic acid planning', 3.3],
    ['baseline CrCl 75, now 38, she has not yet had any zoledronic acid', 3],
  ])('doses %s by the clearance given', (text, dose) => {
    const facts = extractCaseFacts(text);
    expect(facts.creatinineClearanceOnTreatment).toBeUndefined();
    expect(doseOf(facts)).toBe(dose);
    expect(ids(facts)).not.toContain('zoledronic-acid-clearance-on-treatment');
  });
});
