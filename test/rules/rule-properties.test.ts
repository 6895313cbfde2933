// The property check behind `npm run rules:check`: no case yields contradictory findings, and every band
// edge rounds toward caution. Run here with fast-check over generated cases, and on crafted failures so
// the check itself is shown to catch what it must.
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/types.js';
import { inspectKnowledge } from '../../src/knowledge/load-knowledge.js';
import { CALCIUM_EDGES, caseFactsArbitrary, checkRuleProperties, CLEARANCE_EDGES, CREATININE_PAIRS } from '../../src/rules/check-rule-properties.js';
import { loadRules } from '../../src/rules/load-rules.js';
import { bandOfCalcium } from '../../src/rules/calculators/corrected-calcium.js';
import { bandOfClearance, zoledronicAcidDoseFinding, zoledronicAcidDoseFindingFromBaseline } from '../../src/rules/calculators/zoledronic-acid-dose.js';
import { zoledronicAcidRenalDeterioration, zoledronicAcidRenalDeteriorationFinding, type RenalDeterioration } from '../../src/rules/calculators/zoledronic-acid-renal-deterioration.js';
import { roundToTenth } from '../../src/rules/format-number.js';
import { bandEdgeViolations, findContradictions, renalDeteriorationEdgeViolations } from '../../src/rules/rule-properties.js';
import type { RulesEngine } from '../../src/rules/rules-engine.js';

let engine: RulesEngine;
beforeAll(async () => {
  engine = await loadRules('rules', (await inspectKnowledge('knowledge')).base);
});

const finding = (id: string, result: Finding['result']): Finding => ({ id, title: id, summary: `${id}.`, indicator: 'info', inputs: {}, result, passageIds: ['x#y-1'] });

describe('the bundled rules and calculators', () => {
  test.prop([caseFactsArbitrary], { numRuns: 300 })('never yield contradictory findings', (facts) => {
    expect(findContradictions(facts, engine.evaluate(facts))).toEqual([]);
  });

  it('round every band edge toward caution and show a number that reads as its band', () => {
    expect(CLEARANCE_EDGES).toContain(29.96);
    expect(CALCIUM_EDGES).toContain(14.04);
    expect(bandEdgeViolations(CLEARANCE_EDGES, CALCIUM_EDGES)).toEqual([]);
  });

  test.prop([fc.double({ min: 0, max: 250, noNaN: true }), fc.double({ min: 2, max: 25, noNaN: true })])('round toward caution anywhere in the range', (clearance, calcium) => {
    expect(bandEdgeViolations([clearance], [calcium])).toEqual([]);
  });

  it('decide renal deterioration toward caution at every edge: a rise at the threshold counts, 1.4 takes 0.5, resume never above baseline + 10%', () => {
    expect(CREATININE_PAIRS).toEqual(expect.arrayContaining([[0.9, 1.4], [1.4, 1.9], [1.5, 2.5], [1.399, 1.899], [1.401, 2.401]]));
    expect(renalDeteriorationEdgeViolations(CREATININE_PAIRS)).toEqual([]);
  });

  test.prop([fc.double({ min: 0.1, max: 15, noNaN: true }), fc.double({ min: 0.1, max: 30, noNaN: true })])('decide renal deterioration toward caution anywhere in the range', (baseline, current) => {
    expect(renalDeteriorationEdgeViolations([[baseline, current]])).toEqual([]);
  });

  it('generate cases with a baseline and a later creatinine, some of them renal deterioration with a dose', () => {
    const cases = fc.sample(caseFactsArbitrary, { numRuns: 2000, seed: 7 });
    const deteriorationWithDose = cases.filter((facts) => {
      const findings = engine.evaluate(facts);
      return findings.some((item) => item.result.zoledronicAcid === 'withhold') && findings.some((item) => item.id === 'zoledronic-acid-dose');
    });
    expect(cases.filter((facts) => facts.baselineCreatinineMgPerDl !== undefined && facts.creatinineMgPerDl !== undefined).length).toBeGreaterThan(200);
    expect(deteriorationWithDose.length).toBeGreaterThan(10);
  });

  it('pass the same check rules:check runs', () => {
    expect(checkRuleProperties(engine, { runs: 200 }).problems).toEqual([]);
  });
});

