// Integration: the shipped rules/ folder against the shipped knowledge/ folder. These tests fail when a
// knowledge edit removes or renames a passage a rule, calculator or red flag cites, which is the point.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, KnowledgeBase } from '../../src/domain/types.js';
import { inspectKnowledge } from '../../src/knowledge/load-knowledge.js';
import type { CaseFacts } from '../../src/rules/case-schema.js';
import { extractCaseFacts } from '../../src/rules/extract-facts.js';
import { loadRules } from '../../src/rules/load-rules.js';
import { findContradictions } from '../../src/rules/rule-properties.js';
import { numbersIn, type RulesEngine } from '../../src/rules/rules-engine.js';
import { inspectTriage, triageDirOf } from '../../src/triage/load-triage.js';

let knowledge: KnowledgeBase;
let engine: RulesEngine;

beforeAll(async () => {
  knowledge = (await inspectKnowledge('knowledge')).base;
  engine = await loadRules('rules', knowledge);
});

const CASES: Array<Partial<CaseFacts>> = [
  { age: 68, sex: 'female', weightKg: 70, creatinineMgPerDl: 1.6, er: 'positive', her2: 'negative', metastaticSites: ['bone'] },
  { age: 85, sex: 'female', weightKg: 45, creatinineMgPerDl: 2.5, metastaticSites: ['bone'], calciumMgPerDl: 8, albuminGPerDl: 4 },
  { egfr: 35, metastaticSites: ['bone'] },
  { age: 67, sex: 'male', er: 'positive', her2: 'negative', metastaticSites: ['bone'] },
  { egfr: 25, metastaticSites: ['bone'] },
  { creatinineMgPerDl: 1.2 },
  { calciumMgPerDl: 14.5, albuminGPerDl: 2.5, creatinineClearance: 45 },
  { calciumMgPerDl: 11, albuminGPerDl: 4, pth: 'normal' },
  { er: 'positive', her2: 'negative', visceralCrisis: true, menopausalStatus: 'premenopausal' },
  { er: 'positive', her2: 'negative', priorLinesForMetastatic: 1, priorCdk46Inhibitor: true, pik3caMutation: true, esr1Mutation: true, aktPathwayAlteration: true, germlineBrcaVariant: true },
  { her2: 'positive' },
  { her2: 'positive', priorLinesForMetastatic: 1 },
  { er: 'positive', her2: 'low', priorChemotherapy: true },
  { er: 'negative', pr: 'negative', her2: 'negative', pdl1Cps: 12 },
  { er: 'negative', pr: 'negative', her2: 'negative', pdl1Cps: 5, priorLinesForMetastatic: 2 },
  { boneLesions: [{ site: 'peritrochanteric', pain: 'functional', type: 'lytic', corticalInvolvement: 'over-two-thirds' }] },
  { boneLesions: [{ site: 'lower-limb', pain: 'moderate', type: 'mixed', corticalInvolvement: 'one-third-to-two-thirds' }] },
  { boneLesions: [{ site: 'spine', pain: 'present', type: 'lytic' }] },
  { boneLesions: [{ site: 'lower-limb', surgicallyStabilised: true, pathologicalFracture: true }] },
  { spine: { location: 'junctional', pain: 'mechanical', lesionType: 'lytic', alignment: 'normal', collapse: 'under-50-percent', posterolateral: 'unilateral' } },
  { sinsScore: 15 },
  { spinalCordCompression: true, metastaticSites: ['bone'] },
  { spinalCordCompression: true, fitForSurgery: false },
  { metastaticLesionCount: 3, metastaticSites: ['bone'] },
  { metastaticSites: ['bone'], symptoms: ['bone-pain'] },
  { baselineCreatinineMgPerDl: 0.9, creatinineMgPerDl: 1.5 },
  { baselineCreatinineMgPerDl: 0.905, creatinineMgPerDl: 1.493 },
  { baselineCreatinineMgPerDl: 1.4, creatinineMgPerDl: 1.9 },
  { baselineCreatinineMgPerDl: 1.5, creatinineMgPerDl: 2.4 },
  { age: 68, sex: 'female', weightKg: 70, metastaticSites: ['bone'], baselineCreatinineMgPerDl: 0.9, creatinineMgPerDl: 1.5 },
  { baselineCreatinineMgPerDl: 1.1 },
  { calciumMgPerDl: 7.2, albuminGPerDl: 4 },
];

function allFindings(): Finding[] {
  return CASES.flatMap((facts) => engine.evaluate(facts));
}

describe('the rules folder', () => {
  it('loads against the knowledge folder without problems (what npm run rules:check checks)', async () => {
    expect(engine.rules.length).toBeGreaterThanOrEqual(40);
    expect((await inspectTriage(triageDirOf('knowledge'), knowledge)).problems).toEqual([]);
  });

  it('has every rule fire on at least one of the test cases', () => {
    const fired = new Set(allFindings().map((finding) => finding.id));
    const silent = engine.rules.map((rule) => rule.id).filter((id) => !fired.has(id));
    expect(silent).toEqual([]);
  });

  it('only states numbers that its cited passages or its own result hold', () => {
    const passages = new Map(knowledge.passages.map((passage) => [passage.id, passage.text]));
    for (const finding of allFindings()) {
      const allowed = new Set([
        ...finding.passageIds.flatMap((id) => numbersIn(passages.get(id) ?? '')),
        ...Object.values(finding.result).flatMap((value) => numbersIn(String(value))),
      ]);
      const stray = numbersIn(finding.summary).filter((number) => !allowed.has(number));
      expect({ id: finding.id, stray }).toEqual({ id: finding.id, stray: [] });
    }
  });

  it('gives every finding a single sentence, a known indicator and existing citations', () => {
    const ids = new Set(knowledge.passages.map((passage) => passage.id));
    for (const finding of allFindings()) {
      expect(finding.summary).toMatch(/^[A-Z].*[.]$/);
      expect(['info', 'warning', 'critical']).toContain(finding.indicator);
      expect(finding.passageIds.length).toBeGreaterThan(0);
      for (const id of finding.passageIds) expect(ids.has(id), id).toBe(true);
    }
  });

  it('answers the issue example with dose, dental, calcium and vitamin D, and first-line therapy findings', () => {
    const facts = extractCaseFacts(
      '68-year-old woman, 70 kg, creatinine 1.6 mg/dL, new bone metastases from ER+ HER2- breast cancer — which bone agent and what dose?',
    );
    const findings = engine.evaluate(facts);
    const byId = new Map(findings.map((finding) => [finding.id, finding]));
    expect(byId.get('zoledronic-acid-dose')?.result).toEqual({ creatinineClearanceMlPerMin: 37.2, band: '30-39 mL/min', doseMg: 3 });
    expect(byId.get('reduced-clearance-agent-choice')?.summary).toMatch(/denosumab needs no dose adjustment/);
    expect(byId.has('bma-dental-assessment')).toBe(true);
    expect(byId.get('bma-calcium-vitamin-d')?.summary).toMatch(/500 mg and 400 IU/);
    expect(byId.get('hr-positive-first-line')?.summary).toMatch(/CDK4\/6 inhibitor/);
    expect(findings[0]?.indicator).not.toBe('info');
  });

  it('withholds zoledronic acid for renal deterioration in the clinician example, and resumes at the same dose', () => {
    const facts = extractCaseFacts("Baseline creat 0.9, on zol 4 mg q4w, creat 1.5 mg/dL on today's pre-dose bloods. Hold it? When do we restart, and at what dose?");
    const findings = engine.evaluate(facts);
    const deterioration = findings.find((finding) => finding.id === 'zoledronic-acid-renal-deterioration');
    expect(deterioration?.indicator).toBe('critical');
    expect(findings[0]).toBe(deterioration);
    expect(deterioration?.result).toMatchObject({ zoledronicAcid: 'withhold', riseMgPerDl: 0.6, deteriorationRiseMgPerDl: 0.5, resumeAtOrBelowMgPerDl: 0.99 });
    expect(deterioration?.summary).toMatch(/rise of 0\.6 mg\/dL .*withheld.*within 10% of baseline \(0\.99 mg\/dL or below\), at the same dose as before the interruption\.$/);
    expect(findContradictions(facts, findings)).toEqual([]);
  });

  it('doses zoledronic acid from the baseline creatinine, not the raised one, when a baseline is given', () => {
    const facts = extractCaseFacts('68-year-old woman, 70 kg, bone metastases, baseline creatinine 0.9, creatinine now 1.5 on zoledronic acid');
    expect(facts).toMatchObject({ baselineCreatinineMgPerDl: 0.9, creatinineMgPerDl: 1.5 });
    const findings = engine.evaluate(facts);
    const dose = findings.find((finding) => finding.id === 'zoledronic-acid-dose');
    // From the baseline: (140 − 68) × 70 × 0.85 / (72 × 0.9) = 66.1 mL/min → 4 mg; from 1.5 it would be 39.7 mL/min → 3 mg.
    expect(dose?.summary).toBe('Creatinine clearance by Cockcroft-Gault from the baseline creatinine is 66.1 mL/min (> 60 mL/min), so the zoledronic acid dose for bone metastases per the label is 4 mg.');
    expect(dose?.inputs).toEqual({ age: 68, sex: 'female', weightKg: 70, baselineCreatinineMgPerDl: 0.9 });
    expect(findings.map((finding) => finding.id)).not.toContain('bma-options-reduced-clearance');
    expect(findings.find((finding) => finding.id === 'zoledronic-acid-renal-deterioration')?.indicator).toBe('critical');
    expect(findContradictions(facts, findings)).toEqual([]);
  });

  it('leaves the dose from the current creatinine as it was when no baseline is given', () => {
    const findings = engine.evaluate({ age: 68, sex: 'female', weightKg: 70, creatinineMgPerDl: 1.5, metastaticSites: ['bone'] });
    const dose = findings.find((finding) => finding.id === 'zoledronic-acid-dose');
    expect(dose?.summary).toBe('Creatinine clearance by Cockcroft-Gault is 39.7 mL/min (30-39 mL/min), so the zoledronic acid dose for bone metastases per the label is 3 mg.');
    expect(findings.map((finding) => finding.id)).not.toContain('zoledronic-acid-renal-deterioration');
  });

  it('keeps the first-line HR-positive finding out of visceral crisis and later lines', () => {
    const ids = (facts: Partial<CaseFacts>) => engine.evaluate(facts).map((finding) => finding.id);
    expect(ids({ er: 'positive', her2: 'negative', visceralCrisis: true })).not.toContain('hr-positive-first-line');
    expect(ids({ er: 'positive', her2: 'negative', priorLinesForMetastatic: 2 })).not.toContain('hr-positive-first-line');
    expect(ids({ er: 'positive', her2: 'positive' })).not.toContain('hr-positive-first-line');
  });
});