describe('the contradiction check', () => {
  it('finds an agent both not recommended and dosed', () => {
    const found = findContradictions({}, [finding('zoledronic-acid-dose', { doseMg: 'not recommended' }), finding('bma-options', { zoledronicAcidDoseMg: 4 })]);
    expect(found.map((item) => item.property)).toEqual(['an agent is both not recommended and dosed']);
  });

  it('finds two different doses of one drug, but not doses for different indications', () => {
    expect(findContradictions({}, [finding('zoledronic-acid-dose', { doseMg: 3 }), finding('bma-options', { zoledronicAcidDoseMg: 4 })])[0]?.detail).toBe(
      'zoledronicAcid: 3 mg (zoledronic-acid-dose) vs 4 mg (bma-options)',
    );
    expect(findContradictions({}, [finding('zoledronic-acid-dose', { doseMg: 3 }), finding('hypercalcaemia', { zoledronicAcidForHypercalcaemiaDoseMg: 4 })])).toEqual([]);
  });

  it('finds a reduced zoledronic acid dose beside hypercalcaemia of malignancy, but not beside a mild hypercalcaemia', () => {
    const found = findContradictions({}, [finding('corrected-calcium', { band: 'moderate' }), finding('zoledronic-acid-dose', { doseMg: 3 })]);
    expect(found.map((item) => item.property)).toEqual(['a reduced zoledronic acid dose in hypercalcaemia of malignancy']);
    expect(findContradictions({}, [finding('corrected-calcium', { band: 'mild' }), finding('zoledronic-acid-dose', { doseMg: 3 })])).toEqual([]);
    expect(findContradictions({}, [finding('corrected-calcium', { band: 'severe' }), finding('zoledronic-acid-dose', { doseMg: 4 })])).toEqual([]);
  });

  it('finds calcium supplements alongside hypercalcaemia', () => {
    const found = findContradictions({}, [finding('corrected-calcium', { band: 'moderate' }), finding('bma-calcium-vitamin-d', { calciumSupplement: true })]);
    expect(found.map((item) => item.property)).toEqual(['calcium supplements with hypercalcaemia']);
    expect(findContradictions({}, [finding('corrected-calcium', { band: 'normal' }), finding('bma-calcium-vitamin-d', { calciumSupplement: true })])).toEqual([]);
  });

  it.each([
    [{ spinalCordCompression: true }, [], 'spinal cord compression'],
    [{ symptoms: ['bone-pain' as const, 'leg-weakness' as const] }, [], 'signs of cord compression (leg-weakness)'],
    [{ mirelsScore: 9 }, [], 'Mirels 9'],
    [{}, [finding('sins-score', { score: 11 })], 'SINS 11'],
    [{ boneLesions: [{ site: 'lower-limb' as const, surgicallyStabilised: true }] }, [], 'surgical stabilisation'],
  ])('finds a single fraction on a complicated lesion (%j)', (facts, extra, why) => {
    const found = findContradictions(facts, [...extra, finding('single-fraction', { singleFraction: true })]);
    expect(found[0]?.detail).toContain(why);
  });

  it('finds spinal SBRT beside cord compression or its signs, and a surgical opinion for a person not fit for surgery', () => {
    expect(findContradictions({ symptoms: ['numbness'] }, [finding('spinal-sbrt', { spinalSbrt: true })])[0]?.property).toBe('spinal SBRT beside cord compression');
    expect(findContradictions({ symptoms: ['back-pain'] }, [finding('spinal-sbrt', { spinalSbrt: true })])).toEqual([]);
    expect(findContradictions({ fitForSurgery: false }, [finding('surgery', { surgicalOpinion: true })])[0]?.property).toBe('a surgical opinion for a person not fit for surgery');
    expect(findContradictions({ fitForSurgery: true }, [finding('surgery', { surgicalOpinion: true })])).toEqual([]);
  });

  it('finds a zoledronic acid dose worked out from the raised creatinine of renal deterioration', () => {
    const deterioration = zoledronicAcidRenalDeteriorationFinding({ baselineCreatinineMgPerDl: 0.9, creatinineMgPerDl: 1.5 })!;
    const patient = { age: 68, sex: 'female', weightKg: 70 } as const;
    const fromRaised = zoledronicAcidDoseFinding({ ...patient, creatinineMgPerDl: 1.5 });
    expect(findContradictions({}, [deterioration, fromRaised])).toEqual([
      {
        property: 'a dose from the raised creatinine of renal deterioration',
        detail: 'zoledronic-acid-dose works from creatinine 1.5 mg/dL, the rise zoledronic-acid-renal-deterioration withholds zoledronic acid for',
      },
    ]);
    const ruleFromRaised = { ...finding('some-rule', { zoledronicAcidDoseMg: 3 }), inputs: { creatinineMgPerDl: 1.5 } };
    expect(findContradictions({}, [deterioration, ruleFromRaised]).map((item) => item.property)).toEqual(['a dose from the raised creatinine of renal deterioration']);
    // From the baseline, or without renal deterioration, the same dose is no contradiction.
    expect(findContradictions({}, [deterioration, zoledronicAcidDoseFindingFromBaseline({ ...patient, baselineCreatinineMgPerDl: 0.9 })])).toEqual([]);
    const belowThreshold = zoledronicAcidRenalDeteriorationFinding({ baselineCreatinineMgPerDl: 0.9, creatinineMgPerDl: 1.3 })!;
    expect(findContradictions({}, [belowThreshold, zoledronicAcidDoseFinding({ ...patient, creatinineMgPerDl: 1.3 })])).toEqual([]);
  });

  it('finds a renal deterioration decision that is not cautious at its edges', () => {
    const exact = zoledronicAcidRenalDeterioration;
    // Plain floating-point subtraction: 1.4 − 0.9 = 0.4999999999999999 hides a rise of 0.5.
    const plainSubtraction = (input: Parameters<typeof exact>[0]): RenalDeterioration => {
      const result = exact(input);
      return { ...result, deteriorated: input.creatinineMgPerDl - input.baselineCreatinineMgPerDl >= result.deteriorationRiseMgPerDl };
    };
    expect(renalDeteriorationEdgeViolations([[0.9, 1.4]], plainSubtraction).map((violation) => violation.property)).toEqual([
      'a rise at the threshold is deterioration',
      'the number shown reads as the decision',
    ]);
    // Taking a baseline of exactly 1.4 as abnormal asks for the larger rise.
    const atLimitAbnormal = (input: Parameters<typeof exact>[0]): RenalDeterioration => {
      const result = exact(input);
      return input.baselineCreatinineMgPerDl >= 1.4 ? { ...result, deteriorationRiseMgPerDl: 1, deteriorated: result.riseMgPerDl >= 1 } : result;
    };
    expect(renalDeteriorationEdgeViolations([[1.4, 1.9]], atLimitAbnormal).map((violation) => violation.detail)).toEqual([
      "baseline creatinine 1.4 mg/dL, creatinine 1.9 mg/dL: deterioration needs a rise of 1 mg/dL, the label's is 0.5 mg/dL",
      'baseline creatinine 1.4 mg/dL, creatinine 1.9 mg/dL: a rise of 0.5 mg/dL or more not reported as renal deterioration',
    ]);
    // Rounding the creatinine to resume at up, not down, lets zoledronic acid restart too early.
    const roundedUp = (input: Parameters<typeof exact>[0]): RenalDeterioration => ({ ...exact(input), resumeAtOrBelowMgPerDl: Math.ceil(input.baselineCreatinineMgPerDl * 110) / 100 });
    expect(renalDeteriorationEdgeViolations([[0.87, 1.5]], roundedUp).map((violation) => violation.property)).toEqual(['resume never above baseline + 10%']);
  });

  it('finds a band edge rounded away from caution, as plain rounding to one decimal would', () => {
    const nearest = {
      clearance: (value: number) => {
        const shown = roundToTenth(value);
        return { creatinineClearance: shown, band: bandOfClearance(shown), doseMg: null };
      },
      calcium: (value: number) => ({ correctedCalcium: roundToTenth(value), band: bandOfCalcium(roundToTenth(value)), exact: value }),
    };
    expect(bandEdgeViolations([29.96, 45], [14.04, 8.46, 13], nearest).map((violation) => violation.detail)).toEqual([
      'creatinine clearance 29.96 mL/min is < 30 mL/min but reported as 30-39 mL/min',
      'calcium 14.04 mg/dL is severe but reported as moderate',
      'calcium 8.46 mg/dL is low but reported as normal',
    ]);
    const inconsistent = { ...nearest, clearance: (value: number) => ({ creatinineClearance: 30, band: bandOfClearance(value), doseMg: null }) };
    expect(bandEdgeViolations([29.96], [], inconsistent)[0]?.property).toBe('the number shown reads as its band');
  });
});
